// aio::gather (asyncio.gather): runs awaitables concurrently as tasks and collects their
// results in argument order. The first failure cancels and awaits the rest, then is rethrown;
// with aio::return_exceptions every outcome comes back as an aio::result<T>.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "aio/detail/awaitable_traits.hpp"
#include "aio/detail/gather_core.hpp"
#include "aio/join_handle.hpp"
#include "aio/result.hpp"

namespace aio {

struct return_exceptions_t {
  explicit return_exceptions_t() = default;
};
inline constexpr return_exceptions_t return_exceptions{};

namespace detail {

template <class T>
using void_to_monostate_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

// What one gather argument becomes: a task we spawned (its result may be moved out) or a
// handle someone else also holds (its result is copied).
template <class T>
struct gathered {
  using value_type = T;
  task_state* state;
  bool owned;
};

template <class T>
gathered<T> gather_child(task<T>&& t) {
  auto h = t.release();
  if (!h) throw invalid_state_error("gather: empty task");
  return {spawn(running_loop_or_throw(), h, h.promise()), true};
}
template <class T>
gathered<T> gather_child(const join_handle<T>& h) {
  task_state* s = h.state_pointer();
  if (!s) throw invalid_state_error("gather: empty handle");
  s->add_ref();
  return {s, false};
}
template <class A>
inline constexpr bool is_task_v = false;
template <class T>
inline constexpr bool is_task_v<task<T>> = true;

template <class A>
  requires(!std::is_base_of_v<task_handle, std::remove_cvref_t<A>> && !is_task_v<std::remove_cvref_t<A>>)
auto gather_child(A&& aw) {
  return gather_child(as_task(std::forward<A>(aw)));
}

template <class A>
struct gather_arg {
  using type = typename decltype(gather_child(std::declval<A>()))::value_type;
};

template <class T>
void_to_monostate_t<T> take_value(task_state& s, bool owned) {
  auto& promise = promise_of<T>(s);
  if constexpr (std::is_void_v<T>) {
    return {};
  } else if constexpr (std::is_copy_constructible_v<T>) {
    if (owned) return std::move(*promise.value);
    return *promise.value;
  } else {
    return std::move(*promise.value);
  }
}

template <class T>
result<T> take_result(task_state& s, bool owned) {
  if (s.promise->exception) return result<T>(s.promise->exception);
  if constexpr (std::is_void_v<T>) {
    return result<void>();
  } else {
    return result<T>(take_value<T>(s, owned));
  }
}

template <bool ReturnExceptions, class T>
using gather_slot_t = std::conditional_t<ReturnExceptions, result<T>, void_to_monostate_t<T>>;

template <bool ReturnExceptions, class T>
gather_slot_t<ReturnExceptions, T> take(task_state& s, bool owned) {
  if constexpr (ReturnExceptions) return take_result<T>(s, owned);
  else return take_value<T>(s, owned);
}

template <bool ReturnExceptions, class T>
auto gather_vector(std::vector<task<T>> tasks)
    -> task<std::vector<gather_slot_t<ReturnExceptions, T>>> {
  gather_core core(ReturnExceptions);
  core.reserve(tasks.size());
  event_loop& loop = running_loop_or_throw();
  for (auto& t : tasks) {
    auto h = t.release();
    if (!h) throw invalid_state_error("gather: empty task");
    core.adopt(spawn(loop, h, h.promise()), true);
  }
  tasks.clear();
  co_await core;
  std::vector<gather_slot_t<ReturnExceptions, T>> results;
  results.reserve(core.size());
  for (std::size_t i = 0; i < core.size(); ++i) {
    results.push_back(take<ReturnExceptions, T>(core.child(i), true));
    core.release_child(i);  // free each child while it is still in cache
  }
  co_return results;
}

template <bool ReturnExceptions, class T>
auto gather_handles(std::vector<join_handle<T>> handles)
    -> task<std::vector<gather_slot_t<ReturnExceptions, T>>> {
  gather_core core(ReturnExceptions);
  core.reserve(handles.size());
  for (auto& h : handles) core.adopt(gather_child(h).state, false);
  co_await core;
  std::vector<gather_slot_t<ReturnExceptions, T>> results;
  results.reserve(core.size());
  for (std::size_t i = 0; i < core.size(); ++i) {
    results.push_back(take<ReturnExceptions, T>(core.child(i), false));
  }
  co_return results;
}

// Lazily spawns the children when the gather starts, so an unawaited gather runs nothing.
template <bool ReturnExceptions, class... A>
auto gather_lazy(A... aws)
    -> task<std::tuple<gather_slot_t<ReturnExceptions, typename gather_arg<A>::type>...>> {
  using result_type = std::tuple<gather_slot_t<ReturnExceptions, typename gather_arg<A>::type>...>;
  // A braced list spawns the children left to right, so they start in argument order.
  std::tuple<gathered<typename gather_arg<A>::type>...> children{gather_child(std::move(aws))...};
  gather_core core(ReturnExceptions);
  core.reserve(sizeof...(A));
  std::apply([&](auto&... c) { (core.adopt(c.state, c.owned), ...); }, children);
  co_await core;
  co_return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return result_type(take<ReturnExceptions, typename gather_arg<A>::type>(core.child(I),
                                                                            std::get<I>(children).owned)...);
  }(std::index_sequence_for<A...>{});
}

}  // namespace detail

template <class T>
auto gather(std::vector<task<T>> tasks) {
  return detail::gather_vector<false, T>(std::move(tasks));
}
template <class T>
auto gather(return_exceptions_t, std::vector<task<T>> tasks) {
  return detail::gather_vector<true, T>(std::move(tasks));
}
template <class T>
auto gather(std::vector<join_handle<T>> handles) {
  return detail::gather_handles<false, T>(std::move(handles));
}
template <class T>
auto gather(return_exceptions_t, std::vector<join_handle<T>> handles) {
  return detail::gather_handles<true, T>(std::move(handles));
}

template <class... A>
  requires(sizeof...(A) > 0 && (!std::is_same_v<std::remove_cvref_t<A>, return_exceptions_t> && ...))
auto gather(A&&... aws) {
  return detail::gather_lazy<false, std::decay_t<A>...>(std::forward<A>(aws)...);
}
template <class... A>
auto gather(return_exceptions_t, A&&... aws) {
  return detail::gather_lazy<true, std::decay_t<A>...>(std::forward<A>(aws)...);
}

}  // namespace aio
