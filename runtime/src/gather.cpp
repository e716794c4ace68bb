#include "aio/detail/gather_core.hpp"

#include "aio/event_loop.hpp"

namespace aio::detail {
gather_core::~gather_core() {
  for (task_state* child : children_) {
    if (!child) continue;
    if (child->sink == this) child->sink = nullptr;
    child->release();
  }
}

bool gather_core::await_suspend(std::coroutine_handle<> h) {
  // Children the gather spawned itself are on this loop; only shared handles need the check.
  for (std::size_t i = 0; shared_children_ && i < children_.size(); ++i)
    if (!exclusive_[i] && children_[i]->loop != running_loop)
      throw runtime_error("gather: task is attached to a different loop");
  static constexpr waiter_ops listener_ops{&gather_core::child_finished, nullptr, nullptr, "gather child"};
  static constexpr waiter_ops parent_ops{nullptr, &gather_core::gather_cancelled, nullptr, "gather"};
  parent_.handle = h;
  parent_.task = current_task_state();
  parent_.ops = &parent_ops;
  parent_.core = this;
  // A cancellation already pending is forwarded to the children, like one arriving later.
  if (parent_.task && parent_.task->take_cancel_request()) outer_cancelled_ = true;

  if (shared_children_) listeners_ = std::make_unique<listener[]>(children_.size());
  for (std::size_t i = 0; shared_children_ && i < children_.size(); ++i) {
    if (exclusive_[i]) continue;  // counted and hooked up by adopt()
    task_state& child = *children_[i];
    if (child.done) {
      examine(child);
      continue;
    }
    ++remaining_;
    listener& l = listeners_[i];
    l.core = this;
    l.task = nullptr;
    l.handle = {};
    l.ops = &listener_ops;
    l.cancelled = false;
    child.joiners.push_back(l);
  }
  if (outer_cancelled_ || (first_error_ && !return_exceptions_)) cancel_unfinished();
  if (remaining_ == 0) return false;
  suspended_ = true;
  park(parent_);
  return true;
}

void gather_core::examine(task_state& child) noexcept {
  child.exception_observed = true;
  if (return_exceptions_ || first_error_) return;
  if (child.promise->exception) {
    first_error_ = child.promise->exception;
    cancel_unfinished();
  }
}

void gather_core::cancel_unfinished() noexcept {
  for (task_state* child : children_)
    if (!child->done) child->cancel();
}

void gather_core::child_finished(waiter& w) noexcept {
  auto& l = static_cast<listener&>(w);
  l.core->finished(*l.core->children_[&l - l.core->listeners_.get()]);
}

void gather_core::child_done(task_state& child) noexcept {
  child.sink = nullptr;
  finished(child);
}

void gather_core::finished(task_state& child) noexcept {
  examine(child);
  if (--remaining_ == 0 && suspended_) notify(parent_);
}

cancel_outcome gather_core::gather_cancelled(waiter& w) {
  gather_core* core = static_cast<parent_waiter&>(w).core;
  core->outer_cancelled_ = true;
  core->cancel_unfinished();
  return cancel_outcome::forwarded;
}

void gather_core::await_resume() {
  if (outer_cancelled_) throw cancelled_error{};
  end_wait(parent_);
  if (first_error_ && !return_exceptions_) std::rethrow_exception(first_error_);
}

}  // namespace aio::detail
