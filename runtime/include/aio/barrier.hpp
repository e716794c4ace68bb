// aio::barrier (asyncio.Barrier): `co_await b.wait()` blocks until parties() tasks have called it,
// then all of them pass and each gets its arrival index (0 .. parties()-1). The state machine is
// asyncio's: while the tasks of a round are still leaving (draining), or after reset() with tasks
// inside (resetting), a new arrival waits before it counts in; abort() breaks the barrier until
// the next reset(). Also an async context manager: `aio::with(b, [](std::size_t i) ...)`.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <ostream>
#include <stdexcept>

#include "aio/detail/sync_waiter.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

namespace aio {

class barrier {
 public:
  // Throws std::invalid_argument when `parties` is 0 (asyncio's ValueError).
  explicit barrier(std::size_t parties) : parties_(parties) {
    if (parties == 0) throw std::invalid_argument("aio::barrier: parties must be > 0");
  }
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  // This task's arrival index. Throws aio::broken_barrier_error when the barrier is broken, or
  // is aborted or reset while the task waits; cancelled_error when the task is cancelled.
  [[nodiscard]] task<std::size_t> wait();
  // Back to the empty filling state; tasks waiting get broken_barrier_error. Never suspends.
  [[nodiscard]] task<> reset();
  // Breaks the barrier: waiting and later wait() calls get broken_barrier_error until reset().
  [[nodiscard]] task<> abort();

  std::size_t parties() const noexcept { return parties_; }
  // Tasks waiting for the barrier to fill (0 while it drains or is broken).
  std::size_t n_waiting() const noexcept { return state_ == phase::filling ? count_ : 0; }
  bool broken() const noexcept { return state_ == phase::broken; }

  // asyncio's repr: "<aio::barrier [draining, waiters:0/5]>" (filling, draining, resetting, broken).
  friend std::ostream& operator<<(std::ostream& out, const barrier& b) {
    static constexpr const char* names[] = {"filling", "draining", "resetting", "broken"};
    return out << "<aio::barrier [" << names[static_cast<int>(b.state_)] << ", waiters:" << b.n_waiting() << '/'
               << b.parties_ << "]>";
  }

  // The async context manager protocol: aenter is wait(), aexit does nothing.
  [[nodiscard]] task<std::size_t> aenter() { return wait(); }
  detail::ready_bool aexit(std::exception_ptr) noexcept { return {false}; }

 private:
  enum class phase { filling, draining, resetting, broken };
  class park_awaiter;

  struct waiter_node : detail::grant_waiter {
    barrier* owner = nullptr;
  };
  static detail::cancel_outcome leave(detail::waiter& w) noexcept {
    auto& node = static_cast<waiter_node&>(w);
    node.owner->forget(node);
    return detail::cancel_outcome::detached;
  }
  static constexpr detail::waiter_ops park_ops{nullptr, &barrier::leave, nullptr, "aio::barrier wait"};

  // Waits for the next state change (asyncio's Condition.wait: the caller re-checks its predicate).
  park_awaiter park() noexcept;
  // Wakes every parked task, in the order they parked (Condition.notify_all).
  void notify_all() noexcept {
    while (detail::waiter* w = waiters_.pop_front()) {
      static_cast<detail::grant_waiter*>(w)->granted = true;
      detail::wake(*w);
    }
    loop_.detach();
  }
  void forget(waiter_node& node) noexcept {
    waiters_.remove(node);
    if (waiters_.empty()) loop_.detach();
  }
  // A task left wait() (passed, broken or cancelled): the last one out ends the round.
  void depart() noexcept {
    --count_;
    if (count_ != 0) return;
    if (state_ == phase::resetting || state_ == phase::draining) state_ = phase::filling;
    notify_all();
  }

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
  std::size_t parties_;
  std::size_t count_ = 0;  // tasks inside wait() that have counted in (filling) or not yet left (draining)
  phase state_ = phase::filling;
};

class [[nodiscard]] barrier::park_awaiter {
 public:
  explicit park_awaiter(barrier& b) noexcept : barrier_(b) {}
  park_awaiter(const park_awaiter&) = delete;
  park_awaiter& operator=(const park_awaiter&) = delete;
  ~park_awaiter() {
    // Only reached mid-wait when the frame is destroyed (the loop is closing).
    if (barrier_.waiters_.contains(node_)) barrier_.forget(node_);
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!detail::begin_primitive_wait(node_, h, park_ops)) return false;
    node_.owner = &barrier_;
    barrier_.waiters_.push_back(node_);
    barrier_.loop_.attach();
    detail::park(node_);
    return true;
  }
  void await_resume() {
    if (!node_.granted) detail::end_ungranted_wait(node_);
    node_.granted = false;
    if (detail::cancelled_after_grant(node_)) detail::throw_cancelled();
  }

 private:
  barrier& barrier_;
  waiter_node node_;
};

inline barrier::park_awaiter barrier::park() noexcept { return park_awaiter(*this); }

inline task<std::size_t> barrier::wait() {
  loop_.check("aio::barrier");
  // A round that is draining or resetting ends before this task counts in.
  while (state_ == phase::draining || state_ == phase::resetting) co_await park();
  if (state_ == phase::broken) throw broken_barrier_error("barrier aborted");
  const std::size_t index = count_++;
  struct departure {
    barrier& self;
    ~departure() { self.depart(); }
  } leaving{*this};
  if (index + 1 == parties_) {
    state_ = phase::draining;  // the last arrival lets the round through without suspending
    notify_all();
  } else {
    while (state_ == phase::filling) co_await park();
    if (state_ == phase::broken || state_ == phase::resetting)
      throw broken_barrier_error("barrier aborted or reset while waiting");
  }
  co_return index;
}

inline task<> barrier::reset() {
  loop_.check("aio::barrier");
  // Tasks still inside finish the round (resetting); an empty barrier fills again at once.
  state_ = count_ > 0 ? phase::resetting : phase::filling;
  notify_all();
  co_return;
}

inline task<> barrier::abort() {
  loop_.check("aio::barrier");
  state_ = phase::broken;
  notify_all();
  co_return;
}

}  // namespace aio
