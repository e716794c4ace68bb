// Each AsyncProfile recognises its own library's names, and only those.
// RUN: %check_corolint_plugin --check-suffix=CPPCORO %s 'async-*' %t-cppcoro -- --config="{CheckOptions: {AsyncProfile: cppcoro}}"
// RUN: %check_corolint_plugin --check-suffix=LIBCORO %s 'async-*' %t-libcoro -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
// RUN: %check_corolint_plugin --check-suffix=FOLLY %s 'async-*' %t-folly -- --config="{CheckOptions: {AsyncProfile: folly}}"
// RUN: %check_corolint_plugin --check-suffix=ASIO %s 'async-*' %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"
// RUN: %check_corolint_plugin --check-suffix=ASYNCSIMPLE %s 'async-*' %t-async-simple -- --config="{CheckOptions: {AsyncProfile: async_simple}}"
// RUN: %check_corolint_plugin --check-suffix=QCORO %s 'async-*' %t-qcoro -- --config="{CheckOptions: {AsyncProfile: qcoro}}"
// RUN: %check_corolint_plugin --check-suffix=STDEXEC %s 'async-*' %t-stdexec -- --config="{CheckOptions: {AsyncProfile: stdexec}}"
// A per-check setting overrides the global one.
// RUN: %check_corolint_plugin --check-suffix=OVERRIDE %s 'async-blocking-call' %t-override -- --config="{CheckOptions: {AsyncProfile: cppcoro, async-blocking-call.AsyncProfile: folly}}"

#include <chrono>
#include <coroutine>
#include <exception>
#include <thread>

using namespace std::chrono_literals;

// The few declarations of each library the test needs: a lazy task type.
#define LAZY_TASK(Name)                                                                            \
  template <typename T = void> struct [[nodiscard]] Name {                                         \
    struct promise_type {                                                                          \
      Name get_return_object() { return {}; }                                                      \
      std::suspend_always initial_suspend() noexcept { return {}; }                                \
      std::suspend_always final_suspend() noexcept { return {}; }                                  \
      template <typename U> void return_value(U &&) {}                                             \
      void unhandled_exception() {}                                                                \
    };                                                                                             \
    explicit operator bool() const noexcept { return true; }                                       \
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

namespace cppcoro { LAZY_TASK(task) }
namespace coro { LAZY_TASK(task) }
namespace folly::coro {
LAZY_TASK(Task)
inline Task<> sleep(std::chrono::milliseconds) { co_return; }
// CHECK-MESSAGES-FOLLY: :[[@LINE-1]]:15: warning: coroutine 'sleep' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
} // namespace folly::coro
namespace boost::asio { LAZY_TASK(awaitable) }
namespace async_simple::coro {
LAZY_TASK(Lazy)
inline Lazy<> sleep(std::chrono::milliseconds) { co_return; }
// CHECK-MESSAGES-ASYNCSIMPLE: :[[@LINE-1]]:15: warning: coroutine 'sleep' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
} // namespace async_simple::coro
namespace QCoro { LAZY_TASK(Task) }
namespace exec { LAZY_TASK(task) }

// Blocking is blocking whatever the library; the remedy is the profile's.
namespace neutral { LAZY_TASK(task) }
neutral::task<> sleeper() {
  std::this_thread::sleep_for(5ms);
  // CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'sleeper' stalls every task on the event loop; use 'co_await io_service.schedule_after(...)' instead [async-blocking-call]
  // CHECK-MESSAGES-LIBCORO: :[[@LINE-2]]:3: warning: {{.*}}; use 'co_await scheduler->yield_for(...)' instead [async-blocking-call]
  // CHECK-MESSAGES-FOLLY: :[[@LINE-3]]:3: warning: {{.*}}; use 'co_await folly::coro::sleep(...)' instead [async-blocking-call]
  // CHECK-FIXES-FOLLY: {{^}}  co_await folly::coro::sleep(5ms);{{$}}
  // CHECK-MESSAGES-ASIO: :[[@LINE-5]]:3: warning: {{.*}}; use 'co_await timer.async_wait(...)' instead [async-blocking-call]
  // CHECK-MESSAGES-ASYNCSIMPLE: :[[@LINE-6]]:3: warning: {{.*}}; use 'co_await async_simple::coro::sleep(...)' instead [async-blocking-call]
  // CHECK-FIXES-ASYNCSIMPLE: {{^}}  co_await async_simple::coro::sleep(5ms);{{$}}
  // CHECK-MESSAGES-QCORO: :[[@LINE-8]]:3: warning: {{.*}}; use 'co_await QCoro::sleepFor(...)' instead [async-blocking-call]
  // CHECK-MESSAGES-STDEXEC: :[[@LINE-9]]:3: warning: {{.*}}; use 'co_await exec::schedule_after(...)' instead [async-blocking-call]
  // CHECK-MESSAGES-OVERRIDE: :[[@LINE-10]]:3: warning: {{.*}}; use 'co_await folly::coro::sleep(...)' instead [async-blocking-call]
  // CHECK-FIXES-OVERRIDE: {{^}}  co_await folly::coro::sleep(5ms);{{$}}
  co_return;
}

cppcoro::task<int> cppcoro_fetch() { co_return 1; }
// CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:20: warning: coroutine 'cppcoro_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
coro::task<int> libcoro_fetch() { co_return 1; }
// CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:17: warning: coroutine 'libcoro_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
// Its task is kept in a local below rather than awaited on the spot: handed on,
// so its signature may be imposed (no-await-handed-on.cpp); the caller's finding
// is async-unawaited-task's.
folly::coro::Task<int> folly_fetch() { co_return 1; }
boost::asio::awaitable<int> asio_fetch() { co_return 1; }
// CHECK-MESSAGES-ASIO: :[[@LINE-1]]:29: warning: coroutine 'asio_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
async_simple::coro::Lazy<int> async_simple_fetch() { co_return 1; }
// CHECK-MESSAGES-ASYNCSIMPLE: :[[@LINE-1]]:31: warning: coroutine 'async_simple_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
QCoro::Task<int> qcoro_fetch() { co_return 1; }
// CHECK-MESSAGES-QCORO: :[[@LINE-1]]:18: warning: coroutine 'qcoro_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]
exec::task<int> stdexec_fetch() { co_return 1; }
// CHECK-MESSAGES-STDEXEC: :[[@LINE-1]]:17: warning: coroutine 'stdexec_fetch' never suspends (no 'co_await' or 'co_yield'){{.*}} [async-no-await]

// It discards a task it should await: that is async-unawaited-task's finding,
// and async-no-await's "make it a plain function" would be the wrong advice.
cppcoro::task<> cppcoro_caller() {
  cppcoro_fetch();
  // CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:3: warning: task returned by 'cppcoro_fetch' is discarded, so it never runs; 'co_await' it or schedule it with 'cppcoro::async_scope::spawn' [async-unawaited-task]
  // CHECK-FIXES-CPPCORO: {{^}}  co_await cppcoro_fetch();{{$}}
  co_return;
}

coro::task<> libcoro_caller() {
  libcoro_fetch();
  // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:3: warning: task returned by 'libcoro_fetch' is discarded, so it never runs; 'co_await' it or schedule it with 'coro::io_scheduler::spawn' [async-unawaited-task]
  co_return;
}

folly::coro::Task<> folly_caller() {
  auto pending = folly_fetch();
  // CHECK-MESSAGES-FOLLY: :[[@LINE-1]]:8: warning: task 'pending' returned by 'folly_fetch' is never awaited, so it never runs; 'co_await' it or pass it on [async-unawaited-task]
  // CHECK-FIXES-FOLLY: {{^}}  auto pending = co_await folly_fetch();{{$}}
  co_return;
}

boost::asio::awaitable<void> asio_caller() {
  asio_fetch();
  // CHECK-MESSAGES-ASIO: :[[@LINE-1]]:3: warning: task returned by 'asio_fetch' is discarded, so it never runs; 'co_await' it [async-unawaited-task]
  // CHECK-FIXES-ASIO: {{^}}  co_await asio_fetch();{{$}}
  try {
    co_await asio_fetch();
  } catch (...) {
    // CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-LIBCORO: :[[@LINE-2]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-FOLLY: :[[@LINE-3]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-ASIO: :[[@LINE-4]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-ASYNCSIMPLE: :[[@LINE-5]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-QCORO: :[[@LINE-6]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
    // CHECK-MESSAGES-STDEXEC: :[[@LINE-7]]:5: warning: exception caught around a suspension point in coroutine 'asio_caller' is swallowed
  }
}

async_simple::coro::Lazy<> async_simple_caller() {
  async_simple_fetch();
  // CHECK-MESSAGES-ASYNCSIMPLE: :[[@LINE-1]]:3: warning: task returned by 'async_simple_fetch' is discarded, so it never runs; 'co_await' it or schedule it with 'async_simple::coro::Lazy::start' [async-unawaited-task]
  co_return;
}

QCoro::Task<> qcoro_caller() {
  qcoro_fetch();
  // QCoro::Task is eager (EagerTaskTypes): it runs, but nobody waits for it.
  // CHECK-MESSAGES-QCORO: :[[@LINE-2]]:3: warning: task returned by 'qcoro_fetch' is discarded: it starts, but this coroutine goes on without waiting for it and its result and exceptions are lost; 'co_await' it [async-unawaited-task]
  co_return;
}

exec::task<> stdexec_caller() {
  if (stdexec_fetch())
    // CHECK-MESSAGES-STDEXEC: :[[@LINE-1]]:7: warning: task returned by 'stdexec_fetch' is used as a value without being awaited; did you mean 'co_await'? [async-unawaited-task]
    co_return;
  co_return;
}
