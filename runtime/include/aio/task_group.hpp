// aio::task_group (asyncio.TaskGroup), used through aio::with: no child outlives the group;
// the first failure cancels the other children and the body; failures come out together
// as aio::exception_group. aio::max_concurrency{n} bounds how many children run at once.
#pragma once

#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "aio/exception_group.hpp"
#include "aio/join_handle.hpp"
#include "aio/task.hpp"

namespace aio {

struct max_concurrency {
  std::size_t value;
};

namespace detail {

class group_core {
 public:
  explicit group_core(std::size_t limit) : limit_(limit) {}
  group_core(const group_core&) = delete;
  group_core& operator=(const group_core&) = delete;
  ~group_core();

  void enter();
  // Adopts a freshly spawned (not yet started) child; starts it when a slot is free.
  void add(task_state& child);
  void abort() noexcept;

  bool entered() const noexcept { return entered_; }
  bool finished() const noexcept { return finished_; }
  std::size_t active() const noexcept { return active_; }
  std::size_t running() const noexcept { return running_; }

  // Awaits until no child is left; yields true when the awaiting task was cancelled meanwhile.
  struct children_done {
    group_core& core;
    bool await_ready() const noexcept { return core.active_ == 0; }
    bool await_suspend(std::coroutine_handle<> h);
    bool await_resume() noexcept;
  };
  children_done wait_children() noexcept { return {*this}; }

  // The aexit logic after the children are gone; throws exception_group or cancelled_error.
  void finish(std::exception_ptr body_error, bool propagate_cancel);
  void begin_exit() noexcept { exiting_ = true; }
  bool aborting() const noexcept { return aborting_; }

 private:
  struct link : waiter {
    group_core* core = nullptr;
    task_state* child = nullptr;
    link* prev_child = nullptr;
    link* next_child = nullptr;
    bool started = false;
    static void* operator new(std::size_t n) { return allocate_frame(n); }
    static void operator delete(void* p, std::size_t n) noexcept { deallocate_frame(p, n); }
  };
  static void child_finished(waiter& w) noexcept;
  void start(link& l) noexcept;
  void start_queued() noexcept;

  std::size_t limit_;
  event_loop* loop_ = nullptr;
  task_state* parent_ = nullptr;
  link* children_ = nullptr;       // every child not yet done
  std::deque<link*> queued_;       // waiting for a free slot under max_concurrency
  std::size_t active_ = 0;
  std::size_t running_ = 0;
  std::vector<std::exception_ptr> errors_;
  waiter exit_waiter_;
  bool entered_ = false;
  bool exiting_ = false;
  bool aborting_ = false;
  bool parent_cancel_requested_ = false;
  bool finished_ = false;
};

}  // namespace detail

class task_group {
 public:
  task_group() : core_(std::make_unique<detail::group_core>(0)) {}
  explicit task_group(max_concurrency limit) : core_(std::make_unique<detail::group_core>(limit.value)) {}
  task_group(task_group&&) noexcept = default;
  task_group& operator=(task_group&&) noexcept = default;

  // Schedules a child owned by the group; the handle may be discarded (the group reports failures).
  template <class T>
  join_handle<T> create_task(task<T> t, std::string name = {}) {
    check_accepting();
    auto h = t.release();
    if (!h) throw invalid_state_error("task_group::create_task: empty task");
    detail::task_state* state = detail::spawn(detail::running_loop_or_throw(), h, h.promise(), std::move(name),
                                              /*start=*/false);
    core_->add(*state);
    return join_handle<T>::adopt(state);
  }

  // asyncio's TaskGroup.create_task(coro, name=, context=ctx): the child runs in `ctx` itself.
  template <class T>
  join_handle<T> create_task(task<T> t, std::string name, context ctx) {
    join_handle<T> handle = create_task(std::move(t), std::move(name));
    detail::run_task_in(*handle.state_pointer(), detail::cell_of(ctx));  // before its first step
    return handle;
  }

  // Children not yet finished, and how many of them are running (not queued by max_concurrency).
  std::size_t size() const noexcept { return core_->active(); }
  std::size_t running() const noexcept { return core_->running(); }

  // The async context manager protocol, for aio::with.
  struct enter_awaiter {
    task_group& group;
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    task_group& await_resume() const {
      group.core_->enter();
      return group;
    }
  };
  enter_awaiter aenter() noexcept { return {*this}; }
  task<bool> aexit(std::exception_ptr error);

 private:
  void check_accepting() const;

  std::unique_ptr<detail::group_core> core_;
};

inline task<bool> task_group::aexit(std::exception_ptr error) {
  detail::group_core& core = *core_;
  core.begin_exit();
  if (error && !core.aborting()) core.abort();  // the body failed or was cancelled: stop the children
  bool propagate_cancel = false;
  while (core.active() > 0) {
    const bool cancelled = co_await core.wait_children();
    if (cancelled && !core.aborting()) {
      propagate_cancel = true;
      core.abort();
    }
  }
  core.finish(error, propagate_cancel);
  co_return false;
}

}  // namespace aio
