// The tutorial's "Coroutine Nesting and Task Groups" (asyncio.TaskGroup, except*). A task group
// is a scope no child outlives: aio::with returns once every child is done, and the children's
// results are read from their handles. When one child fails, the group cancels its siblings
// (they may clean up), waits for them, and throws every failure together as an
// aio::exception_group; split<E>() is except* E: handle that part, rethrow the rest.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> task_with_exception(std::string name, std::chrono::seconds duration, bool should_fail) {
  try {
    co_await aio::sleep(duration);
  } catch (const aio::cancelled_error&) {
    std::printf("%s cancelled at %.1f s\n", name.c_str(), elapsed());
    throw;
  }
  if (should_fail) throw std::invalid_argument(name + " failed");
  std::printf("%s complete at %.1f s\n", name.c_str(), elapsed());
  co_return name;
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

aio::task<> main_task() {
  elapsed();
  std::vector<aio::join_handle<std::string>> handles;
  co_await aio::with(aio::task_group{}, [&handles](aio::task_group& tg) -> aio::task<> {
    for (int i = 1; i <= 3; ++i)
      handles.push_back(tg.create_task(task_with_exception("Task " + std::to_string(i), 1s, false)));
    co_return;
  });
  std::printf("All tasks completed successfully at %.1f s:", elapsed());
  for (const auto& h : handles) std::printf(" %s", h.result().c_str());
  std::printf("\n");

  try {
    co_await aio::with(aio::task_group{}, [](aio::task_group& tg) -> aio::task<> {
      tg.create_task(task_with_exception("Task 1", 1s, false));
      tg.create_task(task_with_exception("Task 2", 2s, true));
      tg.create_task(task_with_exception("Task 3", 5s, false));
      co_return;
    });
    std::puts("not reached: a child failed");
  } catch (const aio::exception_group& group) {
    auto [value_errors, rest] = group.split<std::invalid_argument>();
    if (rest) throw *rest;  // except* handles only its own kind
    std::printf("Caught %zu exception(s) at %.1f s\n", value_errors->exceptions().size(), elapsed());
    for (const auto& e : value_errors->exceptions()) std::printf(" - %s\n", describe(e).c_str());
  }
}

int main() { aio::run(main_task()); }

// The three 1 s children run together (equal deadlines wake in the order they were set).
// CHECK:      Task 1 complete at 1.0 s
// CHECK-NEXT: Task 2 complete at 1.0 s
// CHECK-NEXT: Task 3 complete at 1.0 s
// CHECK-NEXT: All tasks completed successfully at 1.0 s: Task 1 Task 2 Task 3
// CHECK-NEXT: Task 1 complete at 2.0 s
// CHECK-NEXT: Task 3 cancelled at 3.0 s
// CHECK-NEXT: Caught 1 exception(s) at 3.0 s
// CHECK-NEXT:  - Task 2 failed
