// The guide's class-based asynchronous iterator (AsyncRange with __aiter__ / __anext__ raising
// StopAsyncIteration): without a generator, an async iterator is an object whose next() is a
// coroutine giving the next value or std::nullopt at the end; `async for` is the same
// `while (auto v = co_await it.next())` loop as over an aio::async_generator. Its state lives in
// the object, so it can be paused between items and resumed later.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

class async_range {
 public:
  async_range(int start, int end) : current_(start), end_(end) {}

  // __anext__: the next value, or nullopt (StopAsyncIteration).
  aio::task<std::optional<int>> next() {
    if (current_ >= end_) co_return std::nullopt;
    co_await aio::sleep(100ms);  // simulate an asynchronous operation
    co_return current_++;
  }

 private:
  int current_;
  int end_;
};

aio::task<> main_task() {
  const auto start = aio::get_running_loop().time();
  async_range values(0, 5);
  while (auto i = co_await values.next()) {
    std::printf("Value: %d at %.1f s\n", *i, seconds_since(start));
    if (*i == 2) break;  // leave the loop early...
  }
  while (auto i = co_await values.next())  // ...and carry on where it stopped
    std::printf("Value: %d at %.1f s (resumed)\n", *i, seconds_since(start));
  std::printf("exhausted: %s\n", (co_await values.next()).has_value() ? "no" : "yes");
}

int main() { aio::run(main_task()); }

// CHECK:      Value: 0 at 0.1 s
// CHECK-NEXT: Value: 1 at 0.2 s
// CHECK-NEXT: Value: 2 at 0.3 s
// CHECK-NEXT: Value: 3 at 0.4 s (resumed)
// CHECK-NEXT: Value: 4 at 0.5 s (resumed)
// CHECK-NEXT: exhausted: yes
