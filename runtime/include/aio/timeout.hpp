// aio::timeout / timeout_at (asyncio.timeout) and aio::wait_for (asyncio.wait_for): the
// awaitable runs inline in the calling task; at the deadline that task is cancelled, and the
// cancellation this caused comes out as aio::timeout_error.
#pragma once

#include <chrono>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "aio/detail/awaitable_traits.hpp"
#include "aio/event_loop.hpp"
#include "aio/join_handle.hpp"
#include "aio/wait.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {

struct deadline_timer : timer_node {
  task_state* target = nullptr;
  bool expired = false;

  static void fire(waiter& w) noexcept {
    auto& self = static_cast<deadline_timer&>(w);
    self.expired = true;
    self.target->cancel();
  }
};
inline constexpr waiter_ops deadline_ops{&deadline_timer::fire, nullptr, nullptr, "timeout"};

template <class A>
task<await_value_t<A>> timeout_at_impl(clock::time_point deadline, A aw) {
  using value_type = await_value_t<A>;
  event_loop& loop = running_loop_or_throw();
  task_state* self = current_task_state();
  if (!self) throw runtime_error("aio::timeout must run inside a task");
  deadline_timer timer;
  timer.target = self;
  timer.when = deadline;
  timer.ops = &deadline_ops;
  const int cancelling_before = self->cancelling;
  loop_access::add_timer(loop, timer);

  std::optional<std::conditional_t<std::is_void_v<value_type>, bool, value_type>> value;
  std::exception_ptr failure;
  bool cancelled = false;
  try {
    if constexpr (std::is_void_v<value_type>) {
      co_await std::move(aw);
      value.emplace(true);
    } else {
      value.emplace(co_await std::move(aw));
    }
  } catch (...) {
    cancelled = handling_cancelled_error();
    failure = std::current_exception();
  }
  loop_access::remove_timer(loop, timer);
  // Only the cancellation this timeout caused becomes timeout_error; an outside cancel()
  // that arrived as well still propagates (asyncio's uncancel() bookkeeping).
  if (timer.expired && self->uncancel() <= cancelling_before && cancelled) throw timeout_error{};
  if (failure) std::rethrow_exception(failure);
  if constexpr (!std::is_void_v<value_type>) co_return std::move(*value);
}

template <class A>
inline constexpr bool is_join_handle_v = false;
template <class T>
inline constexpr bool is_join_handle_v<join_handle<T>> = true;
template <class A>
inline constexpr bool is_lazy_task_v = false;
template <class T>
inline constexpr bool is_lazy_task_v<task<T>> = true;

// asyncio.wait_for with a zero or past deadline: a task that has not started never starts
// (its coroutine is dropped unrun); a scheduled one is cancelled and awaited, and gives its
// value only if it finished anyway. A done future gives its result; any other awaitable is
// not awaited at all.
template <class A>
task<await_value_t<A>> wait_for_expired(A aw) {
  if constexpr (is_join_handle_v<A>) {
    if (!aw.done()) {
      aw.cancel();
      co_await aio::wait(std::vector<A>{aw});  // asyncio's _cancel_and_wait (our own cancel stops it)
    }
    if (aw.cancelled()) throw timeout_error{};
    co_return co_await std::move(aw);
  } else {
    if constexpr (requires { aw.done(); }) {
      // A done future (asyncio: `await fut` inside timeout(0) returns without suspending).
      if (aw.done()) co_return co_await std::move(aw);
    }
    if constexpr (is_lazy_task_v<A>) {
      if (auto frame = aw.release()) frame.destroy();  // never run, so never reported as unawaited
    }
    throw timeout_error{};
  }
}

template <class A>
task<await_value_t<A>> wait_for_impl(std::optional<clock::duration> delay, A aw) {
  if (!delay) co_return co_await std::move(aw);
  if (*delay <= clock::duration::zero()) co_return co_await wait_for_expired(std::move(aw));
  co_return co_await timeout_at_impl(running_loop_or_throw().time() + *delay, std::move(aw));
}

}  // namespace detail

template <detail::awaitable A>
auto timeout_at(clock::time_point deadline, A&& aw) {
  return detail::timeout_at_impl<std::decay_t<A>>(deadline, std::forward<A>(aw));
}

template <class Rep, class Period, detail::awaitable A>
auto timeout(std::chrono::duration<Rep, Period> delay, A&& aw) {
  return detail::timeout_at_impl<std::decay_t<A>>(
      detail::running_loop_or_throw().time() + std::chrono::ceil<clock::duration>(delay), std::forward<A>(aw));
}

// asyncio.wait_for: the deadline counts from when the result is awaited; std::nullopt waits
// without one; a zero or past deadline throws timeout_error without starting what has not started.
// asyncio.timeout(None): no deadline.
template <detail::awaitable A>
auto timeout(std::nullopt_t, A&& aw) {
  return detail::wait_for_impl<std::decay_t<A>>(std::nullopt, std::forward<A>(aw));
}

template <detail::awaitable A, class Rep, class Period>
auto wait_for(A&& aw, std::optional<std::chrono::duration<Rep, Period>> delay) {
  std::optional<clock::duration> d;
  if (delay) d = std::chrono::ceil<clock::duration>(*delay);
  return detail::wait_for_impl<std::decay_t<A>>(d, std::forward<A>(aw));
}
template <detail::awaitable A, class Rep, class Period>
auto wait_for(A&& aw, std::chrono::duration<Rep, Period> delay) {
  return wait_for(std::forward<A>(aw), std::optional<std::chrono::duration<Rep, Period>>(delay));
}
template <detail::awaitable A>
auto wait_for(A&& aw, std::nullopt_t) {
  return detail::wait_for_impl<std::decay_t<A>>(std::nullopt, std::forward<A>(aw));
}

}  // namespace aio
