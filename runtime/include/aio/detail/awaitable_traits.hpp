// What `co_await x` yields for an arbitrary awaitable, and turning any awaitable into a task.
#pragma once

#include <type_traits>
#include <utility>

#include "aio/task.hpp"

namespace aio::detail {

template <class A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (requires { std::forward<A>(a).operator co_await(); }) {
    return std::forward<A>(a).operator co_await();
  } else if constexpr (requires { operator co_await(std::forward<A>(a)); }) {
    return operator co_await(std::forward<A>(a));
  } else {
    return std::forward<A>(a);
  }
}

template <class A>
using await_result_t = decltype(get_awaiter(std::declval<A>()).await_resume());

template <class A>
concept awaitable = requires(A&& a) { get_awaiter(std::forward<A>(a)).await_ready(); };

template <class A>
using await_value_t = std::remove_cvref_t<await_result_t<A>>;

// Runs any awaitable as a task (so it can be scheduled, timed out or shielded).
template <class A>
task<await_value_t<A>> as_task(A aw) {
  if constexpr (std::is_void_v<await_value_t<A>>) {
    co_await std::move(aw);
  } else {
    co_return co_await std::move(aw);
  }
}

}  // namespace aio::detail
