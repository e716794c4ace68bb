// The guide's asynchronous decorators (async_timer, async_retry): higher-order functions that take
// a coroutine function and return one that times it or retries it, composed like stacked
// decorators. Each wrapper returns a plain lambda that calls a coroutine function taking what it
// needs by value, so the task never refers to the lambda object (which may be gone by the time
// the task runs). The order of composition matters: timing the retries counts the waits.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

template <class F, class... Args>
auto timed_call(std::string name, F fn, Args... args) -> decltype(fn(args...)) {
  const auto start = aio::get_running_loop().time();
  auto result = co_await fn(std::move(args)...);
  std::printf("%s took: %.2f seconds\n", name.c_str(), seconds_since(start));
  co_return result;
}

// @async_timer
template <class F>
auto timed(std::string name, F fn) {
  return [name = std::move(name), fn = std::move(fn)](auto... args) { return timed_call(name, fn, std::move(args)...); };
}

template <class F, class... Args>
auto retry_call(int max_attempts, std::chrono::milliseconds delay, F fn, Args... args) -> decltype(fn(args...)) {
  for (int attempt = 1;; ++attempt) {
    try {
      co_return co_await fn(args...);
    } catch (const std::exception& e) {
      if (attempt == max_attempts) throw;
      std::printf("Attempt %d failed: %s, retrying in %.1f seconds...\n", attempt, e.what(),
                  std::chrono::duration<double>(delay).count());
    }
    co_await aio::sleep(delay);
  }
}

// @async_retry(max_attempts, delay)
template <class F>
auto retry(int max_attempts, std::chrono::milliseconds delay, F fn) {
  return [=](auto... args) { return retry_call(max_attempts, delay, fn, std::move(args)...); };
}

int failures_left = 0;  // how many of the next calls fail

aio::task<std::string> unstable_api_call(std::string endpoint) {
  co_await aio::sleep(500ms);
  if (failures_left > 0) {
    --failures_left;
    throw std::runtime_error("API call to " + endpoint + " failed");
  }
  co_return "Success from " + endpoint;
}

aio::task<> main_task() {
  // @async_timer over @async_retry(max_attempts=3, delay=0.5): the time includes the retry.
  auto timed_retried = timed("unstable_api_call", retry(3, 500ms, unstable_api_call));
  failures_left = 1;
  std::printf("Result: %s\n", (co_await timed_retried("/users")).c_str());

  // The other order: each attempt is timed on its own; a failed attempt prints no time.
  auto retried_timed = retry(3, 500ms, timed("unstable_api_call", unstable_api_call));
  failures_left = 1;
  std::printf("Result: %s\n", (co_await retried_timed("/orders")).c_str());

  failures_left = 5;
  const auto start = aio::get_running_loop().time();
  try {
    co_await timed_retried("/health");
  } catch (const std::runtime_error& e) {
    std::printf("Final failure: %s after %.1f seconds\n", e.what(), seconds_since(start));
  }
}

int main() { aio::run(main_task()); }

// CHECK:      Attempt 1 failed: API call to /users failed, retrying in 0.5 seconds...
// CHECK-NEXT: unstable_api_call took: 1.50 seconds
// CHECK-NEXT: Result: Success from /users
// CHECK-NEXT: Attempt 1 failed: API call to /orders failed, retrying in 0.5 seconds...
// CHECK-NEXT: unstable_api_call took: 0.50 seconds
// CHECK-NEXT: Result: Success from /orders
// CHECK-NEXT: Attempt 1 failed: API call to /health failed, retrying in 0.5 seconds...
// CHECK-NEXT: Attempt 2 failed: API call to /health failed, retrying in 0.5 seconds...
// CHECK-NEXT: Final failure: API call to /health failed after 2.5 seconds
