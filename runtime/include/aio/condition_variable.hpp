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

#include "aio/detail/waiter_awaiter.hpp"
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
    if (detail::waiter* w = waiters_.pop_front()) wake(*w);
    settle();
  }
  // Wakes n waiters (asyncio's notify(n)).
  void notify(std::size_t n) noexcept {
    while (n-- > 0 && !waiters_.empty()) wake(*waiters_.pop_front());
    settle();
  }
  void notify_all() noexcept {
    while (detail::waiter* w = waiters_.pop_front()) wake(*w);
    settle();
  }

 private:
  // A waiter's mechanism: it lets go of the lock once parked; a notification (or cancellation)
  // queues it on the loop, and on its turn it takes the lock back (granted) or queues for it,
  // so it always resumes holding the lock.
  struct waiting : detail::sync_mechanism {
    static constexpr const char* what = "aio::condition_variable wait";
    waiting(condition_variable& c, mutex::guard& g) noexcept : cv(c), guard(g) {}
    detail::waiter_list& waiters() noexcept { return cv.waiters_; }
    detail::loop_binding& binding() noexcept { return cv.loop_; }
    bool ready() const {
      if (!guard.owns_lock()) throw runtime_error("aio::condition_variable::wait: the guard does not hold its mutex");
      cv.loop_.check("aio::condition_variable");
      return false;
    }
    void parked() noexcept {
      in_cv = true;
      owner = guard.mutex_;
      guard.owns_ = false;
      owner->release();  // may hand the lock to the next task waiting for it
    }
    void left() noexcept { cv.settle(); }
    bool cancel_pending() const noexcept { return cancelled; }
    void handed_on() noexcept {
      guard.owns_ = true;
      cv.notify_one();  // asyncio: a notification this waiter may have had goes on
    }
    void ran() noexcept { guard.owns_ = true; }
    // Cancellation: leave this condition's list if still there, then take the lock back anyway.
    detail::cancel_outcome cancel(detail::grant_waiter& node) noexcept {
      cancelled = true;
      if (in_cv) {
        in_cv = false;
        cv.waiters_.remove(node);
        cv.settle();
        detail::wake(node);
      }
      return detail::cancel_outcome::forwarded;
    }
    // The waiter's turn on the loop: resume holding the lock, or queue for it (mutex::release
    // grants it and schedules this again).
    bool turn(detail::grant_waiter& node) noexcept {
      if (node.granted) return false;
      if (!owner->try_lock()) {
        owner->waiters_.push_back(node);
        detail::park(node);
        return true;
      }
      node.granted = true;
      return false;
    }
    // Destroyed mid-wait (the loop is closing): out of whichever list holds it, and a lock
    // handed back meanwhile is released (the guard does not own it while it waits).
    void abandon(detail::grant_waiter& node) noexcept {
      if (in_cv) {
        cv.waiters_.remove(node);
        cv.settle();
      } else if (owner && owner->waiters_.contains(node)) {
        owner->waiters_.remove(node);
      } else if (node.granted) {
        owner->release();
      }
    }

    condition_variable& cv;
    mutex::guard& guard;
    aio::mutex* owner = nullptr;  // the mutex it let go of
    bool in_cv = false;           // parked in this condition's list (else in the mutex's, or granted)
    bool cancelled = false;       // will throw once it holds the lock again
  };

  // A notified waiter is queued on the loop; it asks for the mutex when it runs (turn).
  static void wake(detail::waiter& w) noexcept {
    auto& node = static_cast<detail::mechanism_node<waiting>&>(w);
    node.mech->in_cv = false;
    detail::wake(node);
  }

  void settle() noexcept {
    if (waiters_.empty()) loop_.detach();
  }

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
};

class [[nodiscard]] condition_variable::wait_awaiter : public detail::waiter_awaiter<condition_variable::waiting> {
 public:
  wait_awaiter(condition_variable& cv, mutex::guard& guard) noexcept : waiter_awaiter(cv, guard) {}
  void await_resume() { end(); }  // resumed only once the lock was handed back
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
