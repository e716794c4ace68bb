// aio::wait (asyncio.wait): waits for handles until the return_when condition or the timeout,
// and splits them into {done, pending}. It never cancels them; cancelling the waiter just stops
// waiting. As in asyncio, a completion (or the timeout) wakes the caller through one call_soon
// callback, so it resumes one iteration after the completion and sees what finished meanwhile.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <vector>

#include "aio/detail/child_watch.hpp"
#include "aio/detail/timer_heap.hpp"
#include "aio/join_handle.hpp"

namespace aio {

enum class return_when { first_completed, first_exception, all_completed };

template <class T>
struct done_and_pending {
  std::vector<join_handle<T>> done;
  std::vector<join_handle<T>> pending;
};

namespace detail {

class wait_core : child_watch {
 public:
  wait_core(const std::vector<task_state*>& children, return_when when, std::optional<clock::duration> timeout)
      : children_(children), when_(when), timeout_(timeout) {}
  ~wait_core() override;

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h);
  void await_resume();

 private:
  struct parent_waiter : waiter {
    wait_core* core = nullptr;
  };
  struct timeout_timer : timer_node {
    wait_core* core = nullptr;
  };
  void child_done(std::size_t index) noexcept override;
  bool satisfied_by(const task_state& child) const noexcept;
  void wake() noexcept;
  void wake_soon() noexcept;
  static void timed_out(waiter& w) noexcept;

  const std::vector<task_state*>& children_;
  return_when when_;
  std::optional<clock::duration> timeout_;
  std::size_t remaining_ = 0;
  parent_waiter parent_;
  timeout_timer timer_;
  callback_handle hop_;  // the call_soon that wakes the caller (cancelled if it resumes first)
  bool parked_ = false;
  bool hop_scheduled_ = false;
};

}  // namespace detail

template <class T>
task<done_and_pending<T>> wait(std::vector<join_handle<T>> handles, return_when when = return_when::all_completed,
                               std::optional<clock::duration> timeout = std::nullopt) {
  if (handles.empty()) throw std::invalid_argument("aio::wait: the set of tasks is empty");
  std::vector<detail::task_state*> states;
  states.reserve(handles.size());
  for (auto& h : handles) {
    if (!h) throw invalid_state_error("aio::wait: empty handle");
    states.push_back(h.state_pointer());
  }
  {
    detail::wait_core core(states, when, timeout);
    co_await core;
  }
  done_and_pending<T> split;
  for (auto& h : handles) (h.done() ? split.done : split.pending).push_back(std::move(h));
  co_return split;
}

}  // namespace aio
