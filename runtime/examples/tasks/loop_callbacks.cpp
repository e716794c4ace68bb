// Callbacks next to coroutines (the tutorial's "Callback Functions" shows the task side; its
// full version is patterns/callbacks.cpp). A done callback added to a task handle runs on the
// loop once the task is done, in the order added, and reads the outcome through the handle;
// one removed before then never runs. Setting an aio::event from a callback is how callback
// code hands control back to a coroutine. The loop's own callbacks are plain functions run
// later: call_soon on the next iteration (once the running task suspends), call_later and
// call_at at their time, never if cancelled first.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<int> compute(int value) {
  co_await aio::sleep(1s);
  if (value < 0) throw std::invalid_argument("negative value");
  co_return value * 2;
}

aio::task<> main_task() {
  elapsed();
  aio::event finished;
  auto task = aio::create_task(compute(20));
  task.add_done_callback([](aio::join_handle<int>& done) {
    std::printf("first callback at %.1f s: result %d\n", elapsed(), done.result());
  });
  const auto removed = task.add_done_callback([] { std::puts("a removed callback ran"); });
  task.add_done_callback([&finished] {
    std::puts("second callback: waking main_task");
    finished.set();
  });
  std::printf("removed %zu callback\n", task.remove_done_callback(removed));
  co_await finished.wait();
  std::printf("main_task woken at %.1f s\n", elapsed());

  finished.clear();
  auto failing = aio::create_task(compute(-1));
  failing.add_done_callback([&finished](aio::join_handle<int>& done) {
    try {
      std::rethrow_exception(done.exception());
    } catch (const std::exception& e) {
      std::printf("failure seen by the callback: %s\n", e.what());
    }
    finished.set();
  });
  co_await finished.wait();

  auto& loop = aio::get_running_loop();
  loop.call_later(1s, [] { std::printf("call_later(1 s) ran at %.1f s\n", elapsed()); });
  loop.call_at(loop.time() + 1500ms, [] { std::printf("call_at(now + 1.5 s) ran at %.1f s\n", elapsed()); });
  auto never = loop.call_later(2s, [] { std::puts("a cancelled timer ran"); });
  loop.call_soon([] { std::printf("call_soon ran at %.1f s, once main_task suspended\n", elapsed()); });
  never.cancel();
  std::printf("loop callbacks scheduled at %.1f s\n", elapsed());
  co_await aio::sleep(3s);
  std::printf("main_task resumed at %.1f s\n", elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      removed 1 callback
// CHECK-NEXT: first callback at 1.0 s: result 40
// CHECK-NEXT: second callback: waking main_task
// CHECK-NEXT: main_task woken at 1.0 s
// CHECK-NEXT: failure seen by the callback: negative value
// CHECK-NEXT: loop callbacks scheduled at 2.0 s
// CHECK-NEXT: call_soon ran at 2.0 s, once main_task suspended
// CHECK-NEXT: call_later(1 s) ran at 3.0 s
// CHECK-NEXT: call_at(now + 1.5 s) ran at 3.5 s
// CHECK-NEXT: main_task resumed at 5.0 s
