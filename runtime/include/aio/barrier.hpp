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

#include "aio/detail/waiter_awaiter.hpp"
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

  // A parked task's mechanism: granted a state change; nothing to hand on when cancelled.
  struct parking : detail::sync_mechanism {
    static constexpr const char* what = "aio::barrier wait";
    explicit parking(barrier& b) noexcept : owner(b) {}
    detail::waiter_list& waiters() noexcept { return owner.waiters_; }
    detail::loop_binding& binding() noexcept { return owner.loop_; }
    bool ready() const noexcept { return false; }
    void left() noexcept {
      if (owner.waiters_.empty()) owner.loop_.detach();
    }
    barrier& owner;
  };

  // Waits for the next state change (asyncio's Condition.wait: the caller re-checks its predicate).
  park_awaiter park() noexcept;
  // Wakes every parked task, in the order they parked (Condition.notify_all).
  void notify_all() noexcept {
    while (detail::waiter* w = waiters_.pop_front()) detail::grant(*w);
    loop_.detach();
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

class [[nodiscard]] barrier::park_awaiter : public detail::waiter_awaiter<barrier::parking> {
 public:
  explicit park_awaiter(barrier& b) noexcept : waiter_awaiter(b) {}
  void await_resume() { end(); }
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
