// aio::timeout(d) / aio::timeout_at(t) without an awaitable: asyncio's `async with
// asyncio.timeout(d) as cm`. The scope is an async context manager for aio::with; the body runs
// in the calling task, which the deadline cancels. Leaving the scope after that turns the
// cancellation it caused into aio::timeout_error; a cancel() from elsewhere still comes out as
// cancelled_error (asyncio's cancelling()/uncancel() bookkeeping).
//
//   co_await aio::with(aio::timeout(5s), [&](aio::timeout_scope& cm) -> aio::task<> {
//     cm.reschedule(aio::get_running_loop().time() + 10s);
//     co_await work();
//   });
#pragma once

#include <chrono>
#include <exception>
#include <optional>

#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/timeout.hpp"

namespace aio {

class timeout_scope {
 public:
  // std::nullopt: no deadline (asyncio's timeout(None)).
  explicit timeout_scope(std::optional<clock::time_point> when) noexcept : when_(when) {}
  // A scope is moved into aio::with before it is entered; an entered one keeps its place.
  timeout_scope(timeout_scope&& other) noexcept : when_(other.when_), state_(other.state_) {}
  timeout_scope& operator=(timeout_scope&&) = delete;
  ~timeout_scope() { disarm(); }

  // The deadline on the loop's clock, or nullopt when there is none.
  std::optional<clock::time_point> when() const noexcept { return when_; }
  // Moves the deadline (nullopt: none). A deadline already past fires on the next loop
  // iteration. Throws aio::runtime_error unless the scope is entered and has not expired.
  void reschedule(std::optional<clock::time_point> when);
  // True once the deadline has passed inside the scope.
  bool expired() const noexcept { return state_ == phase::expired || (state_ == phase::entered && timer_.expired); }

  // The async context manager protocol, for aio::with.
  struct enter_awaiter {
    timeout_scope& scope;
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    timeout_scope& await_resume() const {
      scope.enter();
      return scope;
    }
  };
  struct exit_awaiter {
    timeout_scope& scope;
    std::exception_ptr error;
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    bool await_resume() const {
      scope.exit(error);
      return false;
    }
  };
  enter_awaiter aenter() noexcept { return {*this}; }
  exit_awaiter aexit(std::exception_ptr error) noexcept { return {*this, std::move(error)}; }

 private:
  enum class phase { created, entered, expired, finished };

  void enter() {
    if (state_ != phase::created) throw runtime_error("aio::timeout_scope has already been entered");
    task_ = detail::current_task_state();
    if (!task_) throw runtime_error("aio::timeout_scope must be used inside a task");
    state_ = phase::entered;
    cancelling_ = task_->cancelling;
    reschedule(when_);
  }

  void exit(const std::exception_ptr& error) {
    disarm();
    if (state_ != phase::entered) return;
    if (!timer_.expired) {
      state_ = phase::finished;
      return;
    }
    state_ = phase::expired;
    // Only the cancellation this scope caused becomes timeout_error.
    if (task_->uncancel() <= cancelling_ && detail::is_cancelled_error(error)) throw timeout_error{};
  }

  void disarm() noexcept {
    if (timer_.armed() && task_ && task_->loop) detail::loop_access::remove_timer(*task_->loop, timer_);
  }

  std::optional<clock::time_point> when_;
  detail::deadline_timer timer_;
  detail::task_state* task_ = nullptr;
  int cancelling_ = 0;
  phase state_ = phase::created;
};

inline void timeout_scope::reschedule(std::optional<clock::time_point> when) {
  if (state_ == phase::created) throw runtime_error("aio::timeout_scope has not been entered");
  if (state_ != phase::entered || timer_.expired)
    throw runtime_error(state_ == phase::finished ? "cannot reschedule a finished aio::timeout_scope"
                                                  : "cannot reschedule an expired aio::timeout_scope");
  when_ = when;
  disarm();
  if (!when) return;
  timer_.when = *when;
  timer_.target = task_;
  timer_.ops = &detail::deadline_ops;
  detail::loop_access::add_timer(*task_->loop, timer_);
}

// asyncio.timeout_at(when): a scope with an absolute deadline (nullopt: none).
inline timeout_scope timeout_at(std::optional<clock::time_point> when) noexcept { return timeout_scope(when); }

// asyncio.timeout(delay): the deadline is the loop's time now plus `delay`.
template <class Rep, class Period>
timeout_scope timeout(std::chrono::duration<Rep, Period> delay) {
  return timeout_scope(detail::running_loop_or_throw().time() + std::chrono::ceil<clock::duration>(delay));
}

// asyncio.timeout(None): a scope with no deadline until reschedule() gives one.
inline timeout_scope timeout(std::nullopt_t) noexcept { return timeout_scope(std::nullopt); }

}  // namespace aio
