// The guide's error handling in async code: an awaited coroutine's exception is caught with an
// ordinary try/catch; aio::gather rethrows the first failure (and, unlike asyncio, first cancels
// and awaits the other children, so none outlives the call); with aio::return_exceptions every
// child runs to its end and each outcome comes back as an aio::result, value or exception.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> risky_operation() {
  co_await aio::sleep(1s);
  throw std::runtime_error("Something went wrong!");
}

// Task n takes n seconds; task 2 fails.
aio::task<std::string> may_fail(int n) {
  try {
    co_await aio::sleep(n * 1s);
  } catch (const aio::cancelled_error&) {
    std::printf("Task %d cancelled\n", n);
    throw;  // re-raise: the cancellation must go on
  }
  if (n == 2) throw std::invalid_argument("Task " + std::to_string(n) + " failed");
  std::printf("Task %d succeeded\n", n);
  co_return "Result " + std::to_string(n);
}

std::vector<aio::task<std::string>> three_tasks() {
  std::vector<aio::task<std::string>> tasks;
  for (int n = 1; n <= 3; ++n) tasks.push_back(may_fail(n));
  return tasks;
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

aio::task<> main_task() {
  const auto start = aio::get_running_loop().time();
  try {
    co_await risky_operation();
  } catch (const std::runtime_error& e) {
    std::printf("Caught error: %s at %.1f s\n", e.what(), seconds_since(start));
  }

  // By default gather raises the first exception, once the other children are cancelled.
  try {
    std::vector<std::string> results = co_await aio::gather(three_tasks());
    std::printf("not reached: %zu results\n", results.size());
  } catch (const std::invalid_argument& e) {
    std::printf("Caught: %s at %.1f s\n", e.what(), seconds_since(start));
  }

  // return_exceptions: every task runs to its end; failures come back as results.
  std::vector<aio::result<std::string>> results = co_await aio::gather(aio::return_exceptions, three_tasks());
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i]) std::printf("Task %zu result: %s\n", i + 1, results[i].value().c_str());
    else std::printf("Task %zu exception: %s\n", i + 1, message_of(results[i].error()).c_str());
  }
  std::printf("All done at %.1f s\n", seconds_since(start));
}

int main() { aio::run(main_task()); }

// CHECK:      Caught error: Something went wrong! at 1.0 s
// CHECK-NEXT: Task 1 succeeded
// CHECK-NEXT: Task 3 cancelled
// CHECK-NEXT: Caught: Task 2 failed at 3.0 s
// CHECK-NEXT: Task 1 succeeded
// CHECK-NEXT: Task 3 succeeded
// CHECK-NEXT: Task 1 result: Result 1
// CHECK-NEXT: Task 2 exception: Task 2 failed
// CHECK-NEXT: Task 3 result: Result 3
// CHECK-NEXT: All done at 6.0 s
// CHECK-NOT:  not reached
