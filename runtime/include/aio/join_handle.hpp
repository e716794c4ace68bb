// aio::join_handle<T> (asyncio.Task) and aio::create_task: a task scheduled on the running loop
// and observed through shared handles. Dropping every handle does not cancel the task.
#pragma once

#include <concepts>
#include <cstdint>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "aio/context.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"

namespace aio {

using callback_id = std::uint64_t;

// A typeless handle to a scheduled task: what all_tasks(), current_task() and wait() hand out.
class task_handle {
 public:
  task_handle() noexcept = default;
  // Takes over one reference already counted for the caller.
  static task_handle adopt(detail::task_state* state) noexcept { return task_handle(state); }
  task_handle(const task_handle& other) noexcept : state_(other.state_) {
    if (state_) state_->add_ref();
  }
  task_handle(task_handle&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  task_handle& operator=(task_handle other) noexcept {
    std::swap(state_, other.state_);
    return *this;
  }
  ~task_handle() {
    if (state_) state_->release();
  }

  explicit operator bool() const noexcept { return state_ != nullptr; }
  friend bool operator==(const task_handle& a, const task_handle& b) noexcept { return a.state_ == b.state_; }

  // Requests cancellation; false when the task is already done (asyncio's Task.cancel()).
  bool cancel() { return state().cancel(); }
  // asyncio's cancel(msg): cancelled_error::what() gives `message`, in the task and to awaiters.
  bool cancel(std::string message) { return state().cancel(std::move(message)); }
  bool cancelled() const noexcept { return state_ && state_->done && state_->ended_cancelled; }
  bool done() const noexcept { return state_ && state_->done; }
  // Pending cancel() calls not yet matched by uncancel() (asyncio's cancelling()/uncancel()).
  int cancelling() const noexcept { return state_ ? state_->cancelling : 0; }
  int uncancel() noexcept { return state_ ? state_->uncancel() : 0; }

  // The failure, or null on success; throws invalid_state_error if not done and
  // cancelled_error if the task was cancelled.
  std::exception_ptr exception() const {
    check_done();
    state_->exception_observed = true;
    if (state_->ended_cancelled) state_->throw_cancelled();
    return state_->promise->exception;
  }

  std::string name() const { return state().display_name(); }
  void set_name(std::string name) { state().extra().name = std::move(name); }
  // Where the task's coroutine is defined.
  std::source_location location() const { return state().promise ? state().promise->location : std::source_location{}; }

  // `fn()` or `fn(task_handle&)` runs on the loop (via call_soon) once the task is done.
  template <class F>
  callback_id add_done_callback(F fn) {
    if constexpr (std::is_invocable_v<F&, task_handle&>) {
      return add_callback([fn = std::move(fn), self = *this]() mutable { fn(self); });
    } else {
      static_assert(std::is_invocable_v<F&>, "a done callback takes no argument or the handle");
      return add_callback(std::function<void()>(std::move(fn)));
    }
  }
  // Returns how many callbacks were removed (0 or 1).
  std::size_t remove_done_callback(callback_id id) {
    if (!state().extras) return 0;
    auto& cbs = state_->extras->callbacks;
    auto before = cbs.size();
    std::erase_if(cbs, [id](const detail::done_callback& cb) { return cb.id == id; });
    return before - cbs.size();
  }

  detail::task_state* state_pointer() const noexcept { return state_; }

 protected:
  explicit task_handle(detail::task_state* state) noexcept : state_(state) {}

  detail::task_state& state() const {
    if (!state_) throw invalid_state_error("empty task handle");
    return *state_;
  }
  void check_done() const {
    if (!state().done) throw invalid_state_error("result is not set: the task is not done");
  }
  callback_id add_callback(std::function<void()> fn) {
    detail::task_state& s = state();
    if (s.done) {
      if (s.loop) s.loop->call_soon(std::move(fn));
      return 0;
    }
    auto& extra = s.extra();
    callback_id id = extra.next_callback_id++;
    extra.callbacks.push_back({id, std::move(fn), detail::capture_context()});
    return id;
  }

  detail::task_state* state_ = nullptr;
};

namespace detail {

template <class T>
task_promise<T>& promise_of(task_state& s) noexcept {
  return std::coroutine_handle<task_promise<T>>::from_address(s.frame.address()).promise();
}

inline void check_same_loop(const task_state& s) {
  if (s.loop != running_loop) throw runtime_error("task is attached to a different loop");
}

// Awaiting a task forwards the awaiter's cancellation to it, as asyncio does.
struct join_waiter : waiter {
  task_state* target = nullptr;
};
inline cancel_outcome cancel_join(waiter& w) {
  static_cast<join_waiter&>(w).target->cancel(w.task ? w.task->cancel_message() : std::string());
  return cancel_outcome::forwarded;
}
inline constexpr waiter_ops join_ops{nullptr, &cancel_join, nullptr, "await task"};

// Suspends the caller until `target` is done; rethrows its failure or cancellation.
class join_awaiter {
 public:
  explicit join_awaiter(task_state* target) : waiter_{} { waiter_.target = target; }

  bool await_ready() const {
    check_same_loop(*waiter_.target);
    return waiter_.target->done;
  }
  bool await_suspend(std::coroutine_handle<> h) {
    if (!begin_wait(waiter_, h)) {
      // asyncio (bpo-34872): a cancellation pending when the task starts awaiting another
      // task goes into that task, and this one waits for it to finish.
      task_state* self = waiter_.task;
      self->cancel_requested = false;
      waiter_.target->cancel(self->cancel_message());
    }
    waiter_.ops = &join_ops;
    waiter_.target->joiners.push_back(waiter_);
    park(waiter_);
    return true;
  }

 protected:
  void finish() {
    end_wait(waiter_);
    task_state& t = *waiter_.target;
    t.exception_observed = true;
    if (t.ended_cancelled) t.throw_cancelled();
  }
  join_waiter waiter_;
};

}  // namespace detail

template <class T = void>
class join_handle : public task_handle {
 public:
  join_handle() noexcept = default;
  static join_handle adopt(detail::task_state* state) noexcept { return join_handle(state); }

  // The task's value (asyncio's Task.result()); throws invalid_state_error when not done,
  // cancelled_error when cancelled, or the task's own exception.
  std::add_lvalue_reference_t<T> result() const {
    check_done();
    state_->exception_observed = true;
    if (state_->ended_cancelled) state_->throw_cancelled();
    return detail::promise_of<T>(*state_).result();
  }

  template <class F>
  callback_id add_done_callback(F fn) {
    if constexpr (std::is_invocable_v<F&, join_handle&>) {
      return add_callback([fn = std::move(fn), self = *this]() mutable { fn(self); });
    } else {
      return task_handle::add_done_callback(std::move(fn));
    }
  }

  // `co_await h` gives the value: a reference for a named handle; for a temporary, a value,
  // moved out only when no other handle can still read it (wait_for and timeout await a copy).
  auto operator co_await() & {
    detail::check_same_loop(state());
    return awaiter<false>(state());
  }
  auto operator co_await() && {
    detail::check_same_loop(state());
    return awaiter<true>(state());
  }

 private:
  explicit join_handle(detail::task_state* state) noexcept : task_handle(state) {}

  template <bool Moving>
  class awaiter : public detail::join_awaiter {
   public:
    explicit awaiter(detail::task_state& s) : join_awaiter(&s) { s.add_ref(); }
    awaiter(awaiter&& other) noexcept : join_awaiter(other.waiter_.target) { waiter_.target->add_ref(); }
    ~awaiter() { waiter_.target->release(); }

    decltype(auto) await_resume() {
      finish();
      auto& promise = detail::promise_of<T>(*waiter_.target);
      if constexpr (std::is_void_v<T>) {
        promise.result();
      } else if constexpr (Moving) {
        // This handle and this awaiter hold the only references left: nobody can read it after.
        if constexpr (std::is_copy_constructible_v<T>) {
          if (waiter_.target->refs > 2) return T(promise.result());
        }
        return T(std::move(promise.result()));
      } else {
        return static_cast<T&>(promise.result());
      }
    }
  };
};

// asyncio.create_task: schedules `t` on the running loop; the caller must observe the result.
template <class T>
[[nodiscard]] join_handle<T> create_task(task<T> t, std::string name) {
  event_loop& loop = detail::running_loop_or_throw();
  auto h = t.release();
  if (!h) throw invalid_state_error("create_task: empty task");
  return join_handle<T>::adopt(detail::spawn(loop, h, h.promise(), std::move(name)));
}
// asyncio.create_task(coro, name=, context=ctx): the task runs in `ctx` itself, not in a copy
// of the creator's context; what it sets is seen by ctx.run() and by other tasks run in ctx.
template <class T>
[[nodiscard]] join_handle<T> create_task(task<T> t, std::string name, context ctx) {
  join_handle<T> handle = create_task(std::move(t), std::move(name));
  detail::run_task_in(*handle.state_pointer(), detail::cell_of(ctx));  // before its first step
  return handle;
}
template <class T>
[[nodiscard]] join_handle<T> create_task(task<T> t) {
  event_loop& loop = detail::running_loop_or_throw();
  auto h = t.release();
  if (!h) throw invalid_state_error("create_task: empty task");
  return join_handle<T>::adopt(detail::spawn(loop, h, h.promise()));
}

// asyncio.current_task(): the running task, or an empty handle outside any task.
inline task_handle current_task() {
  detail::task_state* s = detail::current_task_state();
  if (!s) return {};
  s->add_ref();
  return task_handle::adopt(s);
}

// asyncio.all_tasks(): every task of the running loop that is not done.
inline std::vector<task_handle> all_tasks() {
  std::vector<task_handle> tasks;
  for (auto* s = detail::loop_access::live_tasks(get_running_loop()); s; s = s->next_live) {
    if (s->done) continue;
    s->add_ref();
    tasks.push_back(task_handle::adopt(s));
  }
  return tasks;
}

}  // namespace aio
