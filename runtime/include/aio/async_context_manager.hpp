// aio::async_context_manager<T> (contextlib.asynccontextmanager): a coroutine that co_yields
// exactly once is an async context manager for aio::with. The code before the co_yield is
// aenter, the yielded object is what the body receives (by reference), the code after it is
// aexit. The body's exception is rethrown at the co_yield, so the coroutine can see it:
//
//   aio::async_context_manager<connection> connected(std::string host) {
//     connection c = co_await connect(host);
//     std::exception_ptr failure;
//     try {
//       co_yield c;                       // the body runs here
//     } catch (...) {
//       failure = std::current_exception();   // no co_await inside a handler
//     }
//     co_await c.close();                 // cleanup that awaits
//     if (failure) std::rethrow_exception(failure);
//   }
//   co_await aio::with(connected("db"), [](connection& c) -> aio::task<> { ... });
//
// Use async_context_manager<> (void) and `co_yield {};` when the body gets nothing.
// Suppression, as in Python: if the coroutine finishes normally after the body's exception was
// thrown into it, the exception is suppressed; rethrowing it lets it propagate; throwing
// another exception replaces it. A coroutine that never yields makes aenter throw
// aio::runtime_error, one that yields twice makes aexit throw it. RAII objects in the
// coroutine are destroyed when it finishes (or when it is destroyed without aexit).
#pragma once

#include <coroutine>
#include <exception>
#include <source_location>
#include <type_traits>
#include <utility>
#include <variant>

#include "aio/async_generator.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"

namespace aio {

template <class T = void>
class async_context_manager;

namespace detail {

template <class T>
struct context_manager_promise : promise_base {
  using value_type = std::conditional_t<std::is_void_v<T>, std::monostate, std::remove_reference_t<T>>;
  value_type* yielded = nullptr;  // lives in the coroutine frame while it waits at co_yield
  std::exception_ptr thrown;      // the body's exception, rethrown at co_yield by aexit

  struct resume_at_yield : return_to_consumer {
    context_manager_promise& promise;
    void await_resume() const {
      promise.yielded = nullptr;
      if (promise.thrown) std::rethrow_exception(std::exchange(promise.thrown, nullptr));
    }
  };

  explicit context_manager_promise(std::source_location where = std::source_location::current()) noexcept
      : promise_base(where) {}
  async_context_manager<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() const noexcept { return {}; }
  return_to_consumer final_suspend() const noexcept { return {}; }
  resume_at_yield yield_value(value_type& value) noexcept {
    yielded = &value;
    return {{}, *this};
  }
  resume_at_yield yield_value(value_type&& value) noexcept {
    yielded = &value;  // a temporary lives until the end of the co_yield expression
    return {{}, *this};
  }
  void return_void() const noexcept {}
};

}  // namespace detail

template <class T>
class [[nodiscard]] async_context_manager {
 public:
  using promise_type = detail::context_manager_promise<T>;
  using handle_type = std::coroutine_handle<promise_type>;
  using value_type = typename promise_type::value_type;

  explicit async_context_manager(handle_type h) noexcept : handle_(h) {}
  async_context_manager(async_context_manager&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  async_context_manager& operator=(async_context_manager&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  async_context_manager(const async_context_manager&) = delete;
  async_context_manager& operator=(const async_context_manager&) = delete;
  ~async_context_manager() { destroy(); }

  // Runs the coroutine up to its co_yield; gives the yielded object (nothing for void).
  class [[nodiscard]] enter_awaiter {
   public:
    explicit enter_awaiter(handle_type h) noexcept : handle_(h) {}
    bool await_ready() const {
      if (!handle_) throw invalid_state_error("aio::async_context_manager: empty (moved from)");
      if (handle_.done() || handle_.promise().yielded || handle_.promise().continuation)
        throw runtime_error("aio::async_context_manager: already entered");
      return false;
    }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      handle_.promise().continuation = caller;
      return handle_;
    }
    decltype(auto) await_resume() const {
      promise_type& p = handle_.promise();
      if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
      if (handle_.done()) throw runtime_error("aio::async_context_manager: the coroutine did not yield");
      if constexpr (std::is_void_v<T>) return;
      else return static_cast<value_type&>(*p.yielded);
    }

   private:
    handle_type handle_;
  };

  // Resumes the coroutine after its co_yield, with the body's exception (if any) thrown there.
  // Gives true when that exception is to be suppressed.
  class [[nodiscard]] exit_awaiter {
   public:
    exit_awaiter(handle_type h, std::exception_ptr error) noexcept : handle_(h), error_(std::move(error)) {}
    bool await_ready() const {
      if (!handle_ || handle_.done() || !handle_.promise().yielded)
        throw runtime_error("aio::async_context_manager: aexit without a matching aenter");
      return false;
    }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      promise_type& p = handle_.promise();
      p.thrown = error_;
      p.continuation = caller;
      return handle_;
    }
    bool await_resume() const {
      promise_type& p = handle_.promise();
      if (!handle_.done()) throw runtime_error("aio::async_context_manager: the coroutine yielded more than once");
      if (std::exception_ptr raised = std::exchange(p.exception, nullptr)) {
        if (raised == error_) return false;  // rethrew the body's exception: let it propagate
        std::rethrow_exception(raised);
      }
      return error_ != nullptr;  // finished normally: a thrown-in exception was swallowed
    }

   private:
    handle_type handle_;
    std::exception_ptr error_;
  };

  enter_awaiter aenter() noexcept { return enter_awaiter(handle_); }
  exit_awaiter aexit(std::exception_ptr error) noexcept { return exit_awaiter(handle_, std::move(error)); }

 private:
  void destroy() noexcept {
    if (handle_) std::exchange(handle_, {}).destroy();
  }
  handle_type handle_;
};

template <class T>
async_context_manager<T> detail::context_manager_promise<T>::get_return_object() noexcept {
  return async_context_manager<T>{std::coroutine_handle<context_manager_promise<T>>::from_promise(*this)};
}

}  // namespace aio
