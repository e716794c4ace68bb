// Parking the running task in a waiter_list until someone wakes the whole list (a stream's
// drain() and wait_closed(), a server's serve_forever() and wait_closed()).
#pragma once

#include <coroutine>

#include "aio/event_loop.hpp"

namespace aio::detail {

struct list_waiter : waiter {
  waiter_list* list = nullptr;
};

inline cancel_outcome leave_list(waiter& w) noexcept {
  auto& l = static_cast<list_waiter&>(w);
  if (l.list && l.list->contains(l)) l.list->remove(l);
  return cancel_outcome::detached;
}
inline constexpr waiter_ops list_wait_ops{nullptr, &leave_list, nullptr, "wait"};

class [[nodiscard]] list_wait {
 public:
  explicit list_wait(waiter_list& list) noexcept { waiter_.list = &list; }
  list_wait(const list_wait&) = delete;
  list_wait& operator=(const list_wait&) = delete;
  ~list_wait() { leave_list(waiter_); }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    running_loop_or_throw();
    if (!begin_wait(waiter_, h)) return false;
    waiter_.ops = &list_wait_ops;
    waiter_.list->push_back(waiter_);
    park(waiter_);
    return true;
  }
  void await_resume() { end_wait(waiter_); }

 private:
  list_waiter waiter_;
};

inline void wake_all(waiter_list& list) noexcept {
  while (waiter* w = list.pop_front()) notify(*w);
}

}  // namespace aio::detail
