// The guide's "Callback functions": a coroutine that takes an async callback and awaits it with
// its result, and a task's done callbacks (add_done_callback), which run on the loop once the
// task has finished and read its outcome from the handle, result or exception. Done callbacks
// are queued with call_soon when the task ends, while a task awaiting it continues at once: so
// here "main awaited" comes before the done callback's line (in asyncio, where awaiting is itself
// a done callback, the one added first would run first).
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<int> task_with_callback(int value, std::function<aio::task<>(int)> callback) {
  co_await aio::sleep(1s);
  if (value < 0) throw std::invalid_argument("negative value");
  const int result = value * 2;
  co_await callback(result);
  co_return result;
}

aio::task<> on_complete(int result) {
  co_await aio::sleep(100ms);  // e.g. send a notification
  std::printf("Task complete, result: %d\n", result);
}

void done_callback(aio::join_handle<int>& task) {
  try {
    std::printf("Result obtained via done_callback: %d\n", task.result());
  } catch (const std::exception& e) {
    std::printf("Task exception: %s\n", e.what());
  }
}

aio::task<> main_task() {
  co_await task_with_callback(10, on_complete);

  auto task = aio::create_task(task_with_callback(20, on_complete));
  task.add_done_callback(done_callback);
  std::printf("main awaited: %d\n", co_await task);

  auto failing = aio::create_task(task_with_callback(-1, on_complete));
  failing.add_done_callback(done_callback);
  try {
    co_await failing;
  } catch (const std::invalid_argument& e) {
    std::printf("main caught: %s\n", e.what());
  }
}

int main() { aio::run(main_task()); }

// CHECK:      Task complete, result: 20
// CHECK-NEXT: Task complete, result: 40
// CHECK-NEXT: main awaited: 40
// CHECK-NEXT: Result obtained via done_callback: 40
// CHECK-NEXT: main caught: negative value
// CHECK-NEXT: Task exception: negative value
