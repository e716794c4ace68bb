// aio::event (asyncio.Event): a flag tasks wait on. set() wakes every waiter (in the order they
// started waiting) and lets later wait() calls pass at once until clear().
#pragma once

#include <coroutine>

#include "aio/detail/waiter_awaiter.hpp"

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
    while (detail::waiter* w = waiters_.pop_front()) detail::grant(*w);
    loop_.detach();
  }
  void clear() noexcept { set_ = false; }
  bool is_set() const noexcept { return set_; }

  // Completes once the event is set. A waiter cancelled after set() woke it still gets
  // cancelled_error (nothing is lost: every other waiter was woken too).
  [[nodiscard]] wait_awaiter wait() noexcept;

 private:
  // The wait's mechanism: granted a notification; a cancelled waiter has nothing to hand on.
  struct waiting : detail::sync_mechanism {
    static constexpr const char* what = "aio::event wait";
    explicit waiting(event& e) noexcept : ev(e) {}
    detail::waiter_list& waiters() noexcept { return ev.waiters_; }
    detail::loop_binding& binding() noexcept { return ev.loop_; }
    bool ready() const {
      ev.loop_.check("aio::event");
      return ev.set_;
    }
    void left() noexcept {
      if (ev.waiters_.empty()) ev.loop_.detach();
    }
    event& ev;
  };

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
  bool set_ = false;
};

class [[nodiscard]] event::wait_awaiter : public detail::waiter_awaiter<event::waiting> {
 public:
  explicit wait_awaiter(event& e) noexcept : waiter_awaiter(e) {}
  void await_resume() { end(); }
};

inline event::wait_awaiter event::wait() noexcept { return wait_awaiter(*this); }

}  // namespace aio
