// RUN: %check_corolint_plugin %s async-unawaited-task %t
// RUN: %check_corolint %s async-unawaited-task %t-cli
// Awaiters that are not tasks (a mutex's lock(), a semaphore's acquire(), an
// event's wait(), whatever the library or wrapper returns them): nothing is
// taken and nothing waits until they are awaited. Shapes of redpanda's
// `auto units = _lock.get_units();` bugs (40513ab296, d0a48cd6cf, fac579e930).

#include <aio/aio.hpp>

#include <chrono>
#include <memory>
#include <vector>

// A project's own wrapper: get_units() hands out the runtime's awaiter.
class units_semaphore {
public:
  explicit units_semaphore(int n) : sem_(n) {}
  auto get_units() { return sem_.acquire(); }

private:
  aio::semaphore sem_;
};

struct allowance {
  aio::mutex reclaim_lock;
  int borrowed = 0;
};

aio::task<int> fetch() { co_return 1; }

namespace bad {
struct log {
  units_semaphore rolling{1};
  aio::event ready;
  std::vector<int> segs;

  aio::task<> housekeeping() {
    auto lock = rolling.get_units();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable 'lock' returned by 'get_units' is never awaited, so its operation (a lock, an acquire, a wait) never happens; 'co_await' it [async-unawaited-task]
    // CHECK-FIXES: auto lock = co_await rolling.get_units();
    if (segs.empty())
      co_return;
    segs.push_back(co_await fetch());
  }

  aio::task<> reclaim(std::shared_ptr<allowance> a) {
    auto locked = a->reclaim_lock.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable 'locked' returned by 'lock' is never awaited
    a->borrowed += co_await fetch();
  }

  aio::task<> wait_ready() {
    ready.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'wait' is discarded, so its operation (a lock, an acquire, a wait) never happens; 'co_await' it [async-unawaited-task]
    // CHECK-FIXES: co_await ready.wait();
    segs.push_back(co_await fetch());
  }
};

// In a class template, through a member of the current instantiation.
template <typename Clock>
class aggregator {
public:
  aio::task<> grab();

private:
  aio::mutex m_;
  long bytes_ = 0;
};

template <typename Clock>
aio::task<> aggregator<Clock>::grab() {
  auto units = m_.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'units' returned by 'lock' is never awaited
  bytes_ = co_await fetch();
}

template class aggregator<std::chrono::steady_clock>;
} // namespace bad

namespace fixed {
struct log {
  units_semaphore rolling{1};
  aio::event ready;
  std::vector<int> segs;

  aio::task<> housekeeping() {
    auto lock = co_await rolling.get_units();
    if (segs.empty())
      co_return;
    segs.push_back(co_await fetch());
  }

  // Kept, then awaited (or handed on) later: the operation happens.
  aio::task<> reclaim(std::shared_ptr<allowance> a) {
    auto pending = a->reclaim_lock.lock();
    a->borrowed += 1;
    auto locked = co_await std::move(pending);
    a->borrowed += co_await fetch();
  }

  aio::task<> wait_ready() {
    co_await aio::wait_for(ready.wait(), std::chrono::seconds(1));
    segs.push_back(co_await fetch());
  }
};

template <typename Clock>
class aggregator {
public:
  aio::task<> grab();

private:
  aio::mutex m_;
  long bytes_ = 0;
};

template <typename Clock>
aio::task<> aggregator<Clock>::grab() {
  auto units = co_await m_.lock();
  bytes_ = co_await fetch();
}

template class aggregator<std::chrono::steady_clock>;
} // namespace fixed
