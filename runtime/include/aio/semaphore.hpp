// aio::semaphore (asyncio.Semaphore): `auto permit = co_await s.acquire();` takes one of n
// permits and gives it back when the permit is destroyed. Waiters are served in FIFO order: a
// release() hands the permit straight to the first waiter, which is queued on the loop. Until
// that waiter has run, the semaphore stays locked() and acquire() waits, even if more permits
// came back meanwhile (asyncio's FIFO rule); the woken waiter then wakes as many of those as
// there are permits. Also an async context manager.
// aio::bounded_semaphore (<aio/bounded_semaphore.hpp>) refuses releases beyond its initial value.
#pragma once

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <utility>

#include "aio/detail/waiter_awaiter.hpp"
#include "aio/errors.hpp"

namespace aio {

class semaphore {
 public:
  class permit;
  class acquire_awaiter;
  class enter_awaiter;

  semaphore() noexcept : semaphore(std::size_t{1}, false) {}
  // Throws std::invalid_argument for a negative value (asyncio's ValueError).
  template <std::integral I>
  explicit semaphore(I initial) : semaphore(checked(initial), false) {}
  semaphore(const semaphore&) = delete;
  semaphore& operator=(const semaphore&) = delete;

  // Awaiting gives a `permit`. Cancelled while waiting: cancelled_error, and a permit that had
  // just been handed over goes on to the next waiter.
  [[nodiscard]] acquire_awaiter acquire() noexcept;
  // Gives a permit back: to the first waiter, or to the count. A bounded_semaphore throws
  // aio::invalid_state_error when that would exceed its initial value.
  void release();
  // True when acquire() would wait: no permit, or waiters (woken or not) that have not run yet.
  bool locked() const noexcept { return value_ == 0 || !waiters_.empty() || woken_ > 0; }
  // Permits available now.
  std::size_t value() const noexcept { return value_; }

  // The async context manager protocol (aio::with): aenter acquires, aexit releases.
  [[nodiscard]] enter_awaiter aenter() noexcept;
  detail::ready_bool aexit(std::exception_ptr) {
    release();
    return {false};
  }

 protected:
  semaphore(std::size_t initial, bool bounded) noexcept : value_(initial), initial_(initial), bounded_(bounded) {}

  template <std::integral I>
  static std::size_t checked(I initial) {
    if constexpr (std::is_signed_v<I>) {
      if (initial < 0) throw std::invalid_argument("aio::semaphore: the initial value must be >= 0");
    }
    return static_cast<std::size_t>(initial);
  }

 private:
  // The acquire waiter's mechanism: granted a permit, so a cancelled one gives it back to the
  // waiters behind it.
  struct acquiring : detail::sync_mechanism {
    static constexpr const char* what = "aio::semaphore acquire";
    explicit acquiring(semaphore& s) noexcept : sem(s) {}
    detail::waiter_list& waiters() noexcept { return sem.waiters_; }
    detail::loop_binding& binding() noexcept { return sem.loop_; }
    bool ready() {
      sem.loop_.check("aio::semaphore");
      if (sem.locked()) return false;  // FIFO: behind every waiter, woken or not
      --sem.value_;
      sem.loop_.attach();
      return true;
    }
    void left() noexcept { sem.settle(); }
    void handed_on() noexcept {
      ++sem.value_;  // the permit goes back, and on to the next waiters
      sem.woken_ran();
    }
    void ran() noexcept { sem.woken_ran(); }
    void given_back() noexcept {
      --sem.woken_;
      sem.give_back();
    }
    semaphore& sem;
  };

  // A held permit comes back (never throws: a bounded semaphore released too often elsewhere
  // just stays at its initial value).
  void give_back() noexcept {
    if (grant_next()) return;
    if (!bounded_ || value_ < initial_) ++value_;
    settle();
  }
  bool grant_next() noexcept {
    detail::waiter* w = waiters_.pop_front();
    if (!w) return false;
    ++woken_;
    detail::grant(*w);
    return true;
  }
  // A woken waiter ran: permits that came back meanwhile go to the waiters that queued behind it.
  void woken_ran() noexcept {
    --woken_;
    while (value_ > 0 && !waiters_.empty()) {
      --value_;
      grant_next();
    }
    settle();
  }
  void settle() noexcept {
    if (waiters_.empty() && woken_ == 0 && value_ >= initial_) loop_.detach();
  }

  detail::waiter_list waiters_;
  detail::loop_binding loop_;
  std::size_t value_;
  std::size_t initial_;
  std::size_t woken_ = 0;  // granted a permit, not yet run
  bool bounded_;
};

// One permit of a semaphore: gives it back when destroyed (or at release()).
class [[nodiscard]] semaphore::permit {
 public:
  permit() noexcept = default;
  explicit permit(semaphore& s) noexcept : owner_(&s) {}
  permit(permit&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
  permit& operator=(permit&& other) noexcept {
    if (this != &other) {
      reset();
      owner_ = std::exchange(other.owner_, nullptr);
    }
    return *this;
  }
  permit(const permit&) = delete;
  permit& operator=(const permit&) = delete;
  ~permit() { reset(); }

  // Gives the permit back early (no effect on an empty permit).
  void release() noexcept { reset(); }
  bool owns() const noexcept { return owner_ != nullptr; }
  explicit operator bool() const noexcept { return owner_ != nullptr; }

 private:
  void reset() noexcept {
    if (semaphore* s = std::exchange(owner_, nullptr)) s->give_back();
  }
  semaphore* owner_ = nullptr;
};

class [[nodiscard]] semaphore::acquire_awaiter : public detail::waiter_awaiter<semaphore::acquiring> {
 public:
  explicit acquire_awaiter(semaphore& s) noexcept : waiter_awaiter(s) {}
  permit await_resume() {
    end();
    return permit(m_.sem);
  }
};

class [[nodiscard]] semaphore::enter_awaiter : public semaphore::acquire_awaiter {
 public:
  using acquire_awaiter::acquire_awaiter;
  void await_resume() { end(); }
};

inline semaphore::acquire_awaiter semaphore::acquire() noexcept { return acquire_awaiter(*this); }
inline semaphore::enter_awaiter semaphore::aenter() noexcept { return enter_awaiter(*this); }

inline void semaphore::release() {
  if (bounded_ && value_ >= initial_ && waiters_.empty())
    throw invalid_state_error("aio::bounded_semaphore released too many times");
  give_back();
}

}  // namespace aio
