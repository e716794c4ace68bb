#include "aio/as_completed.hpp"

namespace aio::detail {

completion_order::completion_order(std::vector<task_state*> children, bool owned,
                                   std::optional<clock::time_point> deadline)
    : children_(std::move(children)), loop_(&running_loop_or_throw()), owned_(owned) {
  finished_.reserve(children_.size());
  for (std::size_t i = 0; i < children_.size(); ++i)
    if (children_[i]->done) finished_.push_back(i);
  watch(children_);
  consumer_.order = this;
  if (deadline && finished_.size() < children_.size()) {
    static constexpr waiter_ops deadline_ops{&completion_order::deadline_passed, nullptr, nullptr, "as_completed timeout"};
    timer_.order = this;
    timer_.when = *deadline;
    timer_.ops = &deadline_ops;
    loop_access::add_timer(*loop_, timer_);
  }
}

completion_order::~completion_order() {
  loop_access::remove_timer(*loop_, timer_);
  unwatch_all();
  for (task_state* child : children_) {
    if (owned_ && !child->done) child->cancel();
    child->release();
  }
}

void completion_order::wake_consumer() noexcept {
  if (parked_) {
    parked_ = false;
    notify(consumer_);
  }
}

void completion_order::child_done(std::size_t index) noexcept {
  finished_.push_back(index);
  if (finished_.size() == children_.size()) loop_access::remove_timer(*loop_, timer_);
  wake_consumer();
}

// Python's _on_timeout: the tasks not finished yet are yielded as timeouts, and are no longer watched.
void completion_order::deadline_passed(waiter& w) noexcept {
  completion_order& self = *static_cast<deadline_timer&>(w).order;
  self.unwatch_all();
  self.finished_.resize(self.children_.size(), timed_out);
  self.wake_consumer();
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

task_state* completion_order::next_awaiter::await_resume() {
  end_wait(order.consumer_);
  ++order.yielded_;
  const std::size_t index = order.finished_[order.head_++];
  return index == timed_out ? nullptr : order.children_[index];
}

}  // namespace aio::detail
