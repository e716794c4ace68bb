// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli
//
// alibaba/async_simple async_simple/coro/test/SpinLockTest.cpp (testSpinLockCancel):
// a helper lambda takes `Lazy<void>&& lazy`, starts it with a completion
// callback that fulfils a promise, and blocks on that promise's future before
// returning. Each caller hands it a capturing coroutine lambda called on the
// spot; the lambda object dies at the caller's ';', but by then the task has
// finished, so its captures never dangle (issue 16: 3 false findings in the
// ledger). A helper that starts the task and returns, or waits on something
// the completion never signals, leaves the task running past the ';'.

#include <aio/aio.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <latch>
#include <utility>

using namespace std::chrono_literals;

// The executor's fire-and-forget start, as async_simple's Lazy::start(callback).
struct executor {
  void start(aio::task<> task, std::function<void(std::exception_ptr)> done);
};

struct spin_lock {
  aio::task<> lock();
  void unlock();
  bool try_lock();
};

void test_spin_lock_cancel(executor &ex) {
  spin_lock lock;
  auto test = [&ex](aio::task<> &&lazy, bool ok) {
    std::promise<void> p;
    ex.start(std::move(lazy), [&p, ok](std::exception_ptr error) {
      (void)ok;
      (void)error;
      p.set_value();
    });
    p.get_future().wait();
  };
  for (int i = 0; i <= 1; ++i) {
    test([&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }(), false);
    test(
        [&]() -> aio::task<> {
          co_await aio::sleep(1ms);
          lock.try_lock();
        }(),
        true);
  }
}

// The future taken before the start, the callback counting down a latch.
void waits_on_its_future(executor &ex) {
  spin_lock lock;
  auto run = [&ex](aio::task<> task) {
    std::promise<void> p;
    auto finished = p.get_future();
    ex.start(std::move(task), [&p](std::exception_ptr) { p.set_value(); });
    finished.wait();
  };
  run([&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }());
}

void run_and_count_down(executor &ex, aio::task<> task) {
  std::latch done(1);
  ex.start(std::move(task), [&done](std::exception_ptr) { done.count_down(); });
  done.wait();
}

void waits_on_a_latch(executor &ex) {
  spin_lock lock;
  run_and_count_down(ex, [&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }());
}

// A callable handed uncalled: the helper calls it, starts the task and waits.
template <typename Make> void run_made(executor &ex, Make &&make) {
  std::promise<void> p;
  ex.start(make(), [&p](std::exception_ptr) { p.set_value(); });
  p.get_future().wait();
}

void hands_the_callable(executor &ex) {
  spin_lock lock;
  run_made(ex, [&lock]() -> aio::task<> {
    co_await lock.lock();
    lock.unlock();
  });
}

// Bad: started, and the helper returns at once.
void start_and_return(executor &ex, aio::task<> task) {
  ex.start(std::move(task), [](std::exception_ptr) {});
}

void returns_while_running(executor &ex) {
  spin_lock lock;
  start_and_return(ex, [&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'start_and_return' and runs later
}

// Bad: the wait is on a future the completion never fulfils.
void start_and_wait_for_other(executor &ex, aio::task<> task, std::shared_future<void> other) {
  std::promise<void> p;
  ex.start(std::move(task), [](std::exception_ptr) {});
  other.wait();
  p.get_future().wait();
}

void waits_for_the_wrong_thing(executor &ex, std::shared_future<void> other) {
  spin_lock lock;
  start_and_wait_for_other(ex, [&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }(),
                           other);
  // CHECK-MESSAGES: :[[@LINE-2]]:32: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'start_and_wait_for_other' and runs later
}

// Bad: the wait comes before the start, so nothing waits for the task.
void wait_then_start(executor &ex, aio::task<> task) {
  std::promise<void> p;
  p.get_future().wait();
  ex.start(std::move(task), [&p](std::exception_ptr) { p.set_value(); });
}

void waits_too_early(executor &ex) {
  spin_lock lock;
  wait_then_start(ex, [&]() -> aio::task<> { co_await lock.lock(); lock.unlock(); }());
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'wait_then_start' and runs later
}

// Bad: the callable is started and the helper returns.
template <typename Make> void start_made(executor &ex, Make &&make) {
  ex.start(make(), [](std::exception_ptr) {});
}

void hands_the_callable_and_returns(executor &ex) {
  spin_lock lock;
  start_made(ex, [&lock]() -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: coroutine lambda handed to 'start_made' uses its captures after a suspension point
    co_await lock.lock();
    lock.unlock();
  });
}
