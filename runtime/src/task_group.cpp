// task_group bookkeeping: slots under max_concurrency, abort on first failure, the aexit verdict.
#include "aio/task_group.hpp"

namespace aio::detail {
namespace {
cancel_outcome detach_exit(waiter&) { return cancel_outcome::detached; }
constexpr waiter_ops exit_ops{nullptr, &detach_exit, nullptr, "task_group exit"};
}  // namespace

group_core::~group_core() {
  // Only reached with live children when the group was never exited (or the loop is closing):
  // stop listening and cancel them, since nobody is left to collect their results.
  while (link* l = children_) {
    children_ = l->next_child;
    if (l->child->joiners.contains(*l)) l->child->joiners.remove(*l);
    l->child->owned_by_group = false;
    if (!l->child->done && l->child->loop) {
      l->child->cancel();
      if (!l->started) start_task(*l->child);
    }
    delete l;
  }
}

void group_core::enter() {
  if (entered_) throw runtime_error("task group has already been entered");
  entered_ = true;
  loop_ = &aio::get_running_loop();
  parent_ = current_task_state();
  if (!parent_) throw runtime_error("a task group must be entered inside a task");
}

void group_core::add(task_state& child) {
  static constexpr waiter_ops link_ops{&group_core::child_finished, nullptr, nullptr, "task_group child"};
  child.owned_by_group = true;
  auto* l = new link;
  l->ops = &link_ops;
  l->core = this;
  l->child = &child;
  l->next_child = children_;
  if (children_) children_->prev_child = l;
  children_ = l;
  child.joiners.push_back(*l);
  ++active_;
  if (aborting_) child.cancel();  // cannot normally happen (create_task refuses), kept for safety
  if (limit_ == 0 || running_ < limit_ || aborting_) start(*l);
  else queued_.push_back(l);
}

void group_core::start(link& l) noexcept {
  l.started = true;
  ++running_;
  start_task(*l.child);
}

void group_core::start_queued() noexcept {
  while (!queued_.empty() && (limit_ == 0 || running_ < limit_ || aborting_)) {
    link* l = queued_.front();
    queued_.pop_front();
    start(*l);
  }
}

void group_core::abort() noexcept {
  aborting_ = true;
  for (link* l = children_; l; l = l->next_child)
    if (!l->child->done) l->child->cancel();
  start_queued();  // queued children start only to end at once with cancelled_error
}

void group_core::child_finished(waiter& w) noexcept {
  auto& l = static_cast<link&>(w);
  group_core& core = *l.core;
  task_state& child = *l.child;
  if (l.prev_child) l.prev_child->next_child = l.next_child; else core.children_ = l.next_child;
  if (l.next_child) l.next_child->prev_child = l.prev_child;
  --core.active_;
  if (l.started) --core.running_;
  delete &l;

  if (!child.ended_cancelled && child.promise->exception) {
    child.exception_observed = true;
    core.errors_.push_back(child.promise->exception);
    if (!core.aborting_ && !core.parent_cancel_requested_) {
      // Stop the siblings and whatever the body is awaiting; aexit undoes the parent's cancel.
      core.abort();
      if (core.parent_ && !core.parent_->done) {
        core.parent_cancel_requested_ = true;
        core.parent_->cancel();
      }
    }
  }
  core.start_queued();
  if (core.active_ == 0 && core.exit_waiter_.handle) {
    waiter& parked = core.exit_waiter_;
    if (parked.task && parked.task->current_wait == &parked) notify(parked);
  }
}

bool group_core::children_done::await_suspend(std::coroutine_handle<> h) {
  waiter& w = core.exit_waiter_;
  if (!begin_wait(w, h)) return false;
  w.ops = &exit_ops;
  park(w);
  return true;
}

bool group_core::children_done::await_resume() noexcept {
  waiter& w = core.exit_waiter_;
  w.handle = {};
  const bool cancelled = w.cancelled || (w.task && w.task->take_cancel_request());
  w.cancelled = false;
  return cancelled;
}

void group_core::finish(std::exception_ptr body_error, bool propagate_cancel) {
  finished_ = true;
  if (parent_cancel_requested_ && parent_ && parent_->uncancel() == 0) propagate_cancel = false;
  if (body_error && !is_cancelled_error(body_error)) errors_.push_back(body_error);
  if (propagate_cancel && errors_.empty()) throw cancelled_error{};
  if (!errors_.empty()) throw exception_group("unhandled errors in a task group", std::move(errors_));
}

}  // namespace aio::detail

namespace aio {

void task_group::check_accepting() const {
  if (!core_->entered()) throw runtime_error("task group has not been entered");
  if (core_->finished()) throw runtime_error("task group is finished");
  if (core_->aborting()) throw runtime_error("task group is shutting down");
}

}  // namespace aio
