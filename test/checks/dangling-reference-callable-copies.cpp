// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli
// Callables taken generically (Func, F&&): the callee may run a copy of a
// capturing lambda coroutine that dies before the task it returned finishes,
// even though the caller awaits at once (seastar's invoke_on_all, map_reduce,
// a continuation run under a gate: scylladb 71179ff5ab, 7f2837824e); and a
// lazy coroutine taking the callable as F&& keeps only a reference to the
// caller's temporary (redpanda 5deb0ebc15).

#include <aio/aio.hpp>

#include <chrono>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

struct shard {
  aio::task<> work(std::string s) { co_await aio::sleep(std::chrono::milliseconds(0)); (void)s; }
};

template <typename Service>
class sharded {
public:
  // Each shard gets a copy of func, gone once its task was collected.
  template <typename Func>
  aio::task<> invoke_on_all(Func func) {
    std::vector<aio::task<>> per_shard;
    for (auto &s : shards_)
      per_shard.push_back(Func(func)(s));
    co_await aio::gather(std::move(per_shard));
  }
  // The copy's task is awaited before the copy dies.
  template <typename Func>
  aio::task<> invoke_each(Func func) {
    for (auto &s : shards_)
      co_await Func(func)(s);
  }
  // The parameter itself lives in this coroutine's frame.
  template <typename Func>
  aio::task<> invoke_in_frame(Func func) {
    for (auto &s : shards_)
      co_await func(s);
  }
  // A local copy called and its task returned: the copy dies on return.
  template <typename Func>
  std::invoke_result_t<Func, Service &> run_once(Func &&f) {
    auto continuation = std::forward<Func>(f);
    return continuation(shards_[0]);
  }

private:
  std::vector<Service> shards_{2};
};

aio::task<> by_copy(sharded<shard> &dir, std::string table) {
  co_await dir.invoke_on_all([&](shard &s) -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: coroutine lambda handed to '{{.*}}invoke_on_all' uses its captures after a suspension point, but '{{.*}}invoke_on_all' runs a copy of the lambda that is destroyed before the task finishes
    co_await s.work("a");
    co_await s.work(table);
  });
  co_await dir.run_once([&table](shard &s) -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: coroutine lambda handed to '{{.*}}run_once' uses its captures after a suspension point
    co_await s.work("a");
    co_await s.work(table);
  });
}

aio::task<> left_alone(sharded<shard> &dir, std::string table) {
  co_await dir.invoke_each([&](shard &s) -> aio::task<> {
    co_await s.work("a");
    co_await s.work(table);
  });
  co_await dir.invoke_in_frame([&](shard &s) -> aio::task<> {
    co_await s.work("a");
    co_await s.work(table);
  });
  // Not a coroutine: the task it returns takes its arguments by value.
  co_await dir.invoke_on_all([&](shard &s) { return s.work(table); });
}

// Captures read only before the first suspension: aio::task is lazy, so the
// body starts when invoke_on_all awaits the collected tasks, after each copy
// died (the fix of scylladb 7f2837824e holds only for Seastar's eager
// coroutines; test/realbugs ports it with aio::task declared eager).
aio::task<> read_before_suspending(sharded<shard> &dir, std::string table) {
  co_await dir.invoke_on_all([table_ = table](shard &s) -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: coroutine lambda handed to '{{.*}}invoke_on_all' uses its captures after a suspension point, but '{{.*}}invoke_on_all' runs a copy of the lambda that is destroyed before the task finishes
    auto mine = std::move(table_);
    co_await s.work("a");
    co_await s.work(mine);
  });
}

// F&& in a lazy coroutine: its frame holds a reference to the caller's lambda.
template <class TryFunc>
aio::task<int> retry_loop(int attempts, TryFunc &&try_func) {
  while (attempts-- > 0)
    if (co_await try_func() == 0)
      co_return 0;
  co_return 1;
}
template <class TryFunc>
aio::task<int> retry_loop_by_value(int attempts, TryFunc try_func) {
  while (attempts-- > 0)
    if (co_await try_func() == 0)
      co_return 0;
  co_return 1;
}

aio::task<int> attempt(const std::string &s) { co_return static_cast<int>(s.size()); }

struct backend {
  aio::task<int> remove(const std::string &name) {
    return retry_loop(3, [this, &name]() { return attempt(name); });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: {{.*}}'try_func'{{.*}}retry_loop{{.*}}temporary{{.*}}
  }
  aio::task<int> remove_by_value(const std::string &name) {
    return retry_loop_by_value(3, [this, &name]() { return attempt(name); });
  }
  aio::task<int> remove_now(const std::string &name) {
    co_return co_await retry_loop(3, [this, &name]() { return attempt(name); });
  }
};
