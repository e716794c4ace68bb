// async-cancellation-swallowed on the shapes of other projects' code (docs/accuracy.md):
// coroutines of another library's task type linted under the default aio profile,
// libraries whose cancellation only arrives through a token, and record-and-rethrow
// written with std::move, Seastar's return_exception_ptr or a capture by reference.
// Each real shape is ported next to the aio shape that must still be flagged.
// RUN: %check_corolint_plugin %s async-cancellation-swallowed %t
// RUN: %check_corolint_fast %s async-cancellation-swallowed %t-fast
// Token-only cancellation (folly, cppcoro): nothing to swallow.
// RUN: %check_corolint_plugin --check-suffix=FOLLY %s async-cancellation-swallowed %t-folly -- --config="{CheckOptions: {AsyncProfile: folly}}"
// RUN: %check_corolint_fast --check-suffix=FOLLY %s async-cancellation-swallowed %t-folly-fast -- --config="{CheckOptions: {AsyncProfile: folly}}"
// RUN: %check_corolint_fast --check-suffix=CPPCORO %s async-cancellation-swallowed %t-cppcoro-fast -- --config="{CheckOptions: {AsyncProfile: cppcoro}}"

#include <aio/aio.hpp>

#include <coroutine>
#include <exception>
#include <string>
#include <utility>

// A lazy task type of another library, enough to compile its coroutines.
#define TASK_TYPE(Name)                                                                            \
  template <typename T = void> struct Name {                                                       \
    struct promise_type {                                                                          \
      Name get_return_object() { return {}; }                                                      \
      std::suspend_always initial_suspend() noexcept { return {}; }                                \
      std::suspend_always final_suspend() noexcept { return {}; }                                  \
      template <typename U> void return_value(U &&) {}                                             \
      void unhandled_exception() {}                                                                \
    };                                                                                             \
    bool await_ready() const noexcept { return true; }                                             \
    void await_suspend(std::coroutine_handle<>) const noexcept {}                                  \
    T await_resume() const noexcept { return T{}; }                                                \
  };                                                                                               \
  template <> struct Name<void>::promise_type {                                                    \
    Name get_return_object() { return {}; }                                                        \
    std::suspend_always initial_suspend() noexcept { return {}; }                                  \
    std::suspend_always final_suspend() noexcept { return {}; }                                    \
    void return_void() {}                                                                          \
    void unhandled_exception() {}                                                                  \
  };                                                                                               \
  template <> inline void Name<void>::await_resume() const noexcept {}

namespace seastar {
TASK_TYPE(future)
namespace coroutine {
struct return_exception_ptr {
  explicit return_exception_ptr(std::exception_ptr) {}
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace coroutine
} // namespace seastar
namespace folly::coro {
TASK_TYPE(Task)
} // namespace folly::coro

struct logger {
  void warn(const char *, std::exception_ptr) {}
};
logger rlogger;
aio::task<> send_error() { co_return; }
aio::task<> close_reader() { co_return; }
seastar::future<> flush_segment() { return {}; }
folly::coro::Task<> co_fetch() { return {}; }

// ---- a coroutine of another library under the default (aio) profile ------------

// scylladb/scylladb service/storage_service.cc and redpanda's storage/: a Seastar
// coroutine logs any failure of an await. No aio::cancelled_error can reach a
// seastar::future coroutine; the same handler in an aio::task is the bug.
seastar::future<> seastar_logs_failure() {
  try {
    co_await flush_segment();
  } catch (...) {
    rlogger.warn("flush failed: {}", std::current_exception());
  }
}

aio::task<> aio_logs_failure() {
  try {
    co_await close_reader();
  } catch (...) {
    rlogger.warn("close failed: {}", std::current_exception());
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'aio_logs_failure' swallows the cancellation
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in coroutine 'aio_logs_failure' swallows the cancellation
}

// ---- token-only cancellation (folly, cppcoro) ----------------------------------

// facebook/folly folly/coro/test/*: a test catches everything around an await to
// assert on it; OperationCancelled only reaches an operation handed a token, and no
// task is cancelled from outside. Under the folly profile: nothing. (Under aio this
// is not an aio::task either.)
folly::coro::Task<> folly_test_catches_all() {
  bool threw = false;
  try {
    co_await co_fetch();
  } catch (...) {
    threw = true;
  }
  (void)threw;
}

// ---- record, await the cleanup, pass the exception on ---------------------------

// scylladb/scylladb streaming/consumer.cc: rethrown with std::move.
aio::task<> records_then_rethrows_moved() {
  std::exception_ptr ex;
  try {
    co_await send_error();
  } catch (...) {
    ex = std::current_exception();
  }
  if (ex) {
    co_await close_reader();
    std::rethrow_exception(std::move(ex));
  }
}

// scylladb/scylladb repair/row_level.cc: Seastar's co_await return_exception_ptr.
aio::task<> records_then_returns_exception_ptr() {
  std::exception_ptr ex;
  try {
    co_await send_error();
  } catch (...) {
    ex = std::current_exception();
  }
  if (ex) {
    co_await close_reader();
    co_await seastar::coroutine::return_exception_ptr(std::move(ex));
  }
}

// scylladb/scylladb repair/row_level.cc (the inner handler): recorded, logged and
// turned into a message to the peer; the task then goes on. Under aio that is a
// swallowed cancellation.
aio::task<> records_and_only_tests() {
  std::exception_ptr ep;
  try {
    co_await close_reader();
  } catch (...) {
    ep = std::current_exception();
    rlogger.warn("stream handler error={}", ep);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  // CHECK-FAST-MESSAGES: :[[@LINE-5]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'
  if (ep)
    co_await send_error();
}

// drogonframework/drogon lib/inc/drogon/utils/coroutine.h (sync_wait): the lambda
// coroutine stores the exception in a variable captured by reference, and the
// function that started it rethrows it once the lambda is done.
template <typename Await> void sync_wait_like(Await await) {
  std::exception_ptr exception_ptr;
  auto task = [&]() -> aio::task<> {
    try {
      co_await await;
    } catch (...) {
      exception_ptr = std::current_exception();
    }
  };
  aio::run(task());
  if (exception_ptr)
    std::rethrow_exception(exception_ptr);
}
void use_sync_wait_like() { sync_wait_like(close_reader()); }

// The same lambda storing into its own local: nobody reads it.
aio::task<> lambda_records_locally() {
  auto task = []() -> aio::task<> {
    std::exception_ptr mine;
    try {
      co_await close_reader();
    } catch (...) {
      mine = std::current_exception();
    }
    // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in a coroutine lambda
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point in a coroutine lambda
  };
  co_await task();
}

// A member that outlives the coroutine: its owner reads it (a connection's last error).
struct connection {
  std::exception_ptr failure;
  aio::task<> pump() {
    try {
      co_await close_reader();
    } catch (...) {
      failure = std::current_exception();
    }
  }
};
