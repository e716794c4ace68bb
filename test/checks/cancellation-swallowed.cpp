// RUN: %check_corolint_plugin %s async-cancellation-swallowed %t
// RUN: %check_corolint %s async-cancellation-swallowed %t-cli
// A library that does not deliver cancellation as an exception has nothing to swallow.
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-cancellation-swallowed %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"
// RUN: %check_corolint_fast %s async-cancellation-swallowed %t-fast

#include <aio/aio.hpp>

#include <exception>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

aio::task<int> fetch(int id) { co_return id; }
aio::task<> close_connection() { co_return; }
void log_error(const std::string &) {}
void cleanup() {}
int parse(const std::string &s) { return static_cast<int>(s.size()); }

// ---- must flag ---------------------------------------------------------------

// ASYNC103: the cancellation is caught, cleaned up after, and forgotten.
aio::task<> cleans_up_and_forgets() {
  try {
    co_await fetch(1);
  } catch (const aio::cancelled_error &) {
    cleanup();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'cleans_up_and_forgets' swallows the cancellation: the task goes on as if never cancelled, so the timeout or task group that cancelled it waits for nothing; end the handler with 'throw;' [async-cancellation-swallowed]
  // CHECK-FIXES: {{^}}    cleanup();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    throw;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-7]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'cleans_up_and_forgets' swallows the cancellation: the task goes on as if never cancelled, so the timeout or task group that cancelled it waits for nothing; end the handler with 'throw;' [async-cancellation-swallowed]
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: cancellation is delivered at this suspension point
  // CHECK-FAST-MESSAGES: :[[@LINE-10]]:5: note: cancellation is delivered at this suspension point
}

// An empty handler of the cancellation type (async-dropped-exception leaves it to us).
aio::task<> empty_handler() {
  try {
    co_await aio::sleep(1s);
  } catch (aio::cancelled_error &) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'empty_handler'
  // CHECK-FIXES: {{^}}  } catch (aio::cancelled_error &) { throw; }{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'empty_handler'
}

// `catch (...)` that logs and carries on also eats the cancellation.
aio::task<> catch_all_logs() {
  try {
    co_await fetch(2);
  } catch (...) {
    log_error("fetch failed");
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'catch_all_logs' swallows the cancellation
  // CHECK-FIXES: {{^}}    log_error("fetch failed");{{$}}
  // CHECK-FIXES-NEXT: {{^}}    throw;{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-6]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'catch_all_logs' swallows the cancellation
}

// Recording a flag is not re-raising.
aio::task<bool> catch_all_sets_flag() {
  bool failed = false;
  try {
    co_await fetch(3);
  } catch (...) {
    failed = true;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  co_return failed;
}

// Counting the failure is not re-raising either (a retry loop's `++attempts`): the
// handler does something, so this check's, not async-dropped-exception's.
aio::task<int> catch_all_counts(int &failures) {
  int attempts = 0;
  try {
    co_await fetch(3);
  } catch (...) {
    ++attempts;
    failures--;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'catch_all_counts'
  // CHECK-FAST-MESSAGES: :[[@LINE-5]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'catch_all_counts'
  co_return attempts;
}

// Returning from the handler completes the task normally: no room for `throw;`.
aio::task<int> returns_a_default() {
  try {
    co_return co_await fetch(4);
  } catch (const aio::cancelled_error &) {
    co_return -1;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'returns_a_default'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'returns_a_default'
}

aio::task<int> catch_all_returns() {
  try {
    int v = co_await fetch(5);
    co_return v;
  } catch (...) {
    co_return 0;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
}

// A worker that cannot be stopped: every cancel() is turned into `continue`.
aio::task<> unstoppable_worker() {
  while (true) {
    try {
      co_await aio::sleep(100ms);
    } catch (const aio::cancelled_error &) {
      continue;
    }
    // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'unstoppable_worker'
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'unstoppable_worker'
  }
}

// Recorded but never rethrown.
aio::task<> records_but_never_rethrows() {
  std::exception_ptr failure;
  try {
    co_await fetch(6);
  } catch (const aio::cancelled_error &) {
    failure = std::current_exception();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: handler of 'aio::cancelled_error'
  co_await close_connection();
}

// Recorded, but what is rethrown afterwards is something else.
aio::task<> rethrows_the_wrong_thing() {
  std::exception_ptr failure, other;
  try {
    co_await fetch(7);
  } catch (...) {
    failure = std::current_exception();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  co_await close_connection();
  if (other)
    std::rethrow_exception(other);
}

// cancel() only on some paths: the handler may swallow our own cancellation.
aio::task<> cancels_on_some_paths(bool stop) {
  auto h = aio::create_task(fetch(8));
  if (stop)
    h.cancel();
  try {
    co_await h;
  } catch (const aio::cancelled_error &) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'cancels_on_some_paths'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'cancels_on_some_paths'
}

// Cancels one task, awaits another.
aio::task<> cancels_the_other_one() {
  auto a = aio::create_task(fetch(9));
  auto b = aio::create_task(fetch(10));
  a.cancel();
  try {
    co_await b;
  } catch (const aio::cancelled_error &) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: handler of 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error'
  co_await a;
}

// The try block also awaits something else: our own cancellation lands there.
aio::task<> cancels_then_sleeps() {
  auto h = aio::create_task(fetch(11));
  h.cancel();
  try {
    co_await h;
    co_await aio::sleep(10ms);
  } catch (const aio::cancelled_error &) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: handler of 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error'
}

// A coroutine lambda is a coroutine too.
aio::task<> lambda_swallows() {
  int count = 0;
  auto worker = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1ms);
    } catch (const aio::cancelled_error &) {
      ++count;
    }
    // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: handler of 'aio::cancelled_error' around a suspension point in a coroutine lambda swallows the cancellation
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: handler of 'aio::cancelled_error' around a suspension point in a coroutine lambda swallows the cancellation
  };
  co_await worker();
}

// In a template, and with the await in an initializer.
template <typename T> aio::task<T> with_default(aio::task<T> work, T fallback) {
  try {
    T value = co_await std::move(work);
    co_return value;
  } catch (const aio::cancelled_error &) {
    log_error("cancelled");
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'with_default'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: handler of 'aio::cancelled_error' around a suspension point in coroutine 'with_default'
  co_return fallback;
}
aio::task<int> use_with_default() { co_return co_await with_default(fetch(12), 0); }

// ---- must leave alone ------------------------------------------------------

// Cleanup, then re-raise: the asyncio guide's shape.
aio::task<> rethrows() {
  try {
    co_await fetch(20);
  } catch (const aio::cancelled_error &) {
    cleanup();
    throw;
  }
}

// Turned into another exception: the task still ends in failure.
aio::task<> translates() {
  try {
    co_await fetch(21);
  } catch (const aio::cancelled_error &) {
    throw std::runtime_error("request cancelled");
  }
}

aio::task<> rethrows_in_handler() {
  try {
    co_await fetch(22);
  } catch (...) {
    log_error("failed");
    std::rethrow_exception(std::current_exception());
  }
}

// runtime-api.md: record in the handler, await the cleanup after it (no co_await
// is allowed in a handler), then rethrow.
aio::task<> records_then_rethrows() {
  std::exception_ptr cancelled;
  try {
    co_await fetch(23);
  } catch (const aio::cancelled_error &) {
    cancelled = std::current_exception();
  }
  if (cancelled) {
    co_await aio::shield(close_connection());
    std::rethrow_exception(cancelled);
  }
}

// The asyncio idiom: this task cancelled h, so h's cancellation is expected.
aio::task<> cancels_and_waits() {
  auto h = aio::create_task(fetch(24));
  h.cancel();
  try {
    co_await h;
  } catch (const aio::cancelled_error &) {
  }
}

aio::task<> cancels_and_waits_logging() {
  auto h = aio::create_task(fetch(25));
  co_await aio::sleep(1ms);
  (void)h.cancel();
  try {
    co_await h;
  } catch (const aio::cancelled_error &) {
    log_error("worker stopped");
  }
}

// Nothing in the try block suspends: no cancellation can arrive there.
aio::task<int> no_suspension_in_try(std::string text) {
  int value = 0;
  try {
    value = parse(text);
  } catch (...) {
    log_error("bad input");
  }
  co_return value + co_await fetch(26);
}

// The await is in a lambda: another function.
aio::task<> await_in_nested_lambda() {
  try {
    auto later = []() -> aio::task<> { co_await aio::sleep(1ms); };
    aio::create_task(later()).cancel();
  } catch (...) {
    log_error("could not start");
  }
  co_return;
}

// Not a coroutine.
void plain_function() {
  try {
    cleanup();
  } catch (const aio::cancelled_error &) {
    log_error("cancelled");
  }
}

// std::exception is not a base of aio::cancelled_error: cancellation passes through.
aio::task<> catches_std_exception() {
  try {
    co_await fetch(27);
  } catch (const std::exception &e) {
    log_error(e.what());
  }
}

// `catch (...) {}` that does nothing at all is async-dropped-exception's finding.
aio::task<> catch_all_empty() {
  try {
    co_await fetch(28);
  } catch (...) {
  }
}

int main() { return aio::run(use_with_default()); }
