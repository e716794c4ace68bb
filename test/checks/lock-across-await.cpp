// RUN: %check_corolint_plugin %s async-lock-across-await %t
// RUN: %check_corolint %s async-lock-across-await %t-cli
// Configured mutex types; a profile's async mutex is left alone.
// RUN: %check_corolint_plugin --check-suffix=OPTIONS %s async-lock-across-await %t-options -- --config="{CheckOptions: {async-lock-across-await.BlockingMutexTypes: 'app::spin_lock', async-lock-across-await.AsyncMutexTypes: 'app::async_lock', async-lock-across-await.LockGuardTypes: 'app::spin_guard'}}"

#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <coroutine>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>

using namespace std::chrono_literals;

// aio::mutex as runtime-api.md specifies it (`auto g = co_await m.lock();`);
// declared here so the test does not depend on the runtime's header.
namespace aio {
class mutex {
public:
  class guard {
  public:
    guard() = default;
    guard(mutex &m, std::adopt_lock_t) : m_(&m) {}
    guard(guard &&other) noexcept : m_(std::exchange(other.m_, nullptr)) {}
    ~guard() { if (m_) m_->unlock(); }
    void unlock() { std::exchange(m_, nullptr)->unlock(); }
  private:
    mutex *m_ = nullptr;
  };
  struct lock_awaiter {
    mutex &m;
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    guard await_resume() const { return guard(m, std::adopt_lock); }
  };
  lock_awaiter lock() noexcept { return {*this}; }
  bool try_lock() noexcept { return true; }
  void unlock() {}
};
} // namespace aio

namespace app {
struct spin_lock {
  void lock() {}
  void unlock() {}
};
struct spin_guard {
  explicit spin_guard(spin_lock &l) : l(l) { l.lock(); }
  ~spin_guard() { l.unlock(); }
  spin_lock &l;
};
struct async_lock {
  aio::mutex::lock_awaiter lock();
  void unlock() {}
};
} // namespace app

// A mutex and a guard known only by their thread-safety attributes.
struct __attribute__((capability("mutex"))) spin_mutex {
  void lock() __attribute__((acquire_capability())) {}
  void unlock() __attribute__((release_capability())) {}
};
struct __attribute__((scoped_lockable)) spin_holder {
  explicit spin_holder(spin_mutex &m) __attribute__((acquire_capability(m))) : m(m) { m.lock(); }
  ~spin_holder() __attribute__((release_capability())) { m.unlock(); }
  spin_mutex &m;
};

std::mutex m;
std::shared_mutex rw;
aio::mutex am;
spin_mutex sm;
int counter = 0;
std::map<std::string, std::string> cache;

aio::task<int> fetch(int id) { co_return id; }
aio::task<> flush() { co_return; }

// ---- must flag ---------------------------------------------------------------

// CP.52 / clippy await_holding_lock: the guard lives across the co_await.
aio::task<> guard_across_await() {
  std::lock_guard<std::mutex> g(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in coroutine 'guard_across_await': a task of this thread that takes it meanwhile blocks the event loop or deadlocks, and the coroutine may resume on a thread that does not own it; release it before suspending, or use 'aio::mutex' [async-lock-across-await]
  // CHECK-NOTES: :[[@LINE-2]]:31: warning: blocking lock of 'm' ('std::mutex')
  // CHECK-NOTES: :[[@LINE+3]]:3: note: the coroutine suspends here with 'm' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first, end the guard's scope (a block around the locked part) or call 'unlock()' before the 'co_await'; to keep it locked across the suspension, make it an 'aio::mutex' and await its lock
  ++counter;
  co_await flush();
}

// The suspension in an initializer (misc-coroutine-hostile-raii misses it, #72793).
aio::task<int> await_in_initializer() {
  std::unique_lock lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in coroutine 'await_in_initializer'
  // CHECK-NOTES: :[[@LINE-2]]:20: warning: blocking lock of 'm'
  // CHECK-NOTES: :[[@LINE+2]]:15: note: the coroutine suspends here with 'm' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  int value = co_await fetch(counter);
  co_return value;
}

// Manual lock()/unlock() around a suspension.
aio::task<> manual_pair() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in coroutine 'manual_pair'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking lock of 'm'
  // CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'm' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  co_await flush();
  m.unlock();
}

// arangodb#21099: a std::mutex member locked in a coroutine method while it
// awaits (it may resume on another thread, which then unlocks it).
struct shard_syncer {
  std::mutex _mutex;
  std::map<int, int> _followers;
  aio::task<int> sync_follower(int follower) {
    std::unique_lock guard(_mutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: blocking lock of '_mutex' ('std::mutex') is held across a suspension point in coroutine 'sync_follower'
    // CHECK-NOTES: :[[@LINE-2]]:22: warning: blocking lock of '_mutex'
    // CHECK-NOTES: :[[@LINE+3]]:13: note: the coroutine suspends here with '_mutex' locked
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to release it first
    auto &state = _followers[follower];
    state = co_await fetch(follower);
    co_return state;
  }
};

// FISCO-BCOS#5504: two std::unique_lock<std::mutex> span the co_awaits of one block's execution.
struct op_scheduler {
  std::mutex m_executeMutex;
  std::mutex m_commitMutex;
  aio::task<int> coExecuteBlock(int block) {
    std::unique_lock<std::mutex> executeLock(m_executeMutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: blocking lock of 'm_executeMutex' ('std::mutex') is held across a suspension point in coroutine 'coExecuteBlock'
    // CHECK-NOTES: :[[@LINE-2]]:34: warning: blocking lock of 'm_executeMutex'
    // CHECK-NOTES: :[[@LINE+2]]:21: note: the coroutine suspends here with 'm_executeMutex' locked
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to release it first
    auto receipts = co_await fetch(block);
    std::unique_lock<std::mutex> commitLock(m_commitMutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: blocking lock of 'm_commitMutex' ('std::mutex') is held across a suspension point in coroutine 'coExecuteBlock'
    // CHECK-NOTES: :[[@LINE-2]]:34: warning: blocking lock of 'm_commitMutex'
    // CHECK-NOTES: :[[@LINE+4]]:5: note: the coroutine suspends here with 'm_commitMutex' locked
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to release it first
    executeLock.unlock();
    ++receipts;
    co_await flush();
    co_return receipts;
  }
};

// Released on one path only.
aio::task<> unlocked_on_one_path(bool fast) {
  std::unique_lock lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in coroutine 'unlocked_on_one_path'
  // CHECK-NOTES: :[[@LINE-2]]:20: warning: blocking lock of 'm'
  // CHECK-NOTES: :[[@LINE+5]]:3: note: the coroutine suspends here with 'm' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  if (fast)
    lk.unlock();
  ++counter;
  co_await flush();
}

// A deferred guard locked later, and a shared lock.
aio::task<> deferred_then_locked() {
  std::unique_lock lk(m, std::defer_lock);
  lk.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking lock of 'lk' ('std::unique_lock') is held across a suspension point in coroutine 'deferred_then_locked'
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking lock of 'lk'
  // CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'lk' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  co_await flush();
}

aio::task<std::string> reader(std::string key) {
  std::shared_lock read(rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking lock of 'rw' ('std::shared_mutex') is held across a suspension point in coroutine 'reader'
  // CHECK-NOTES: :[[@LINE-2]]:20: warning: blocking lock of 'rw'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the coroutine suspends here with 'rw' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  for (int attempt = 0; attempt < 3; ++attempt)
    co_await aio::sleep(1ms);
  co_return cache[key];
}

// Several mutexes at once.
aio::task<> scoped_two() {
  std::scoped_lock both(m, rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in coroutine 'scoped_two'
  // CHECK-NOTES: :[[@LINE-2]]:20: warning: blocking lock of 'm'
  // CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'm' locked
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to release it first
  co_await flush();
}

// Types known by their thread-safety attributes.
aio::task<> annotated() {
  spin_holder hold(sm);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking lock of 'sm' ('spin_mutex') is held across a suspension point in coroutine 'annotated'
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:15: warning: blocking lock of 'sm' ('spin_mutex') is held across a suspension point in coroutine 'annotated'
  // CHECK-NOTES: :[[@LINE-3]]:15: warning: blocking lock of 'sm'
  // CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'sm' locked
  // CHECK-NOTES: :[[@LINE-5]]:3: note: to release it first
  co_await flush();
}

// In a coroutine lambda, across a loop's suspension.
aio::task<> in_a_lambda() {
  auto drain = [&]() -> aio::task<> {
    std::lock_guard g(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking lock of 'm' ('std::mutex') is held across a suspension point in a coroutine lambda
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: blocking lock of 'm'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: the coroutine suspends here with 'm' locked
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to release it first
    while (counter > 0) {
      co_await flush();
      --counter;
    }
  };
  co_await drain();
}

// Configured blocking types.
aio::task<> configured() {
  app::spin_lock spin;
  app::spin_guard g(spin);
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:19: warning: blocking lock of 'spin' ('app::spin_lock') is held across a suspension point in coroutine 'configured'{{.*}}, or use 'app::async_lock' [async-lock-across-await]
  co_await flush();
}

// ---- must leave alone ------------------------------------------------------

// An aio::mutex guard: an async lock may be held across a suspension.
aio::task<> async_guard() {
  auto g = co_await am.lock();
  ++counter;
  co_await flush();
}

// Adopted into a std::unique_lock (cppcoro's and async_simple's pattern): still the async mutex.
aio::task<> adopted_async() {
  if (!am.try_lock())
    co_return;
  std::unique_lock<aio::mutex> lk(am, std::adopt_lock);
  co_await flush();
}

aio::task<> manual_async() {
  if (am.try_lock()) {
    co_await flush();
    am.unlock();
  }
}

// Released at the end of its scope, before the suspension.
aio::task<> scoped_before_await() {
  {
    std::lock_guard g(m);
    ++counter;
  }
  co_await flush();
}

// Released with unlock() before the suspension.
aio::task<> unlocked_before_await() {
  std::unique_lock lk(m);
  ++counter;
  lk.unlock();
  co_await flush();
}

aio::task<> manual_released() {
  m.lock();
  ++counter;
  m.unlock();
  co_await flush();
}

// The co_await in an initializer, the lock taken after it.
aio::task<> lock_after_initializer() {
  int value = co_await fetch(1);
  std::lock_guard g(m);
  counter += value;
}

// Never locked: a deferred guard.
aio::task<> deferred_never_locked() {
  std::unique_lock lk(m, std::defer_lock);
  co_await flush();
}

// The suspension belongs to a lambda coroutine created while locked, not awaited there.
aio::task<> lambda_created_under_lock() {
  std::lock_guard g(m);
  auto later = []() -> aio::task<> { co_await flush(); };
  (void)later;
  co_return;
}

// Locked in a plain helper a coroutine calls: released when the helper returns.
void bump() {
  std::lock_guard g(m);
  ++counter;
}
aio::task<> calls_locking_helper() {
  bump();
  co_await flush();
}

// The locked path returns before any suspension.
aio::task<int> returns_under_lock(bool cached) {
  if (cached) {
    std::lock_guard g(m);
    co_return counter;
  }
  co_return co_await fetch(2);
}

// Not a coroutine at all.
void plain() {
  std::lock_guard g(m);
  ++counter;
}

// With the options, the configured async lock is not blocking.
aio::task<> configured_async(app::async_lock &l) {
  co_await l.lock();
  co_await flush();
  l.unlock();
}

int main() { return 0; }
