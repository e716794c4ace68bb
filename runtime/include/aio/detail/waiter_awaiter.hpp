// The one awaiter of the synchronisation primitives (mutex, semaphore, event, barrier,
// condition_variable, the queues). The skeleton lives here once: a grant_waiter parked at the
// back of the primitive's FIFO list, the fast path, the name dump_tasks shows, and the
// cancellation rule of sync_waiter.hpp (cancelled while parked: leave the list; cancelled after
// the grant but before running: hand the grant on, then throw cancelled_error).
//
// A primitive supplies only its waiter mechanism M, which the awaiter owns (deriving from
// sync_mechanism for the hooks it leaves alone):
//
//   static constexpr const char* what;   the primitive and operation, for dump_tasks
//   waiter_list& waiters() noexcept;     where it parks
//   loop_binding& binding() noexcept;
//   bool ready();                        await_ready: the checks (may throw), then true when
//                                        it passes at once, having taken what it waits for
// and, optionally (the defaults of sync_mechanism do nothing):
//   void parked() noexcept;              after it parked (condition_variable lets go of its lock)
//   void left() noexcept;                after a parked waiter left the list
//   bool cancel_pending() noexcept;      a cancellation recorded by its own cancel()
//   void handed_on() noexcept;           cancelled after the grant, before it ran: pass it on
//   void wait_cancelled() noexcept;      a wait that got no grant ends in cancelled_error
//   void ran() noexcept;                 resumed with the grant
//   void given_back() noexcept;          destroyed with the grant, before it ran
// and, replacing a step of the skeleton:
//   bool turn(node&);                    a woken waiter's turn on the loop: true when it parked
//                                        again (a queue's item was taken meanwhile; the mutex a
//                                        condition_variable waiter takes back is held)
//   cancel_outcome cancel(node&);        what cancellation does (default: leave the list)
//   void abandon(node&);                 what destruction mid-wait does (default: leave the
//                                        list, or give the grant back)
#pragma once

#include <coroutine>
#include <type_traits>
#include <utility>

#include "aio/detail/sync_waiter.hpp"

namespace aio::detail {

struct sync_mechanism {
  void parked() noexcept {}
  void left() noexcept {}
  bool cancel_pending() const noexcept { return false; }
  void handed_on() noexcept {}
  void wait_cancelled() noexcept {}
  void ran() noexcept {}
  void given_back() noexcept {}
};

// The waiter node: finds its mechanism from the static waiter_ops functions.
template <class M>
struct mechanism_node : grant_waiter {
  M* mech = nullptr;
};

template <class M>
class waiter_awaiter {
 public:
  using node = mechanism_node<M>;

  template <class... Args>
    requires std::is_constructible_v<M, Args...>
  explicit waiter_awaiter(Args&&... args) noexcept(std::is_nothrow_constructible_v<M, Args...>)
      : m_(std::forward<Args>(args)...) {}
  // Moving is meant for before the await (gather and wait_for take awaitables by value).
  waiter_awaiter(waiter_awaiter&& other) noexcept(std::is_nothrow_move_constructible_v<M>) : m_(std::move(other.m_)) {}
  waiter_awaiter& operator=(waiter_awaiter&&) = delete;
  ~waiter_awaiter() {
    // Only reached mid-wait when the frame is destroyed (the loop is closing).
    if constexpr (requires { m_.abandon(node_); }) m_.abandon(node_);
    else if (m_.waiters().contains(node_)) leave(m_, node_);
    else if (node_.granted) m_.given_back();
  }

  bool await_ready() {
    if (!m_.ready()) return false;
    node_.granted = true;  // passed at once, holding what it waits for
    return true;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_primitive_wait(node_, h, ops)) return false;
    node_.mech = &m_;
    m_.waiters().push_back(node_);
    m_.binding().attach();
    park(node_);
    m_.parked();
    return true;
  }

 protected:
  // What every await_resume does first: throws cancelled_error when the wait was cancelled
  // (after handing on a grant it got meanwhile, so no wake-up is lost).
  void end() {
    if (!node_.granted) {
      m_.wait_cancelled();
      end_ungranted_wait(node_);
    }
    node_.granted = false;
    if (!node_.handle) return;  // passed at once
    if (m_.cancel_pending() || cancelled_after_grant(node_)) {
      m_.handed_on();
      throw_cancelled();
    }
    m_.ran();
  }

  M m_;
  node node_;

 private:
  static void leave(M& m, node& n) noexcept {
    m.waiters().remove(n);
    m.left();
  }
  static cancel_outcome cancel(waiter& w) noexcept {
    auto& n = static_cast<node&>(w);
    if constexpr (requires { n.mech->cancel(n); }) {
      return n.mech->cancel(n);
    } else {
      leave(*n.mech, n);
      return cancel_outcome::detached;
    }
  }
  static void turn(waiter& w) {
    auto& n = static_cast<node&>(w);
    if constexpr (requires { n.mech->turn(n); }) {
      if (n.mech->turn(n)) return;  // parked again
    }
    if (n.task && n.task->current_wait == &n) n.task->current_wait = nullptr;
    n.handle.resume();
  }
  static constexpr bool has_turn = requires(M& m, node& n) { m.turn(n); };
  static constexpr waiter_ops ops{nullptr, &waiter_awaiter::cancel, has_turn ? &waiter_awaiter::turn : nullptr, M::what};
};

}  // namespace aio::detail
