// RUN: %check_corolint_plugin %s async-stale-read %t
// RUN: %check_corolint %s async-stale-read %t-cli
// A profile without an async mutex suggests only reading again.
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-stale-read %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"

#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <coroutine>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

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
  void unlock() {}
};
} // namespace aio

int counter = 0;
int other = 0;
aio::mutex counter_lock;
std::mutex blocking;
struct statistics {
  int total = 0;
};
statistics stats;

aio::task<> work() { co_return; }
aio::task<int> fetch(int id) { co_return id; }
aio::task<std::string> load(std::string key) { co_return key; }

// ---- must flag ---------------------------------------------------------------

// The guide: `temp = counter; await asyncio.sleep(0.1); counter = temp + 1`.
aio::task<> increment() {
  int temp = counter;
  co_await aio::sleep(100ms);
  counter = temp + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'counter' is written from 'temp', a value read before a suspension point in coroutine 'increment': another task may change 'counter' while this one waits, and that update is lost; read it again after the 'co_await', or hold one 'aio::mutex' lock across both the read and the write [async-stale-read]
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'counter' is written from 'temp', a value read before a suspension point in coroutine 'increment': another task may change 'counter' while this one waits, and that update is lost; read it again after the 'co_await' [async-stale-read]
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'counter' is written from 'temp'
  // CHECK-NOTES: :[[@LINE-6]]:14: note: 'counter' is read here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the coroutine suspends here, so the value read may be stale when it is written back
}

// A member: the classic bank account.
struct account {
  int balance_ = 0;
  aio::task<bool> withdraw(int amount) {
    int balance = balance_;
    if (balance < amount)
      co_return false;
    co_await work();
    balance_ = balance - amount;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'balance_' is written from 'balance', a value read before a suspension point in coroutine 'withdraw'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: 'balance_' is written from 'balance'
    // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'balance_' is written from 'balance'
    // CHECK-NOTES: :[[@LINE-8]]:19: note: 'balance_' is read here
    // CHECK-NOTES: :[[@LINE-6]]:5: note: the coroutine suspends here
    co_return true;
  }
};

// A static local is shared by every call.
aio::task<int> next_id() {
  static int last_id = 0;
  int id = last_id;
  int issued = co_await fetch(id);
  last_id = id + issued;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'last_id' is written from 'id', a value read before a suspension point in coroutine 'next_id'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'last_id' is written from 'id'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'last_id' is written from 'id'
  // CHECK-NOTES: :[[@LINE-6]]:12: note: 'last_id' is read here
  // CHECK-NOTES: :[[@LINE-6]]:16: note: the coroutine suspends here
  co_return id;
}

// Captured by reference in a coroutine lambda.
aio::task<> captured(int &total) {
  int local_total = 0;
  auto add = [&local_total]() -> aio::task<> {
    int seen = local_total;
    co_await work();
    local_total = seen + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'local_total' is written from 'seen', a value read before a suspension point in a coroutine lambda
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: 'local_total' is written from 'seen'
    // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'local_total' is written from 'seen'
    // CHECK-NOTES: :[[@LINE-6]]:16: note: 'local_total' is read here
    // CHECK-NOTES: :[[@LINE-6]]:5: note: the coroutine suspends here
  };
  co_await add();
  total = local_total;
}

// Read by an assignment rather than an initializer.
aio::task<> assigned_later() {
  int temp;
  temp = counter;
  co_await work();
  counter = temp * 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'counter' is written from 'temp'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'counter' is written from 'temp'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'counter' is written from 'temp'
  // CHECK-NOTES: :[[@LINE-6]]:10: note: 'counter' is read here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the coroutine suspends here
}

// Suspending on one path only is enough.
aio::task<> maybe_suspends(bool slow) {
  int temp = counter;
  if (slow)
    co_await work();
  counter = temp + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'counter' is written from 'temp'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'counter' is written from 'temp'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'counter' is written from 'temp'
  // CHECK-NOTES: :[[@LINE-7]]:14: note: 'counter' is read here
  // CHECK-NOTES: :[[@LINE-6]]:5: note: the coroutine suspends here
}

// Through a second local, with the suspension in another variable's initializer.
aio::task<> derived_value() {
  int temp = counter;
  int next = temp + 1;
  int extra = co_await fetch(next);
  counter = next + extra;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'counter' is written from 'next'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'counter' is written from 'next'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'counter' is written from 'next'
  // CHECK-NOTES: :[[@LINE-7]]:14: note: 'counter' is read here
  // CHECK-NOTES: :[[@LINE-6]]:15: note: the coroutine suspends here
}

// A copy of a container member, changed while suspended and written back.
struct inbox {
  std::vector<std::string> items_;
  aio::task<> add(std::string key) {
    auto items = items_;
    items.push_back(co_await load(key));
    items_ = items;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'items_' is written from 'items'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: 'items_' is written from 'items'
    // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'items_' is written from 'items'
    // CHECK-NOTES: :[[@LINE-6]]:18: note: 'items_' is read here
    // CHECK-NOTES: :[[@LINE-6]]:21: note: the coroutine suspends here
  }
};

// A member of a global.
aio::task<> add_to_total(int n) {
  int before = stats.total;
  co_await work();
  stats.total = before + n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stats.total' is written from 'before'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'stats.total' is written from 'before'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'stats.total' is written from 'before'
  // CHECK-NOTES: :[[@LINE-6]]:16: note: 'stats.total' is read here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the coroutine suspends here
}

// Each half under a blocking lock: released across the suspension, so still lost.
aio::task<> locked_halves() {
  int temp;
  {
    std::lock_guard g(blocking);
    temp = counter;
  }
  co_await work();
  {
    std::lock_guard g(blocking);
    counter = temp + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter' is written from 'temp'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: 'counter' is written from 'temp'
    // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'counter' is written from 'temp'
    // CHECK-NOTES: :[[@LINE-9]]:12: note: 'counter' is read here
    // CHECK-NOTES: :[[@LINE-8]]:3: note: the coroutine suspends here
  }
}

// A cache entry.
std::map<std::string, std::string> cache;
aio::task<> refresh(std::string key) {
  auto old = cache[key];
  auto fresh = co_await load(key);
  cache[key] = old + fresh;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cache[key]' is written from 'old'
  // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: 'cache[key]' is written from 'old'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: 'cache[key]' is written from 'old'
  // CHECK-NOTES: :[[@LINE-6]]:14: note: 'cache[key]' is read here
  // CHECK-NOTES: :[[@LINE-6]]:16: note: the coroutine suspends here
}

// ---- must leave alone ------------------------------------------------------

// Read and written under one aio::mutex guard (asio's profile knows no async mutex).
aio::task<> increment_locked() {
  auto guard = co_await counter_lock.lock();
  int temp = counter;
  co_await aio::sleep(100ms);
  counter = temp + 1;
  // CHECK-MESSAGES-ASIO: :[[@LINE-1]]:3: warning: 'counter' is written from 'temp'
}

// Locals and parameters belong to this coroutine.
aio::task<int> locals_only(int start, int &out) {
  int value = start;
  int temp = value;
  co_await work();
  value = temp + 1;
  int copy = out;
  co_await work();
  out = copy + 1;
  start = value;
  co_return start;
}

// The write does not use the value read before the suspension.
aio::task<> reset() {
  int seen = counter;
  co_await work();
  counter = 0;
  other = seen;
}

// No suspension between the read and the write.
aio::task<> quick_update() {
  int temp = counter;
  counter = temp + 1;
  co_await work();
}

// Read again after the suspension.
aio::task<> reread() {
  int temp = counter;
  co_await work();
  temp = counter;
  counter = temp + 1;
}

// The suspension happens before the read.
aio::task<> suspend_first() {
  co_await work();
  int temp = counter;
  counter = temp + 1;
}

// Written to another variable.
aio::task<> copy_elsewhere() {
  int temp = counter;
  co_await work();
  other = temp + 1;
}

// A copy captured by value is the lambda's own.
aio::task<> captured_by_copy() {
  int seen = 0;
  auto bump = [seen]() mutable -> aio::task<> {
    int before = seen;
    co_await work();
    seen = before + 1;
  };
  co_await bump();
}

// The suspension belongs to a lambda created in between.
aio::task<> lambda_in_between() {
  int temp = counter;
  auto later = []() -> aio::task<> { co_await work(); };
  (void)later;
  counter = temp + 1;
  co_return;
}

// Not a coroutine.
void plain_increment() {
  int temp = counter;
  counter = temp + 1;
}

// The value read in each iteration is written before the next suspension.
aio::task<> per_iteration(int n) {
  for (int i = 0; i < n; ++i) {
    int temp = counter;
    counter = temp + 1;
    co_await work();
  }
}

int main() { return 0; }
