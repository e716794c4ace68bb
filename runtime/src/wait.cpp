#include "aio/wait.hpp"

namespace aio::detail {
namespace {
// Cancelling the waiter only stops the waiting; the tasks themselves run on.
cancel_outcome stop_waiting(waiter&) { return cancel_outcome::detached; }
}  // namespace

wait_core::~wait_core() {
  hop_.cancel();
  if (event_loop* loop = running_loop) loop_access::remove_timer(*loop, timer_);
}

bool wait_core::satisfied_by(const task_state& child) const noexcept {
  switch (when_) {
    case return_when::first_completed: return true;
    case return_when::first_exception: return !child.ended_cancelled && child.promise->exception != nullptr;
    case return_when::all_completed: return false;
  }
  return false;
}

bool wait_core::await_suspend(std::coroutine_handle<> h) {
  static constexpr waiter_ops parent_ops{nullptr, &stop_waiting, nullptr, "wait"};
  static constexpr waiter_ops timer_ops{&wait_core::timed_out, nullptr, nullptr, "wait timeout"};
  event_loop& loop = running_loop_or_throw();
  for (task_state* child : children_)
    if (child->loop != &loop) throw runtime_error("aio::wait: task is attached to a different loop");
  if (!begin_wait(parent_, h)) return false;
  for (task_state* child : children_)
    if (child->done && satisfied_by(*child)) return false;
  remaining_ = watch(children_);
  if (remaining_ == 0) return false;
  parent_.core = this;
  parent_.ops = &parent_ops;
  if (timeout_) {
    timer_.core = this;
    timer_.ops = &timer_ops;
    timer_.when = loop.time() + *timeout_;
    loop_access::add_timer(loop, timer_);
  }
  parked_ = true;
  park(parent_);
  return true;
}

void wait_core::wake() noexcept {
  if (!parked_) return;
  parked_ = false;
  if (parent_.task && parent_.task->current_wait == &parent_) notify(parent_);
}

// asyncio's _on_completion / _release_waiter run as loop callbacks: one hop, then the wake-up.
void wait_core::wake_soon() noexcept {
  if (!parked_ || hop_scheduled_ || !running_loop) return;
  hop_scheduled_ = true;
  try {
    hop_ = running_loop->call_soon([this] { wake(); });
  } catch (...) {
    wake();  // out of memory: wake at once rather than never
  }
}

void wait_core::child_done(std::size_t index) noexcept {
  --remaining_;
  if (remaining_ == 0 || satisfied_by(*children_[index])) wake_soon();
}

// The timer is the loop callback (asyncio's call_later(_release_waiter)): its wake-up already
// waits for the next iteration.
void wait_core::timed_out(waiter& w) noexcept { static_cast<timeout_timer&>(w).core->wake(); }

void wait_core::await_resume() {
  hop_.cancel();
  parked_ = false;
  unwatch_all();
  if (event_loop* loop = running_loop) loop_access::remove_timer(*loop, timer_);
  end_wait(parent_);
}

}  // namespace aio::detail
