// aio::sleep (asyncio.sleep): suspends the calling task for a duration; sleep(0s) just yields.
#pragma once

#include <chrono>
#include <coroutine>

#include "aio/event_loop.hpp"

namespace aio {

namespace detail {
struct sleep_waiter : waiter {
  timer_node timer;
  event_loop* loop = nullptr;

  static cancel_outcome cancel(waiter& w) noexcept {
    auto& self = static_cast<sleep_waiter&>(w);
    loop_access::remove_timer(*self.loop, self.timer);
    return cancel_outcome::detached;
  }
};
}  // namespace detail

class [[nodiscard]] sleep_awaitable {
 public:
  explicit sleep_awaitable(clock::duration delay) noexcept : delay_(delay) {}
  sleep_awaitable(const sleep_awaitable&) = delete;
  sleep_awaitable& operator=(const sleep_awaitable&) = delete;
  ~sleep_awaitable() {
    if (waiter_.timer.armed()) detail::loop_access::remove_timer(*waiter_.loop, waiter_.timer);
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    event_loop& loop = detail::running_loop_or_throw();
    if (!detail::begin_wait(waiter_, h, "sleep")) return false;
    waiter_.loop = &loop;
    if (delay_ <= clock::duration::zero()) {
      // A yield: the task sits in the ready queue; a cancel() meanwhile is delivered on resume.
      detail::loop_access::schedule(loop, waiter_);
      return true;
    }
    waiter_.timer.when = loop.time() + delay_;
    waiter_.timer.target = &waiter_;
    waiter_.on_cancel = &detail::sleep_waiter::cancel;
    detail::loop_access::add_timer(loop, waiter_.timer);
    detail::park(waiter_);
    return true;
  }
  void await_resume() { detail::end_wait(waiter_); }

 private:
  clock::duration delay_;
  detail::sleep_waiter waiter_;
};

template <class Rep, class Period>
sleep_awaitable sleep(std::chrono::duration<Rep, Period> delay) noexcept {
  using target = clock::duration;
  if (delay > std::chrono::duration_cast<std::chrono::duration<Rep, Period>>(std::chrono::hours(24 * 365 * 100)))
    return sleep_awaitable(std::chrono::duration_cast<target>(std::chrono::hours(24 * 365 * 100)));
  return sleep_awaitable(std::chrono::ceil<target>(delay));
}

}  // namespace aio
