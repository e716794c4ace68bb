// aio::mutex (asyncio.Lock): `auto g = co_await m.lock();` waits for the lock and gives a guard
// that unlocks when destroyed. Waiters are served in FIFO order: unlock() hands the lock to the
// first waiter directly, so a newcomer can never barge in ahead of it. Also an async context
// manager: `co_await aio::with(m, body)`.
#pragma once

#include <coroutine>
#include <exception>
#include <mutex>
#include <utility>

#include "aio/detail/waiter_awaiter.hpp"
#include "aio/errors.hpp"

namespace aio {

class condition_variable;

class mutex {
 public:
  class guard;
  class lock_awaiter;
  class enter_awaiter;

  mutex() noexcept = default;
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  // Awaiting gives a `guard` holding the lock. Cancelled while waiting: cancelled_error, and
  // the lock (if it had just been handed over) goes on to the next waiter.
  [[nodiscard]] lock_awaiter lock() noexcept;
  // Takes the lock if it is free (no waiting); pair with unlock() or guard{m, std::adopt_lock}.
  bool try_lock() noexcept;
  // Throws aio::runtime_error if the mutex is not locked.
  void unlock();
  bool locked() const noexcept { return locked_; }

  // The async context manager protocol (aio::with): aenter takes the lock, aexit releases it.
  [[nodiscard]] enter_awaiter aenter() noexcept;
  detail::ready_bool aexit(std::exception_ptr) noexcept {
    release();
    return {false};
  }

 private:
  friend class condition_variable;

  // The lock waiter's mechanism: granted the lock itself, so a cancelled one hands it on.
  struct locking : detail::sync_mechanism {
    static constexpr const char* what = "aio::mutex lock";
    explicit locking(aio::mutex& m) noexcept : mutex(m) {}
    detail::waiter_list& waiters() noexcept { return mutex.waiters_; }
    detail::loop_binding& binding() noexcept { return mutex.loop_; }
    bool ready() {
      mutex.loop_.check("aio::mutex");
      return mutex.try_lock();
    }
    void handed_on() noexcept { mutex.release(); }
    void given_back() noexcept { mutex.release(); }
    aio::mutex& mutex;
  };

  // Unlocks, or hands the lock straight to the first waiter (which then owns it).
  void release() noexcept {
    if (detail::waiter* w = waiters_.pop_front()) {
      detail::grant(*w);
      return;
    }
    locked_ = false;
    loop_.detach();
  }
  detail::waiter_list waiters_;
  detail::loop_binding loop_;
  bool locked_ = false;
};

// Owns the lock of a mutex (like std::unique_lock): unlocks when destroyed.
class [[nodiscard]] mutex::guard {
 public:
  guard() noexcept = default;
  guard(aio::mutex& m, std::adopt_lock_t) noexcept : mutex_(&m), owns_(true) {}
  guard(guard&& other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)), owns_(std::exchange(other.owns_, false)) {}
  guard& operator=(guard&& other) noexcept {
    if (this != &other) {
      if (owns_) mutex_->release();
      mutex_ = std::exchange(other.mutex_, nullptr);
      owns_ = std::exchange(other.owns_, false);
    }
    return *this;
  }
  guard(const guard&) = delete;
  guard& operator=(const guard&) = delete;
  ~guard() {
    if (owns_) mutex_->release();
  }

  // Unlocks early; throws aio::runtime_error if the guard does not hold the lock.
  void unlock() {
    if (!owns_) throw runtime_error("aio::mutex::guard::unlock: the lock is not held");
    owns_ = false;
    mutex_->release();
  }
  bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  aio::mutex* mutex() const noexcept { return mutex_; }
  // Gives up ownership without unlocking; returns the mutex.
  aio::mutex* release() noexcept {
    owns_ = false;
    return std::exchange(mutex_, nullptr);
  }

 private:
  friend class aio::condition_variable;
  aio::mutex* mutex_ = nullptr;
  bool owns_ = false;
};

class [[nodiscard]] mutex::lock_awaiter : public detail::waiter_awaiter<mutex::locking> {
 public:
  explicit lock_awaiter(aio::mutex& m) noexcept : waiter_awaiter(m) {}
  guard await_resume() {
    end();
    return guard(m_.mutex, std::adopt_lock);
  }
};

class [[nodiscard]] mutex::enter_awaiter : public mutex::lock_awaiter {
 public:
  using lock_awaiter::lock_awaiter;
  void await_resume() { end(); }
};

inline mutex::lock_awaiter mutex::lock() noexcept { return lock_awaiter(*this); }
inline mutex::enter_awaiter mutex::aenter() noexcept { return enter_awaiter(*this); }

inline bool mutex::try_lock() noexcept {
  if (locked_) return false;
  locked_ = true;
  loop_.attach();
  return true;
}

inline void mutex::unlock() {
  if (!locked_) throw runtime_error("aio::mutex::unlock: the mutex is not locked");
  release();
}

}  // namespace aio
