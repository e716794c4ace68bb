// aio::sleep (asyncio.sleep): suspends the calling task for a duration; sleep(0s) just yields;
// sleep(d, value) gives `value` back.
#pragma once

#include <chrono>
#include <coroutine>
#include <type_traits>
#include <utility>

#include "aio/event_loop.hpp"

namespace aio {

namespace detail {
inline cancel_outcome cancel_sleep(waiter& w) noexcept {
  loop_access::remove_timer(*w.task->loop, static_cast<timer_node&>(w));
  return cancel_outcome::detached;
}
inline constexpr waiter_ops sleep_ops{nullptr, &cancel_sleep, nullptr, "sleep"};
inline constexpr waiter_ops yield_ops{nullptr, nullptr, nullptr, "sleep(0)"};
}  // namespace detail

class [[nodiscard]] sleep_awaitable {
 public:
  explicit sleep_awaitable(clock::duration delay) noexcept { timer_.when = clock::time_point(delay); }
  // Copying is meant for before the await (gather/wait_for take awaitables by value).
  sleep_awaitable(const sleep_awaitable& other) noexcept { timer_.when = other.timer_.when; }
  sleep_awaitable& operator=(const sleep_awaitable&) = delete;
  ~sleep_awaitable() {
    if (timer_.armed()) {
      event_loop* loop = timer_.task ? timer_.task->loop : detail::running_loop;
      if (loop) detail::loop_access::remove_timer(*loop, timer_);
    }
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    event_loop& loop = detail::running_loop_or_throw();
    if (!detail::begin_wait(timer_, h)) return false;
    const clock::duration delay = timer_.when.time_since_epoch();  // stored there until now
    if (delay <= clock::duration::zero()) {
      // A yield: the task sits in the ready queue; a cancel() meanwhile is delivered on resume.
      timer_.ops = &detail::yield_ops;
      detail::loop_access::schedule(loop, timer_);
      return true;
    }
    timer_.when = loop.time() + delay;
    timer_.ops = &detail::sleep_ops;
    detail::loop_access::add_timer(loop, timer_);
    detail::park(timer_);
    return true;
  }
  void await_resume() { detail::end_wait(timer_); }

 private:
  detail::timer_node timer_;
};

namespace detail {
template <class Rep, class Period>
clock::duration sleep_delay(std::chrono::duration<Rep, Period> delay) noexcept {
  // Compared in floating point so no duration type can overflow; ~95 years is forever enough.
  constexpr double longest_seconds = 3.0e9;
  if (std::chrono::duration<double>(delay).count() >= longest_seconds)
    return std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(longest_seconds));
  return std::chrono::ceil<clock::duration>(delay);
}
}  // namespace detail

// asyncio.sleep(delay, result): the same sleep, and `co_await` gives `value` back.
template <class T>
class [[nodiscard]] sleep_value_awaitable : public sleep_awaitable {
 public:
  sleep_value_awaitable(clock::duration delay, T value) : sleep_awaitable(delay), value_(std::move(value)) {}
  T await_resume() {
    sleep_awaitable::await_resume();
    return std::move(value_);
  }

 private:
  T value_;
};

template <class Rep, class Period>
sleep_awaitable sleep(std::chrono::duration<Rep, Period> delay) noexcept {
  return sleep_awaitable(detail::sleep_delay(delay));
}

template <class Rep, class Period, class T>
sleep_value_awaitable<std::decay_t<T>> sleep(std::chrono::duration<Rep, Period> delay, T&& value) {
  return sleep_value_awaitable<std::decay_t<T>>(detail::sleep_delay(delay), std::forward<T>(value));
}

}  // namespace aio
