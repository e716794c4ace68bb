// aio::task<T>: a lazy coroutine, like a Python coroutine object. Nothing runs until it is
// awaited or scheduled; awaiting it transfers control symmetrically (no stack growth).
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"

namespace aio {

template <class T = void>
class task;

namespace detail {

struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> h) noexcept {
    promise_base& p = h.promise();
    if (p.continuation) return p.continuation;
    if (p.root) return p.root->on_complete();  // may destroy this frame: touch nothing after
    return std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

template <class T>
struct task_promise : promise_base {
  std::optional<T> value;

  explicit task_promise(std::source_location where = std::source_location::current()) noexcept
      : promise_base(where) {}
  task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  template <class U = T>
    requires std::is_convertible_v<U&&, T>
  void return_value(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    value.emplace(std::forward<U>(v));
  }
  T& result() & {
    if (exception) std::rethrow_exception(exception);
    return *value;
  }
};

template <>
struct task_promise<void> : promise_base {
  explicit task_promise(std::source_location where = std::source_location::current()) noexcept
      : promise_base(where) {}
  task<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void return_void() noexcept {}
  void result() {
    if (exception) std::rethrow_exception(exception);
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] task {
 public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;
  using handle_type = std::coroutine_handle<promise_type>;

  task() noexcept = default;
  explicit task(handle_type h) noexcept : handle_(h) {}
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() { destroy(); }

  explicit operator bool() const noexcept { return static_cast<bool>(handle_); }
  bool done() const noexcept { return handle_ && handle_.done(); }

  // Gives up ownership of the frame (to a scheduled task's state).
  handle_type release() noexcept { return std::exchange(handle_, {}); }

  struct awaiter {
    handle_type handle;
    detail::promise_base* caller = nullptr;  // its awaiting_child link, kept for dump_tasks

    bool await_ready() const noexcept { return !handle || handle.done(); }
    template <class CallerPromise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<CallerPromise> h) noexcept {
      if constexpr (std::is_base_of_v<detail::promise_base, CallerPromise>) {
        caller = &h.promise();
        caller->awaiting_child = &handle.promise();
      }
      handle.promise().continuation = h;
      return handle;
    }
    std::conditional_t<std::is_void_v<T>, void, T> await_resume() {
      if (caller) caller->awaiting_child = nullptr;
      if (!handle) throw invalid_state_error("awaiting an empty aio::task");
      if constexpr (std::is_void_v<T>) {
        handle.promise().result();
      } else {
        return std::move(handle.promise().result());
      }
    }
  };

  awaiter operator co_await() && noexcept { return awaiter{handle_}; }
  awaiter operator co_await() & noexcept { return awaiter{handle_}; }

 private:
  void destroy() noexcept {
    if (!handle_) return;
    if (!handle_.promise().claimed()) detail::report_never_awaited(handle_.promise().location);
    handle_.destroy();
    handle_ = {};
  }

  handle_type handle_{};
};

namespace detail {
template <class T>
task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise<T>>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise<void>>::from_promise(*this)};
}
}  // namespace detail

}  // namespace aio
