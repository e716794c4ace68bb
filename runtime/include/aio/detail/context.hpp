// The values of the context variables one task sees (Python's contextvars.Context). A context
// is immutable once shared: a task and the children it creates share one until either sets a
// variable, which then copies it (copy-on-write), so a child's set() never reaches its parent.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace aio {
class event_loop;
class context;
}

namespace aio::detail {

struct task_state;

struct context_data {
  std::atomic<std::uint32_t> refs{1};
  std::vector<std::pair<std::uint64_t, std::shared_ptr<const void>>> values;  // sorted by variable id
};

// Shared ownership of a context_data (null: no variable set). The count is atomic because a
// context may be carried to another thread (aio::context::run in a worker).
class context_ref {
 public:
  context_ref() noexcept = default;
  static context_ref adopt(context_data* data) noexcept { return context_ref(data); }
  static context_ref share(context_data* data) noexcept {
    if (data) data->refs.fetch_add(1, std::memory_order_relaxed);
    return context_ref(data);
  }
  context_ref(const context_ref& other) noexcept : context_ref(share(other.data_)) {}
  context_ref(context_ref&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
  context_ref& operator=(context_ref other) noexcept {
    std::swap(data_, other.data_);
    return *this;
  }
  ~context_ref() {
    if (data_ && data_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete data_;
  }
  friend void swap(context_ref& a, context_ref& b) noexcept { std::swap(a.data_, b.data_); }

  context_data* get() const noexcept { return data_; }
  explicit operator bool() const noexcept { return data_ != nullptr; }

 private:
  explicit context_ref(context_data* data) noexcept : data_(data) {}
  context_data* data_ = nullptr;
};

// What an aio::context names: the values, and whether some run() is inside it now.
struct context_cell {
  context_ref values;
  std::atomic<bool> entered{false};
};
const std::shared_ptr<context_cell>& cell_of(const context& ctx) noexcept;

// The context the running code reads: the running task's, or this thread's outside any task.
context_data* current_context() noexcept;
// The slot set() writes to (the running task's or this thread's).
context_ref& current_context_slot();
// A variable's value in `context`, or null.
const std::shared_ptr<const void>* context_find(const context_data* context, std::uint64_t id) noexcept;
// Sets (or, with a null value, removes) a variable in `slot`, copying a shared context first;
// returns the previous value (null when there was none).
std::shared_ptr<const void> context_assign(context_ref& slot, std::uint64_t id, std::shared_ptr<const void> value);
std::uint64_t new_context_var_id() noexcept;
// A copy of the current context for a loop callback (asyncio's Handle: copy_context() when the
// callback is scheduled or added). O(1): one more reference to the shared, immutable values.
context_ref capture_context() noexcept;
// Exchanges this thread's context (what code outside any task, loop callbacks included, reads
// and sets) with `other`: a callback runs with its copy swapped in, then swapped back.
void swap_thread_context(context_ref& other) noexcept;
// Task creation: the child starts with its creator's context (asyncio's copy_context()).
void inherit_context(event_loop& loop, task_state& child);
// create_task(..., ctx): the task, not started yet, runs in `cell` itself instead (asyncio's
// Task(context=ctx)), so what it sets is seen in ctx afterwards.
void run_task_in(task_state& child, std::shared_ptr<context_cell> cell);
// True when the running task runs in `cell` (entering it again is an error, as in Python).
bool running_task_is_in(const context_cell& cell) noexcept;

}  // namespace aio::detail
