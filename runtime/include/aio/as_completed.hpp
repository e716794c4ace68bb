// aio::as_completed (asyncio.as_completed): results in the order the tasks finish.
// `while (auto r = co_await s.next())`; a failed task's exception is rethrown by next().
// Tasks still running when the stream is destroyed are cancelled.
#pragma once

#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

#include "aio/detail/child_watch.hpp"
#include "aio/join_handle.hpp"

namespace aio {

namespace detail {

class completion_order : child_watch {
 public:
  // Takes over one reference to each child.
  explicit completion_order(std::vector<task_state*> children);
  ~completion_order() override;

  bool exhausted() const noexcept { return yielded_ == children_.size(); }

  // Awaits the next finished child and gives its state (the caller reads its outcome).
  struct next_awaiter {
    completion_order& order;
    bool await_ready() const noexcept { return order.head_ < order.finished_.size(); }
    bool await_suspend(std::coroutine_handle<> h);
    task_state& await_resume();
  };
  next_awaiter next_finished() noexcept { return {*this}; }

 private:
  struct consumer_waiter : waiter {
    completion_order* order = nullptr;
  };
  void child_done(std::size_t index) noexcept override;
  static cancel_outcome consumer_cancelled(waiter& w) noexcept;

  std::vector<task_state*> children_;
  std::vector<std::size_t> finished_;
  std::size_t head_ = 0;
  std::size_t yielded_ = 0;
  consumer_waiter consumer_;
  bool parked_ = false;
};

}  // namespace detail

template <class T>
class as_completed_stream {
 public:
  using value_type = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

  explicit as_completed_stream(std::vector<detail::task_state*> children)
      : order_(std::make_unique<detail::completion_order>(std::move(children))) {}

  // The next result in completion order; nullopt once every task has been yielded.
  task<std::optional<value_type>> next() {
    if (order_->exhausted()) co_return std::nullopt;
    detail::task_state& s = co_await order_->next_finished();
    s.exception_observed = true;
    if (s.ended_cancelled) throw cancelled_error{};
    if (s.promise->exception) std::rethrow_exception(s.promise->exception);
    if constexpr (std::is_void_v<T>) co_return value_type{};
    else co_return std::move(*detail::promise_of<T>(s).value);
  }

 private:
  std::unique_ptr<detail::completion_order> order_;
};

template <class T>
as_completed_stream<T> as_completed(std::vector<task<T>> tasks) {
  event_loop& loop = detail::running_loop_or_throw();
  std::vector<detail::task_state*> states;
  states.reserve(tasks.size());
  for (auto& t : tasks) {
    auto h = t.release();
    if (!h) throw invalid_state_error("as_completed: empty task");
    states.push_back(detail::spawn(loop, h, h.promise()));
  }
  return as_completed_stream<T>(std::move(states));
}

}  // namespace aio
