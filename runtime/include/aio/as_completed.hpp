// aio::as_completed (asyncio.as_completed): results in the order the tasks finish.
// `while (auto r = co_await s.next())`; a failed task's exception is rethrown by next().
// Given tasks, the stream owns them: those still running when it is destroyed are cancelled.
// Given join_handles (tasks already scheduled), it only watches them. With a timeout, every
// next() after the deadline throws aio::timeout_error, once per task not yet yielded (the
// tasks themselves run on).
#pragma once

#include <chrono>
#include <limits>
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
  // Takes over one reference to each child; `owned` children are cancelled if still running
  // at destruction. Past `deadline`, the children not yet finished are yielded as timeouts.
  completion_order(std::vector<task_state*> children, bool owned, std::optional<clock::time_point> deadline);
  ~completion_order() override;
  bool owned() const noexcept { return owned_; }

  bool exhausted() const noexcept { return yielded_ == children_.size(); }

  // Awaits the next finished child and gives its state (the caller reads its outcome), or
  // null for one that the deadline overtook.
  struct next_awaiter {
    completion_order& order;
    bool await_ready() const noexcept { return order.head_ < order.finished_.size(); }
    bool await_suspend(std::coroutine_handle<> h);
    task_state* await_resume();
  };
  next_awaiter next_finished() noexcept { return {*this}; }

 private:
  struct consumer_waiter : waiter {
    completion_order* order = nullptr;
  };
  struct deadline_timer : timer_node {
    completion_order* order = nullptr;
  };
  static constexpr std::size_t timed_out = std::numeric_limits<std::size_t>::max();
  void child_done(std::size_t index) noexcept override;
  static cancel_outcome consumer_cancelled(waiter& w) noexcept;
  static void deadline_passed(waiter& w) noexcept;
  void wake_consumer() noexcept;

  std::vector<task_state*> children_;
  event_loop* loop_;
  deadline_timer timer_;
  bool owned_;
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

  as_completed_stream(std::vector<detail::task_state*> children, bool owned,
                      std::optional<clock::time_point> deadline = std::nullopt)
      : order_(std::make_unique<detail::completion_order>(std::move(children), owned, deadline)) {}

  // The next result in completion order; nullopt once every task has been yielded. Throws
  // timeout_error past the deadline; a result others can see through a handle is copied.
  task<std::optional<value_type>> next() {
    if (order_->exhausted()) co_return std::nullopt;
    detail::task_state* finished = co_await order_->next_finished();
    if (!finished) throw timeout_error{};
    detail::task_state& s = *finished;
    s.exception_observed = true;
    if (s.ended_cancelled) throw cancelled_error{};
    if (s.promise->exception) std::rethrow_exception(s.promise->exception);
    if constexpr (std::is_void_v<T>) {
      co_return value_type{};
    } else {
      T& value = *detail::promise_of<T>(s).value;
      if constexpr (std::is_copy_constructible_v<T>) {
        if (!order_->owned()) co_return value_type(value);
      }
      co_return std::move(value);
    }
  }

 private:
  std::unique_ptr<detail::completion_order> order_;
};

namespace detail {
template <class T>
as_completed_stream<T> as_completed_tasks(std::vector<task<T>> tasks, std::optional<clock::time_point> deadline) {
  event_loop& loop = running_loop_or_throw();
  std::vector<task_state*> states;
  states.reserve(tasks.size());
  for (auto& t : tasks) {
    auto h = t.release();
    if (!h) throw invalid_state_error("as_completed: empty task");
    states.push_back(spawn(loop, h, h.promise()));
  }
  return as_completed_stream<T>(std::move(states), true, deadline);
}
template <class T>
as_completed_stream<T> as_completed_handles(std::vector<join_handle<T>>& handles,
                                            std::optional<clock::time_point> deadline) {
  running_loop_or_throw();
  std::vector<task_state*> states;
  states.reserve(handles.size());
  for (auto& h : handles) {
    if (!h) throw invalid_state_error("as_completed: empty handle");
    check_same_loop(*h.state_pointer());
    h.state_pointer()->add_ref();
    states.push_back(h.state_pointer());
  }
  return as_completed_stream<T>(std::move(states), false, deadline);
}
template <class Rep, class Period>
clock::time_point deadline_after(std::chrono::duration<Rep, Period> timeout) {
  return running_loop_or_throw().time() + std::chrono::ceil<clock::duration>(timeout);
}
}  // namespace detail

template <class T>
as_completed_stream<T> as_completed(std::vector<task<T>> tasks) {
  return detail::as_completed_tasks(std::move(tasks), std::nullopt);
}
// asyncio.as_completed(aws, timeout=): the deadline counts from this call.
template <class T, class Rep, class Period>
as_completed_stream<T> as_completed(std::vector<task<T>> tasks, std::chrono::duration<Rep, Period> timeout) {
  return detail::as_completed_tasks(std::move(tasks), detail::deadline_after(timeout));
}
// Over tasks already scheduled: the handles stay with the caller and the tasks are never cancelled.
template <class T>
as_completed_stream<T> as_completed(std::vector<join_handle<T>>& handles) {
  return detail::as_completed_handles(handles, std::nullopt);
}
template <class T, class Rep, class Period>
as_completed_stream<T> as_completed(std::vector<join_handle<T>>& handles, std::chrono::duration<Rep, Period> timeout) {
  return detail::as_completed_handles(handles, detail::deadline_after(timeout));
}

}  // namespace aio
