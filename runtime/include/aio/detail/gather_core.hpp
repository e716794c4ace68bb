// The type-erased heart of gather: waits for a set of tasks, cancels the rest on the first
// failure, forwards an outer cancellation to all of them, and never returns early.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <vector>

#include "aio/detail/task_state.hpp"

namespace aio::detail {

class gather_core : completion_sink {
 public:
  explicit gather_core(bool return_exceptions) noexcept : return_exceptions_(return_exceptions) {}
  gather_core(const gather_core&) = delete;
  gather_core& operator=(const gather_core&) = delete;
  ~gather_core();

  void reserve(std::size_t n) {
    children_.reserve(n);
    exclusive_.reserve(n);
  }
  // Takes over one reference to `child`; `exclusive` when nobody else can observe it, so it
  // reports to the gather directly instead of through a listener.
  void adopt(task_state* child, bool exclusive) {
    if (exclusive && !child->done) {
      child->sink = this;  // set now, saving a second pass over a million children
      ++remaining_;
    }
    if (!exclusive) shared_children_ = true;
    exclusive_.push_back(exclusive);
    children_.push_back(child);
  }
  // Drops the gather's reference once the result has been taken.
  void release_child(std::size_t i) noexcept {
    children_[i]->release();
    children_[i] = nullptr;
  }
  task_state& child(std::size_t i) const noexcept { return *children_[i]; }
  std::size_t size() const noexcept { return children_.size(); }

  bool await_ready() const noexcept { return children_.empty(); }
  bool await_suspend(std::coroutine_handle<> h);
  // Throws cancelled_error if the gather itself was cancelled, else (without
  // return_exceptions) the first child's failure.
  void await_resume();

 private:
  struct listener : waiter {
    gather_core* core = nullptr;
  };
  struct parent_waiter : waiter {
    gather_core* core = nullptr;
  };
  static void child_finished(waiter& w) noexcept;
  void child_done(task_state& child) noexcept override;
  void finished(task_state& child) noexcept;
  static cancel_outcome gather_cancelled(waiter& w);
  void examine(task_state& child) noexcept;
  void cancel_unfinished() noexcept;

  std::vector<task_state*> children_;
  std::vector<bool> exclusive_;
  bool shared_children_ = false;
  std::unique_ptr<listener[]> listeners_;
  std::size_t remaining_ = 0;
  std::exception_ptr first_error_;
  parent_waiter parent_;
  bool return_exceptions_;
  bool outer_cancelled_ = false;
  bool suspended_ = false;
};

}  // namespace aio::detail
