// aio::condition_variable (asyncio.Condition, over an aio::mutex the way
// std::condition_variable_any works over a lock):
//
//   auto g = co_await m.lock();
//   bool ok = co_await cv.wait(g, [&] { return ready; });   // or: while (!ready) co_await cv.wait(g);
//
// wait() releases the mutex, waits for a notification, and takes the mutex again before it
// returns, also when it throws. As in asyncio, a notified waiter is queued on the loop behind
// what is already ready; when it runs it takes the mutex if it is free (so after notify(n) and
// a release, every notified waiter that finds the lock free runs in the same iteration), or
// else queues for it. Cancelled while waiting, it still takes the lock back first, then throws
// cancelled_error and passes a notification on to the next waiter (asyncio's _notify(1): a
// spurious wake-up for that one, which the wait loop absorbs).
#pragma once

#include <coroutine>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "aio/detail/sync_waiter.hpp"
#include "aio/errors.hpp"
#include "aio/mutex.hpp"
#include "aio/task.hpp"

namespace aio {

class condition_variable {
 public:
  class wait_awaiter;

  condition_variable() noexcept = default;
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  // `guard` must hold its mutex (aio::runtime_error otherwise); it holds it again afterwards.
  [[nodiscard]] wait_awaiter wait(mutex::guard& guard) noexcept;
  // Waits until pred() is true (checked first, with the lock held) and gives pred()'s last
  // value (asyncio's wait_for(predicate)). Throws aio::runtime_error if it has to wait and
  // `guard` does not hold its mutex.
  template <class Predicate>
  task<std::decay_t<std::invoke_result_t<Predicate&>>> wait(mutex::guard& guard, Predicate pred);

  // Wakes the longest waiting task (asyncio's notify(1)), or nothing when none waits.
  void notify_one() noexcept {
    if (detail::waiter* w = waiters_.pop_front()) wake(static_cast<waiter_node&>(*w));
    settle();
  }
  // Wakes n waiters (asyncio's notify(n)).
  void notify(std::size_t n) noexcept {
    while (n-- > 0 && !waiters_.empty()) wake(static_cast<waiter_node&>(*waiters_.pop_front()));
    settle();
  }
  void notify_all() noexcept {
    while (detail::waiter* w = waiters_.pop_front()) wake(static_cast<waiter_node&>(*w));
    settle();
  }

 private:
  struct waiter_node : mutex::waiter_node {
    condition_variable* cv = nullptr;
    bool in_cv = false;           // parked in this condition's list (else in the mutex's, or granted)
    bool notified = false;
    bool cancel_pending = false;  // cancelled: will throw once it holds the lock again
  };

  // A notified waiter is queued on the loop; it asks for the mutex when it runs (reacquire).
  static void wake(waiter_node& node) noexcept {
    node.in_cv = false;
    node.notified = true;
    detail::wake(node);
  }
  // Cancellation: leave this condition's list if still there, then take the lock back anyway.
  static detail::cancel_outcome cancelled(detail::waiter& w) noexcept {
    auto& node = static_cast<waiter_node&>(w);
    node.cancel_pending = true;
    if (node.in_cv) {
      node.in_cv = false;
      node.cv->waiters_.remove(node);
      node.cv->settle();
      detail::wake(node);
    }
    return detail::cancel_outcome::forwarded;
  }
  // The waiter's turn on the loop: resume holding the lock, or queue for it (mutex::release
  // grants it and schedules this again).
  static void reacquire(detail::waiter& w) {
    auto& node = static_cast<waiter_node&>(w);
    if (!node.granted) {
      aio::mutex& m = *node.owner;
      if (m.locked_) {
        m.waiters_.push_back(node);
        detail::park(node);
        return;
      }
      m.locked_ = true;
      m.loop_.attach();
      node.granted = true;
    }
    if (node.task && node.task->current_wait == &node) node.task->current_wait = nullptr;
    node.handle.resume();
  }
  static constexpr detail::waiter_ops wait_ops{nullptr, &condition_variable::cancelled, &condition_variable::reacquire,
                                               "aio::condition_variable wait"};

  void settle() noexcept {
    if (waiters_.empty()) loop_.detach();
  }

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
};

class [[nodiscard]] condition_variable::wait_awaiter {
 public:
  wait_awaiter(condition_variable& cv, mutex::guard& guard) noexcept : cv_(cv), guard_(guard) {}
  wait_awaiter(wait_awaiter&& other) noexcept : cv_(other.cv_), guard_(other.guard_) {}
  wait_awaiter& operator=(wait_awaiter&&) = delete;
  ~wait_awaiter() {
    // Only reached mid-wait when the frame is destroyed (the loop is closing).
    if (node_.in_cv) {
      cv_.waiters_.remove(node_);
      cv_.settle();
    } else if (node_.owner && node_.owner->waiters_.contains(node_)) {
      node_.owner->waiters_.remove(node_);
    } else if (node_.granted) {
      node_.owner->release();  // the guard does not own the lock while it waits
    }
  }

  bool await_ready() const {
    if (!guard_.owns_lock()) throw runtime_error("aio::condition_variable::wait: the guard does not hold its mutex");
    cv_.loop_.check("aio::condition_variable");
    return false;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!detail::begin_primitive_wait(node_, h, wait_ops)) return false;  // keeps the lock
    aio::mutex& m = *guard_.mutex_;
    node_.owner = &m;
    node_.cv = &cv_;
    node_.in_cv = true;
    cv_.waiters_.push_back(node_);
    cv_.loop_.attach();
    detail::park(node_);
    suspended_ = true;
    guard_.owns_ = false;
    m.release();  // may hand the lock to the next task waiting for it
    return true;
  }
  void await_resume() {
    if (!suspended_) detail::end_ungranted_wait(node_);  // cancelled before it let go of the lock
    // Resumed only once the lock was handed back.
    node_.granted = false;
    guard_.owns_ = true;
    if (node_.cancel_pending || detail::cancelled_after_grant(node_)) {
      cv_.notify_one();  // asyncio: a notification this waiter may have had goes on
      detail::throw_cancelled();
    }
  }

 private:
  condition_variable& cv_;
  mutex::guard& guard_;
  waiter_node node_;
  bool suspended_ = false;
};

inline condition_variable::wait_awaiter condition_variable::wait(mutex::guard& guard) noexcept {
  return wait_awaiter(*this, guard);
}

template <class Predicate>
task<std::decay_t<std::invoke_result_t<Predicate&>>> condition_variable::wait(mutex::guard& guard, Predicate pred) {
  auto result = pred();
  while (!result) {
    co_await wait(guard);
    result = pred();
  }
  co_return result;
}

}  // namespace aio
