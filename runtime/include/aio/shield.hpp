// aio::shield (asyncio.shield): the awaitable runs as its own task; cancelling the awaiter
// throws cancelled_error at once in the awaiter while the shielded task runs on.
#pragma once

#include <type_traits>
#include <utility>

#include "aio/detail/awaitable_traits.hpp"
#include "aio/join_handle.hpp"

namespace aio {

namespace detail {

inline cancel_outcome leave_shielded(waiter& w) {
  auto& j = static_cast<join_waiter&>(w);
  j.target->joiners.remove(j);
  return cancel_outcome::detached;
}
inline constexpr waiter_ops shield_ops{nullptr, &leave_shielded, nullptr, "shield"};

template <class T>
struct shield_awaiter {
  join_handle<T> inner;
  join_waiter waiter_{};

  bool await_ready() const {
    check_same_loop(*inner.state_pointer());
    return inner.done();
  }
  bool await_suspend(std::coroutine_handle<> h) {
    if (!begin_wait(waiter_, h)) return false;
    waiter_.target = inner.state_pointer();
    waiter_.ops = &shield_ops;
    waiter_.target->joiners.push_back(waiter_);
    park(waiter_);
    return true;
  }
  decltype(auto) await_resume() {
    end_wait(waiter_);
    if constexpr (std::is_void_v<T>) inner.result();
    else return T(inner.result());
  }
};

template <class T>
task<T> shield_handle(join_handle<T> inner) {
  co_return co_await shield_awaiter<T>{std::move(inner)};
}

}  // namespace detail

template <class T>
task<T> shield(join_handle<T> inner) {
  return detail::shield_handle(std::move(inner));
}

template <class T>
task<T> shield(task<T> inner) {
  co_return co_await detail::shield_awaiter<T>{create_task(std::move(inner))};
}

template <detail::awaitable A>
  requires(!std::is_base_of_v<task_handle, std::remove_cvref_t<A>>)
auto shield(A&& aw) {
  return shield(detail::as_task(std::forward<A>(aw)));
}

}  // namespace aio
