// aio::future<T> (asyncio.Future) from loop.create_future<T>(): a result that some code sets
// later (set_result, set_exception, cancel) and tasks await. A future is a shared handle, as a
// Python object reference is: copies observe the same outcome. It belongs to its loop.
//
// Awaiting gives the value (a copy; a move-only value is moved out), rethrows the exception, or
// throws cancelled_error with the cancel() message. Cancelling a task that awaits a future
// cancels the future itself, as asyncio does (wait_for and timeout rely on it).
#pragma once

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/join_handle.hpp"

namespace aio {

namespace detail {

// The type-independent part of a future: outcome, loop, and the awaiting tasks and done
// callbacks in one list, in the order they were added, so that completion schedules them in
// that order (asyncio makes an awaiting task one more done callback).
class future_core : public std::enable_shared_from_this<future_core> {
 public:
  explicit future_core(event_loop& loop) noexcept : loop_(&loop) {}
  future_core(const future_core&) = delete;
  future_core& operator=(const future_core&) = delete;
  ~future_core();

  bool done() const noexcept { return state_ != outcome::pending; }
  bool cancelled() const noexcept { return state_ == outcome::cancelled; }
  event_loop& loop() const noexcept { return *loop_; }

  bool cancel(std::string message);
  void set_exception(std::exception_ptr error);
  // Throws what result() must throw (not done, cancelled, failed); returns when there is a value.
  void check_result();
  std::exception_ptr exception();

  // `fn` gets a strong reference to this core when it is scheduled.
  callback_id add_callback(std::function<void(const std::shared_ptr<future_core>&)> fn);
  std::size_t remove_callback(callback_id id) noexcept;

  struct await_node : waiter {
    future_core* core = nullptr;
  };
  void park(await_node& node) noexcept { listeners_.push_back(node); }
  void unpark(await_node& node) noexcept {
    if (listeners_.contains(node)) listeners_.remove(node);
  }

 protected:
  // Throws invalid_state_error when the future is done already.
  void check_pending(const char* what) const;
  // Marks the (already stored) value as set and schedules the listeners.
  void finish_with_value() noexcept;

 private:
  enum class outcome { pending, value, failed, cancelled };
  struct callback_entry;
  void schedule_listeners() noexcept;

  event_loop* loop_;
  waiter_list listeners_;
  std::exception_ptr error_;
  std::string cancel_message_;
  callback_id next_callback_id_ = 1;
  outcome state_ = outcome::pending;
};

template <class T>
struct future_state : future_core {
  using future_core::future_core;
  std::optional<T> value;
  template <class U>
  void set(U&& v) {
    check_pending("set_result");
    value.emplace(std::forward<U>(v));
    finish_with_value();
  }
};
template <>
struct future_state<void> : future_core {
  using future_core::future_core;
  void set() {
    check_pending("set_result");
    finish_with_value();
  }
};

cancel_outcome cancel_future_wait(waiter& w);
inline constexpr waiter_ops future_wait_ops{nullptr, &cancel_future_wait, nullptr, "await future"};

}  // namespace detail

template <class T = void>
class future {
 public:
  using value_type = T;

  // Empty: done() and cancelled() are false, every other member throws invalid_state_error.
  future() noexcept = default;

  explicit operator bool() const noexcept { return state_ != nullptr; }
  friend bool operator==(const future& a, const future& b) noexcept { return a.state_ == b.state_; }

  bool done() const noexcept { return state_ && state_->done(); }
  bool cancelled() const noexcept { return state_ && state_->cancelled(); }
  // Cancels a pending future (awaiters get cancelled_error with `message`); false when done.
  bool cancel(std::string message = {}) { return state().cancel(std::move(message)); }

  // Throw aio::invalid_state_error when the future is already done.
  template <class U = T>
    requires(!std::is_void_v<T> && std::is_constructible_v<T, U &&>)
  void set_result(U&& value) {
    state().set(std::forward<U>(value));
  }
  void set_result()
    requires std::is_void_v<T>
  {
    state().set();
  }
  // `error` must not be null (std::invalid_argument).
  void set_exception(std::exception_ptr error) { state().set_exception(std::move(error)); }

  // The value; throws invalid_state_error if not done, cancelled_error if cancelled, or the
  // exception set.
  std::add_lvalue_reference_t<T> result() const {
    detail::future_state<T>& s = state();
    s.check_result();
    if constexpr (!std::is_void_v<T>) return *s.value;
  }
  // The exception set, or null; throws invalid_state_error if not done, cancelled_error if cancelled.
  std::exception_ptr exception() const { return state().exception(); }

  // `fn()` or `fn(future&)` runs on the loop (call_soon) once the future is done, in the order
  // added; at once (soon) if it is done already. Returns an id for remove_done_callback.
  template <class F>
  callback_id add_done_callback(F fn) {
    if constexpr (std::is_invocable_v<F&, future&>) {
      return state().add_callback([fn = std::move(fn)](const std::shared_ptr<detail::future_core>& core) mutable {
        future self(std::static_pointer_cast<detail::future_state<T>>(core));
        fn(self);
      });
    } else {
      static_assert(std::is_invocable_v<F&>, "a done callback takes no argument or the future");
      return state().add_callback([fn = std::move(fn)](const std::shared_ptr<detail::future_core>&) mutable { fn(); });
    }
  }
  // How many callbacks were removed (0 once the future is done: they are already scheduled).
  std::size_t remove_done_callback(callback_id id) { return state().remove_callback(id); }

  event_loop& get_loop() const { return state().loop(); }

  class awaiter {
   public:
    explicit awaiter(std::shared_ptr<detail::future_state<T>> s) noexcept : state_(std::move(s)) {}
    awaiter(awaiter&& other) noexcept : state_(std::move(other.state_)) {}
    awaiter& operator=(awaiter&&) = delete;
    ~awaiter() {
      if (state_) state_->unpark(node_);  // only when the frame is destroyed mid-wait
    }

    bool await_ready() const {
      if (&state_->loop() != detail::running_loop) throw runtime_error("aio::future is attached to a different loop");
      return state_->done();
    }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
      if (!detail::begin_wait(node_, h)) return false;
      node_.ops = &detail::future_wait_ops;
      node_.core = state_.get();
      state_->park(node_);
      detail::park(node_);
      return true;
    }
    T await_resume() {
      if (node_.handle) detail::end_wait(node_);
      state_->check_result();
      if constexpr (!std::is_void_v<T>) {
        if constexpr (std::is_copy_constructible_v<T>) return *state_->value;
        else return std::move(*state_->value);
      }
    }

   private:
    std::shared_ptr<detail::future_state<T>> state_;
    detail::future_core::await_node node_;
  };

  awaiter operator co_await() const { return awaiter(checked()); }

 private:
  friend class event_loop;
  explicit future(std::shared_ptr<detail::future_state<T>> s) noexcept : state_(std::move(s)) {}

  const std::shared_ptr<detail::future_state<T>>& checked() const {
    if (!state_) throw invalid_state_error("empty aio::future");
    return state_;
  }
  detail::future_state<T>& state() const { return *checked(); }

  std::shared_ptr<detail::future_state<T>> state_;
};

template <class T>
future<T> event_loop::create_future() {
  return future<T>(std::make_shared<detail::future_state<T>>(*this));
}

}  // namespace aio
