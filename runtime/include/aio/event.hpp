// aio::event (asyncio.Event): a flag tasks wait on. set() wakes every waiter (in the order they
// started waiting) and lets later wait() calls pass at once until clear().
#pragma once

#include <coroutine>

#include "aio/detail/sync_waiter.hpp"

namespace aio {

class event {
 public:
  class wait_awaiter;

  event() noexcept = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;

  void set() noexcept {
    if (set_) return;
    set_ = true;
    while (detail::waiter* w = waiters_.pop_front()) {
      static_cast<detail::grant_waiter*>(w)->granted = true;
      detail::wake(*w);
    }
    loop_.detach();
  }
  void clear() noexcept { set_ = false; }
  bool is_set() const noexcept { return set_; }

  // Completes once the event is set. A waiter cancelled after set() woke it still gets
  // cancelled_error (nothing is lost: every other waiter was woken too).
  [[nodiscard]] wait_awaiter wait() noexcept;

 private:
  struct waiter_node : detail::grant_waiter {
    event* owner = nullptr;
  };
  static detail::cancel_outcome leave(detail::waiter& w) noexcept {
    auto& node = static_cast<waiter_node&>(w);
    node.owner->waiters_.remove(node);
    if (node.owner->waiters_.empty()) node.owner->loop_.detach();
    return detail::cancel_outcome::detached;
  }
  static constexpr detail::waiter_ops wait_ops{nullptr, &event::leave, nullptr, "aio::event wait"};

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
  bool set_ = false;
};

class [[nodiscard]] event::wait_awaiter {
 public:
  explicit wait_awaiter(event& e) noexcept : event_(e) {}
  wait_awaiter(wait_awaiter&& other) noexcept : event_(other.event_) {}
  wait_awaiter& operator=(wait_awaiter&&) = delete;
  ~wait_awaiter() {
    if (event_.waiters_.contains(node_)) {
      event_.waiters_.remove(node_);
      if (event_.waiters_.empty()) event_.loop_.detach();
    }
  }

  bool await_ready() const {
    event_.loop_.check("aio::event");
    return event_.set_;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!detail::begin_primitive_wait(node_, h, wait_ops)) return false;
    node_.owner = &event_;
    event_.waiters_.push_back(node_);
    event_.loop_.attach();
    detail::park(node_);
    return true;
  }
  void await_resume() {
    if (!node_.handle) return;  // it was set: no suspension
    if (!node_.granted) detail::end_ungranted_wait(node_);
    node_.granted = false;
    if (detail::cancelled_after_grant(node_)) detail::throw_cancelled();
  }

 private:
  event& event_;
  waiter_node node_;
};

inline event::wait_awaiter event::wait() noexcept { return wait_awaiter(*this); }

}  // namespace aio
