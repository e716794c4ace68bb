// What the loop keeps for a scheduled task (asyncio's Task object), and the part of every
// coroutine promise the runtime reads: continuation, root task, source location.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include "aio/detail/context.hpp"
#include "aio/detail/frame_allocator.hpp"
#include "aio/detail/waiter.hpp"

namespace aio {
class event_loop;
}

namespace aio::detail {

struct task_state;

struct promise_base {
  std::coroutine_handle<> continuation{};   // who resumes when this coroutine finishes
  promise_base* awaiting_child = nullptr;    // the coroutine this one awaits (async stack trace)
  task_state* root = nullptr;                // set when this coroutine is a scheduled task
  std::exception_ptr exception{};
  std::source_location location;

  // Awaited inline (it has a continuation) or scheduled (it has a root): it did or will run.
  bool claimed() const noexcept { return continuation || root; }

  explicit promise_base(std::source_location where) noexcept : location(where) {}

  void unhandled_exception() noexcept;

  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* frame, std::size_t size) noexcept { deallocate_frame(frame, size); }
};

struct done_callback {
  std::uint64_t id;
  std::function<void()> fn;
  context_ref context;  // copied when the callback was added: it runs in that (asyncio)
};

// What few tasks need, kept out of line so a plain task's state stays small.
struct task_extras {
  std::string name;
  std::vector<done_callback> callbacks;
  std::uint64_t next_callback_id = 1;
  context_ref context;  // the task's context variables (see context_var.hpp); null: none set
  std::shared_ptr<context_cell> bound_context;  // create_task(..., ctx): runs in ctx, not `context`
  std::string cancel_message;  // the last cancel(message) (asyncio's _cancel_message)
};

// Told directly when a child it owns exclusively finishes (cheaper than a listener per child).
struct completion_sink {
  virtual void child_done(task_state& child) noexcept = 0;

 protected:
  ~completion_sink() = default;
};

struct task_state {
  event_loop* loop = nullptr;
  std::coroutine_handle<> frame{};
  promise_base* promise = nullptr;
  waiter* current_wait = nullptr;    // where the task is parked, to deliver cancellation
  waiter_list joiners;               // notified when the task finishes
  task_state* prev_live = nullptr;   // the loop's list of tasks not yet freed
  task_state* next_live = nullptr;
  std::unique_ptr<task_extras> extras;
  completion_sink* sink = nullptr;   // the exclusive owner (gather) to tell at completion
  std::uint32_t id = 0;
  std::uint32_t refs = 1;
  std::int16_t cancelling = 0;       // cancel() calls not yet matched by uncancel()
  bool done = false;
  bool cancel_requested = false;     // deliver cancelled_error at the next suspension point
  bool ended_cancelled = false;
  bool exception_observed = false;   // someone looked at the outcome (result/exception/await)
  bool owned_by_group = false;       // a task_group reports this task's failure instead

  bool cancel();
  bool cancel(std::string message);
  int uncancel() noexcept;
  // What cancelled_error::what() gives for this task's cancellation (empty: the default text).
  std::string cancel_message() const { return extras ? extras->cancel_message : std::string(); }
  [[noreturn]] void throw_cancelled() const;
  bool take_cancel_request() noexcept {
    if (!cancel_requested) return false;
    cancel_requested = false;
    return true;
  }
  bool failed() const noexcept { return done && !ended_cancelled && frame && promise->exception != nullptr; }
  std::string display_name() const;
  task_extras& extra() {
    if (!extras) extras = std::make_unique<task_extras>();
    return *extras;
  }

  // From final_suspend: wakes the awaiters; returns the coroutine to transfer to (a sole
  // awaiter resumes directly, without a trip through the ready queue) or noop.
  std::coroutine_handle<> on_complete() noexcept;
  // A task cancelled before its first step ends without running its body.
  std::coroutine_handle<> finish_unstarted() noexcept;
  void add_ref() noexcept { ++refs; }
  void release() noexcept;

  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept { deallocate_frame(p, size); }
};

// Makes `frame` a scheduled task of `loop`; the returned state holds one reference for the
// caller (plus the loop's own while pending). `start` false leaves it queued (task_group).
task_state* spawn(event_loop& loop, std::coroutine_handle<> frame, promise_base& promise, std::string name,
                  bool start = true);
task_state* spawn(event_loop& loop, std::coroutine_handle<> frame, promise_base& promise);
void start_task(task_state& state) noexcept;

// Resumes `w` through its primitive's notification rule.
void notify(waiter& w) noexcept;

// The running task (of this thread's running loop), or null. (Defined in event_loop.hpp.)
inline task_state* current_task_state() noexcept;

// Begins a suspension: false when a cancellation is already pending (do not suspend).
inline bool begin_wait(waiter& w, std::coroutine_handle<> h) noexcept;
// Marks the running task as parked on `w`, so cancel() can find it.
inline void park(waiter& w) noexcept {
  if (w.task) w.task->current_wait = &w;
}
// Throws the running task's cancelled_error (with its cancel message).
[[noreturn]] void throw_cancelled();
// Ends a suspension: throws cancelled_error when the wait was cancelled.
inline void end_wait(waiter& w) {
  if (w.cancelled) {
    w.cancelled = false;
    throw_cancelled();
  }
  if (w.task && w.task->take_cancel_request()) throw_cancelled();
}

// Reports a task<T> destroyed without ever running (debug mode).
void report_never_awaited(const std::source_location& where) noexcept;
bool debug_enabled() noexcept;

// True when the exception being handled is aio::cancelled_error (no rethrow needed).
bool handling_cancelled_error() noexcept;
bool is_cancelled_error(const std::exception_ptr& e) noexcept;

}  // namespace aio::detail
