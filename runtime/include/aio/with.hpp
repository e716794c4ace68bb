// aio::with (`async with`): enters an async context manager (anything with aenter() and
// aexit(std::exception_ptr) returning awaitables), runs the body with what aenter gave,
// and always exits; aexit returning true suppresses the body's exception.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "aio/detail/awaitable_traits.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {

template <class CM>
using aenter_result_t = await_result_t<decltype(std::declval<CM&>().aenter())>;

template <class CM, class Body>
auto body_result() {
  if constexpr (std::is_void_v<aenter_result_t<CM>>) return std::type_identity<await_value_t<std::invoke_result_t<Body&>>>{};
  else return std::type_identity<await_value_t<std::invoke_result_t<Body&, aenter_result_t<CM>>>>{};
}
template <class CM, class Body>
using with_result_t = typename decltype(body_result<CM, Body>())::type;

// `Manager` is a reference for a named manager and a value for a temporary one.
template <class Manager, class Body>
task<with_result_t<std::remove_reference_t<Manager>, Body>> with_impl(Manager manager, Body body) {
  using CM = std::remove_reference_t<Manager>;
  using R = with_result_t<CM, Body>;
  CM& cm = manager;
  std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> value;
  std::exception_ptr error;
  if constexpr (std::is_void_v<aenter_result_t<CM>>) {
    co_await cm.aenter();
    try {
      if constexpr (std::is_void_v<R>) { co_await body(); value.emplace(true); }
      else value.emplace(co_await body());
    } catch (...) {
      error = std::current_exception();
    }
  } else {
    decltype(auto) entered = co_await cm.aenter();
    try {
      if constexpr (std::is_void_v<R>) { co_await body(entered); value.emplace(true); }
      else value.emplace(co_await body(entered));
    } catch (...) {
      error = std::current_exception();
    }
  }
  const bool suppress = co_await cm.aexit(error);
  if (error && !suppress) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) {
    if (!value) {
      if constexpr (std::is_default_constructible_v<R>) co_return R{};
      else throw invalid_state_error("aio::with: the body's exception was suppressed and it has no value");
    }
    co_return std::move(*value);
  }
}

}  // namespace detail

template <class CM, class Body>
auto with(CM&& manager, Body body) {
  using Manager = std::conditional_t<std::is_lvalue_reference_v<CM>, CM, std::remove_cvref_t<CM>>;
  return detail::with_impl<Manager, Body>(std::forward<CM>(manager), std::move(body));
}

}  // namespace aio
