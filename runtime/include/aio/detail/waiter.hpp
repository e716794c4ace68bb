// The one waiter/wake-up mechanism every primitive shares: a coroutine parks a `waiter` on
// something (a timer, a task's completion, a lock's queue) and is resumed through the loop.
#pragma once

#include <coroutine>

namespace aio::detail {

struct task_state;
struct waiter;

enum class cancel_outcome {
  detached,   // the waiter left its primitive: resume it now with cancelled_error
  forwarded,  // the cancellation was passed on (to an awaited task): keep waiting for it
};

// How a kind of waiter reacts; one static table per kind keeps each waiter small.
struct waiter_ops {
  void (*notify)(waiter&) = nullptr;            // null: schedule `handle` on the loop
  cancel_outcome (*cancel)(waiter&) = nullptr;  // null: detach (nothing else to undo)
  void (*run)(waiter&) = nullptr;               // a ready-queue entry that is a callback
  const char* what = "";                        // shown by dump_tasks
};

inline constexpr waiter_ops plain_waiter_ops{};

struct waiter {
  waiter* prev = nullptr;
  waiter* next = nullptr;
  std::coroutine_handle<> handle{};  // the coroutine to resume
  task_state* task = nullptr;        // the task that is parked (null for pure listeners)
  const waiter_ops* ops = &plain_waiter_ops;
  bool cancelled = false;
};

// Intrusive FIFO of waiters: parking and unparking never allocate.
class waiter_list {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  waiter* front() const noexcept { return head_; }

  void push_back(waiter& w) noexcept {
    w.next = nullptr;
    w.prev = tail_;
    if (tail_) tail_->next = &w; else head_ = &w;
    tail_ = &w;
  }

  void remove(waiter& w) noexcept {
    if (w.prev) w.prev->next = w.next; else head_ = w.next;
    if (w.next) w.next->prev = w.prev; else tail_ = w.prev;
    w.prev = w.next = nullptr;
  }

  bool contains(const waiter& w) const noexcept { return w.prev || w.next || head_ == &w; }

  waiter* pop_front() noexcept {
    waiter* w = head_;
    if (w) remove(*w);
    return w;
  }

  void clear() noexcept { head_ = tail_ = nullptr; }

 private:
  waiter* head_ = nullptr;
  waiter* tail_ = nullptr;
};

}  // namespace aio::detail
