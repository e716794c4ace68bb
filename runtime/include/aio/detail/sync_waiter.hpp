// What the synchronisation primitives (mutex, semaphore, event, condition_variable, queues)
// add on top of the one waiter mechanism of waiter.hpp: a waiter that can be *granted* what it
// waits for, the loop a primitive is attached to, and the wake-up and end-of-wait rules.
//
// The rule every primitive follows: a waiter is granted (the lock, a permit, an item, a
// notification) while it is still parked, in FIFO order, and then resumed through the loop.
// A waiter cancelled while parked just leaves the list. A waiter cancelled after it was
// granted but before it ran hands what it was granted on (to the next waiter, or back to the
// primitive) and then throws cancelled_error, so no wake-up is ever lost.
#pragma once

#include <coroutine>
#include <string>

#include "aio/errors.hpp"
#include "aio/event_loop.hpp"

namespace aio::detail {

struct grant_waiter : waiter {
  // Handed what it waits for (the lock, a permit, a notification, a queue's wake-up); no
  // longer in the primitive's list.
  bool granted = false;
};

[[noreturn]] inline void throw_different_loop(const char* what) {
  throw runtime_error(std::string(what) + " is attached to a different loop");
}

// The loop whose tasks use a primitive right now: set while a task holds it or waits on it,
// cleared when it is idle (so a primitive may be reused by a later aio::run on any thread).
// Awaiting it from another loop meanwhile throws aio::runtime_error.
class loop_binding {
 public:
  void check(const char* what) const {
    if (loop_ != nullptr && loop_ != running_loop) throw_different_loop(what);
  }
  void attach() noexcept {
    if (!loop_) loop_ = running_loop;
  }
  void detach() noexcept { loop_ = nullptr; }
  bool attached() const noexcept { return loop_ != nullptr; }

 private:
  event_loop* loop_ = nullptr;
};

// Resumes a granted waiter through the loop. While the loop is closing (it clears each task's
// loop before destroying the frames) there is nothing to resume: the frame is about to go.
inline void wake(waiter& w) noexcept {
  if (w.task ? w.task->loop == nullptr : running_loop == nullptr) return;
  notify(w);
}

// Grants a waiter its primitive has just taken off its list, and resumes it.
inline void grant(waiter& w) noexcept {
  static_cast<grant_waiter&>(w).granted = true;
  wake(w);
}

// Parks `w` (already pushed on its primitive's list by the caller) and records the task.
inline bool begin_primitive_wait(grant_waiter& w, std::coroutine_handle<> h, const waiter_ops& ops) noexcept {
  if (!begin_wait(w, h)) return false;
  w.ops = &ops;
  w.granted = false;
  return true;
}

// After a suspension ended with the waiter granted: true when a cancellation arrived after
// the grant (the caller hands the grant on, then throws cancelled_error).
inline bool cancelled_after_grant(waiter& w) noexcept { return w.task && w.task->take_cancel_request(); }

// After a suspension ended without a grant: the wait was cancelled (or a pending cancellation
// kept it from starting). Always throws cancelled_error.
[[noreturn]] inline void end_ungranted_wait(waiter& w) {
  end_wait(w);
  throw_cancelled();
}

// An awaitable that is ready at once with a value (aexit of the primitives' `async with`).
struct ready_bool {
  bool value = false;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  bool await_resume() const noexcept { return value; }
};

}  // namespace aio::detail
