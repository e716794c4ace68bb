// The guide's "Mixing sync and async code" (and its pitfall "Mixing sync and async incorrectly"):
// async code calls blocking, synchronous code through aio::to_thread, so the call runs on a
// worker thread and the loop keeps running other tasks (a ticker keeps ticking; the blocking
// call even waits for those ticks, which could never happen if it ran on the loop's thread);
// its exceptions come back to the awaiting coroutine. Synchronous code calls async code with
// aio::run (a fresh loop, run to completion, closed) or an explicit event_loop's
// run_until_complete; never from inside a coroutine, where one just co_awaits.
#include <aio/aio.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

using namespace std::chrono_literals;

std::atomic<int> ticks{0};

// A legacy, blocking function: it polls (blocking its thread) until the loop has ticked 3 times.
int wait_for_three_ticks() {
  while (ticks.load() < 3) std::this_thread::sleep_for(1ms);
  return ticks.load();
}

// Another blocking one, which fails.
std::string read_legacy_config(const std::string& path) {
  std::this_thread::sleep_for(10ms);
  throw std::runtime_error("cannot read " + path);
}

aio::task<> ticker() {
  for (;;) {
    co_await aio::sleep(100ms);
    std::printf("tick %d\n", ++ticks);
  }
}

aio::task<> main_task() {
  auto ticking = aio::create_task(ticker());
  const int seen = co_await aio::to_thread(wait_for_three_ticks);  // the loop runs the ticker meanwhile
  std::printf("the blocking call returned after %d ticks of the loop\n", seen);
  try {
    co_await aio::to_thread(read_legacy_config, std::string("/etc/legacy.conf"));
  } catch (const std::runtime_error& e) {
    std::printf("caught from the worker thread: %s\n", e.what());
  }
  ticking.cancel();
  try {
    co_await ticking;
  } catch (const aio::cancelled_error&) {
    std::puts("ticker stopped");
  }
}

aio::task<std::string> greet(std::string name) {
  co_await aio::sleep(10ms);
  co_return "Hello, " + name + "!";
}

// A synchronous API over async code: aio::run gives the coroutine's result.
std::string greet_sync(const std::string& name) { return aio::run(greet(name)); }

int main() {
  std::puts(greet_sync("Alice").c_str());

  aio::event_loop loop;  // the explicit form: loop.run_until_complete(main())
  std::puts(loop.run_until_complete(greet("Bob")).c_str());
  loop.close();

  aio::run(main_task());
}

// CHECK:      Hello, Alice!
// CHECK-NEXT: Hello, Bob!
// CHECK-NEXT: tick 1
// CHECK-NEXT: tick 2
// CHECK-NEXT: tick 3
// CHECK-NEXT: the blocking call returned after 3 ticks of the loop
// CHECK-NEXT: caught from the worker thread: cannot read /etc/legacy.conf
// CHECK-NEXT: ticker stopped
