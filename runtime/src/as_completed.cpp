#include "aio/as_completed.hpp"

namespace aio::detail {

completion_order::completion_order(std::vector<task_state*> children) : children_(std::move(children)) {
  finished_.reserve(children_.size());
  for (std::size_t i = 0; i < children_.size(); ++i)
    if (children_[i]->done) finished_.push_back(i);
  watch(children_);
  consumer_.order = this;
}

completion_order::~completion_order() {
  unwatch_all();
  for (task_state* child : children_) {
    if (!child->done) child->cancel();
    child->release();
  }
}

void completion_order::child_done(std::size_t index) noexcept {
  finished_.push_back(index);
  if (parked_) {
    parked_ = false;
    notify(consumer_);
  }
}

cancel_outcome completion_order::consumer_cancelled(waiter& w) noexcept {
  static_cast<consumer_waiter&>(w).order->parked_ = false;
  return cancel_outcome::detached;
}

bool completion_order::next_awaiter::await_suspend(std::coroutine_handle<> h) {
  static constexpr waiter_ops consumer_ops{nullptr, &completion_order::consumer_cancelled, nullptr, "as_completed"};
  if (!begin_wait(order.consumer_, h)) return false;
  order.consumer_.ops = &consumer_ops;
  order.parked_ = true;
  park(order.consumer_);
  return true;
}

task_state& completion_order::next_awaiter::await_resume() {
  end_wait(order.consumer_);
  ++order.yielded_;
  return *order.children_[order.finished_[order.head_++]];
}

}  // namespace aio::detail
