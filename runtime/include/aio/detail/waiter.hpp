// The one waiter/wake-up mechanism every primitive shares: a coroutine parks a `waiter` on
// something (a timer, a task's completion, a lock's queue) and is resumed through the loop.
#pragma once

#include <coroutine>

namespace aio::detail {

struct task_state;

enum class cancel_outcome {
  detached,   // the waiter left its primitive: resume it now with cancelled_error
  forwarded,  // the cancellation was passed on (to an awaited task): keep waiting for it
};

struct waiter {
  waiter* prev = nullptr;
  waiter* next = nullptr;
  std::coroutine_handle<> handle{};   // the coroutine to resume
  task_state* task = nullptr;         // the task that is parked (null for pure listeners)
  // How the primitive's wake-up is delivered; null schedules `handle` on the loop.
  void (*on_notify)(waiter&) = nullptr;
  // What cancelling the parked task does; null detaches (nothing else to undo).
  cancel_outcome (*on_cancel)(waiter&) = nullptr;
  // A ready-queue entry that is a plain callback rather than a coroutine.
  void (*on_run)(waiter&) = nullptr;
  const char* what = "";  // shown by dump_tasks
  bool cancelled = false;

  bool linked() const noexcept { return prev != nullptr || next != nullptr; }
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
    mark_linked(w);
  }

  void remove(waiter& w) noexcept {
    waiter* prev = w.prev == &sentinel() ? nullptr : w.prev;
    if (prev) prev->next = w.next; else head_ = w.next;
    if (w.next) w.next->prev = w.prev; else tail_ = prev;
    w.prev = w.next = nullptr;
  }

  waiter* pop_front() noexcept {
    waiter* w = head_;
    if (w) remove(*w);
    return w;
  }

  void clear() noexcept { head_ = tail_ = nullptr; }

 private:
  // The first element's prev points at a shared sentinel so linked() is true for it.
  static waiter& sentinel() noexcept { static waiter s; return s; }
  void mark_linked(waiter& w) noexcept { if (!w.prev) w.prev = &sentinel(); }

  waiter* head_ = nullptr;
  waiter* tail_ = nullptr;
};

}  // namespace aio::detail
