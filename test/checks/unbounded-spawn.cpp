// aio has no semaphore or queue yet: the test declares stand-ins in namespace
// `fake` and points SemaphoreTypes and QueueTypes at them, which also checks
// that the message spells the semaphore from the option.
// RUN: %check_corolint_plugin %s async-unbounded-spawn %t -- -config="{CheckOptions: {async-unbounded-spawn.SemaphoreTypes: '::fake::semaphore', async-unbounded-spawn.QueueTypes: '::fake::queue'}}"
// RUN: %check_corolint %s async-unbounded-spawn %t-cli -- -config="{CheckOptions: {async-unbounded-spawn.SemaphoreTypes: '::fake::semaphore', async-unbounded-spawn.QueueTypes: '::fake::queue'}}"
// The fast engine sees spawns by name only: member spawns (`tg.create_task`) and
// tasks gathered after the loop need types (docs/checks/unbounded-spawn.md).
// RUN: %check_corolint_fast %s async-unbounded-spawn %t-fast -- --config="{CheckOptions: {async-unbounded-spawn.SemaphoreTypes: '::fake::semaphore', async-unbounded-spawn.QueueTypes: '::fake::queue'}}"
// RUN: %check_corolint_plugin --check-suffix=FOLLY %s async-unbounded-spawn %t-folly -- -config="{CheckOptions: {AsyncProfile: folly}}"

#include <aio/aio.hpp>

#include <algorithm>
#include <array>
#include <coroutine>
#include <cstddef>
#include <map>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

namespace fake {
struct semaphore {
  explicit semaphore(int permits) : permits(permits) {}
  semaphore(const semaphore &) = delete;
  aio::task<> acquire() { co_return; }
  void release() {}
  int permits;
};
struct queue {
  aio::task<std::string> get() { co_return std::string(); }
};
} // namespace fake

aio::task<std::string> fetch(std::string url) { co_return url; }
aio::task<> tick();
aio::task<bool> more();
aio::task<int> next_connection();
aio::task<> serve(int connection);

using handles_t = std::vector<aio::join_handle<std::string>>;

// ---- must flag ---------------------------------------------------------------

// The guide's "Creating too many tasks": one task per URL, all at once.
aio::task<> fetch_all(std::vector<std::string> urls) {
  handles_t handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task(fetch(url)));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'fake::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates one task per element of 'urls'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:23: warning: creates one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'fake::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  co_await aio::gather(std::move(handles));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here and run at once
}

// Lazy tasks collected in a loop all start when gathered.
aio::task<> gather_lazy(std::vector<std::string> urls) {
  std::vector<aio::task<std::string>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: gathers one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'fake::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: gathers one task per element of 'urls'
  auto pages = co_await aio::gather(std::move(tasks));
  // CHECK-NOTES: :[[@LINE-1]]:25: note: all of them are gathered here and run at once
  (void)pages;
}

// Index loop over the collection, emplace_back.
aio::task<> gather_indexed(const std::vector<std::string> &urls) {
  std::vector<aio::task<std::string>> tasks;
  for (std::size_t i = 0; i < urls.size(); ++i)
    tasks.emplace_back(fetch(urls[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: gathers one task per element of 'urls' with
  // CHECK-NOTES: :[[@LINE-2]]:24: warning: gathers one task per element of 'urls'
  co_await aio::gather(std::move(tasks));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here
}

// redpanda#10348: one reconciliation task per partition, however many partitions there are.
struct partition {
  aio::task<> reconcile();
};
class controller {
public:
  void reconcile_all() {
    for (auto &[id, p] : partitions_)
      pending_.push_back(aio::create_task(p.reconcile()));
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: creates one task per element of 'partitions_' with
    // CHECK-NOTES: :[[@LINE-2]]:26: warning: creates one task per element of 'partitions_'
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:26: warning: creates one task per element of 'partitions_' with
  }

private:
  std::map<int, partition> partitions_;
  std::vector<aio::join_handle<void>> pending_;
};

// A task group without a limit bounds nothing.
aio::task<> group_without_limit(std::vector<std::string> urls) {
  co_await aio::with(aio::task_group{}, [&](aio::task_group &tg) -> aio::task<> {
    for (const auto &url : urls)
      tg.create_task(fetch(url));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: creates one task per element of 'urls' with
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: creates one task per element of 'urls'
    // CHECK-NOTES: :[[@LINE-5]]:22: note: the task group is created here without 'aio::max_concurrency'
    co_return;
  });
}

// The same through a named group and a reference to it.
aio::task<> named_group_without_limit(std::vector<std::string> hosts) {
  aio::task_group group;
  co_await aio::with(group, [&](aio::task_group &tg) -> aio::task<> {
    auto &g = tg;
    for (auto it = hosts.begin(); it != hosts.end(); ++it)
      g.create_task(fetch(*it));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: creates one task per element of 'hosts' with
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: creates one task per element of 'hosts'
    // CHECK-NOTES: :[[@LINE-7]]:19: note: the task group is created here without 'aio::max_concurrency'
    co_return;
  });
}

// A count that is not a constant.
aio::task<> countdown(int n) {
  std::vector<aio::join_handle<void>> handles;
  while (n-- > 0)
    handles.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per iteration of a loop bounded by 'n' with
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates one task per iteration of a loop bounded by 'n'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:23: warning: creates one task per iteration of a loop bounded by 'n' with
  co_await aio::gather(std::move(handles));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here
}

// std::views: iota up to a runtime count, a filter over a collection.
aio::task<> iota_view(int n) {
  std::vector<aio::join_handle<void>> ticks;
  for (int i : std::views::iota(0, n))
    ticks.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: creates one task per iteration of a loop bounded by 'n' with
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: creates one task per iteration of a loop bounded by 'n'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:21: warning: creates one task per iteration of a loop bounded by 'n' with
  co_await aio::gather(std::move(ticks));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here
}
aio::task<> filter_view(std::vector<std::string> urls) {
  handles_t pages;
  for (const auto &url : urls | std::views::filter([](const std::string &u) { return !u.empty(); }))
    pages.push_back(aio::create_task(fetch(url)));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: creates one task per element of 'urls' with
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: creates one task per element of 'urls'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:21: warning: creates one task per element of 'urls' with
  co_await aio::gather(std::move(pages));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here
}

// Constants at or above MaxStaticFanout (64): a big literal, nested loops, a big std::array
// (whose size the fast engine does not read from the parameter's type).
aio::task<> constants(std::array<std::string, 100> mirrors) {
  std::vector<aio::join_handle<void>> handles;
  for (int i = 0; i < 1000; ++i)
    handles.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates 1000 tasks in a loop with no bound
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates 1000 tasks in a loop
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:23: warning: creates 1000 tasks in a loop with no bound
  for (int row = 0; row < 16; ++row)
    for (int column = 0; column < 16; ++column)
      handles.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: creates 256 tasks in a loop with no bound
  // CHECK-NOTES: :[[@LINE-2]]:25: warning: creates 256 tasks in a loop
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:25: warning: creates 256 tasks in a loop with no bound
  handles_t pages;
  for (const auto &mirror : mirrors)
    pages.push_back(aio::create_task(fetch(mirror)));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: creates 100 tasks in a loop with no bound
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: creates 100 tasks in a loop
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:21: warning: creates one task per element of 'mirrors' with
  co_return;
}

// A semaphore made once per iteration, or once per task, bounds nothing. (The fast
// engine takes any semaphore in a spawned coroutine of this file for a bound.)
aio::task<std::string> fetch_limited(std::string url, fake::semaphore &sem) {
  co_await sem.acquire();
  auto page = co_await fetch(url);
  sem.release();
  co_return page;
}
aio::task<std::string> fetch_own_limit(std::string url) {
  fake::semaphore mine{2};
  co_await mine.acquire();
  co_return co_await fetch(url);
}
aio::task<> semaphores_not_shared(std::vector<std::string> urls) {
  handles_t handles;
  for (const auto &url : urls) {
    fake::semaphore sem{4};
    handles.push_back(aio::create_task(fetch_limited(url, sem)));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per element of 'urls' with
    // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates one task per element of 'urls'
    // CHECK-NOTES: :[[@LINE-4]]:21: note: 'sem' is created anew for each task, so it bounds nothing; create one before the loop and share it
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:23: warning: creates one task per element of 'urls' with
  }
  for (const auto &url : urls)
    handles.push_back(aio::create_task(fetch_own_limit(url)));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per element of 'urls' with
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates one task per element of 'urls'
  // CHECK-NOTES: :[[@LINE-18]]:19: note: 'mine' is created anew for each task
  co_return;
}

// A named coroutine lambda as the work; a plain (non-coroutine) spawner.
aio::task<> named_lambda(std::vector<std::string> urls) {
  auto worker = [](std::string url) -> aio::task<std::string> { co_return co_await fetch(url); };
  handles_t handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task(worker(url)));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per element of 'urls' with
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: creates one task per element of 'urls'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:23: warning: creates one task per element of 'urls' with
  co_return;
}
void start_all(const std::vector<std::string> &urls, handles_t &out) {
  for (const auto &url : urls)
    out.push_back(aio::create_task(fetch(url)));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: creates one task per element of 'urls' with
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: creates one task per element of 'urls'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:19: warning: creates one task per element of 'urls' with
}

// Draining a container; a loop with no readable bound and no await.
void drain(std::vector<std::string> pending, handles_t &out, bool (*again)()) {
  while (!pending.empty()) {
    out.push_back(aio::create_task(fetch(pending.back())));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: creates one task per element of 'pending' with
    // CHECK-NOTES: :[[@LINE-2]]:19: warning: creates one task per element of 'pending'
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:19: warning: creates one task per element of 'pending' with
    pending.pop_back();
  }
  do {
    out.push_back(aio::create_task(fetch("poll")));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: creates one task per iteration of an open-ended loop with no bound
    // CHECK-NOTES: :[[@LINE-2]]:19: warning: creates one task per iteration of an open-ended loop
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:19: warning: creates one task per iteration of an open-ended loop with no bound
  } while (again());
}

// A handle awaited on some paths only: the others pile up.
aio::task<> awaited_sometimes(std::vector<std::string> urls) {
  handles_t slow;
  for (const auto &url : urls) {
    auto handle = aio::create_task(fetch(url));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: creates one task per element of 'urls' with
    // CHECK-NOTES: :[[@LINE-2]]:19: warning: creates one task per element of 'urls'
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:19: warning: creates one task per element of 'urls' with
    if (url.size() < 10)
      co_await handle;
    else
      slow.push_back(std::move(handle));
  }
  co_await aio::gather(std::move(slow));
  // CHECK-NOTES: :[[@LINE-1]]:12: note: all of them are gathered here
}

// ---- must leave alone --------------------------------------------------------

aio::task<> consumer(fake::queue &q) {
  auto item = co_await q.get();
  (void)item;
}
std::vector<aio::join_handle<void>> workers;

// Small constant fan-out: a fixed worker pool, an initializer list, arrays, views.
aio::task<> small_constants(fake::queue &q) {
  for (int i = 0; i < 3; ++i)
    workers.push_back(aio::create_task(consumer(q)));
  handles_t pages;
  for (const char *host : {"a.example", "b.example", "c.example"})
    pages.push_back(aio::create_task(fetch(host)));
  std::array<std::string, 4> replicas{"r1", "r2", "r3", "r4"};
  for (const auto &replica : replicas)
    pages.push_back(aio::create_task(fetch(replica)));
  const char *mirrors[] = {"m1", "m2"};
  for (const char *mirror : mirrors)
    pages.push_back(aio::create_task(fetch(mirror)));
  const std::vector<int> shards{0, 1, 2, 3};
  for (int shard : shards)
    workers.push_back(aio::create_task(tick()));
  for (int i : std::views::iota(0, 8))
    workers.push_back(aio::create_task(tick()));
  for (int i = 10; i > 0; i -= 2)
    workers.push_back(aio::create_task(tick()));
  co_await aio::gather(std::move(pages));
}

// A worker pool sized at run time, draining a queue: workers, not elements.
aio::task<> worker_pool(fake::queue &q, int worker_count) {
  for (int i = 0; i < worker_count; ++i)
    workers.push_back(aio::create_task(consumer(q)));
  co_return;
}

// The guide's good code: one semaphore shared by every task.
aio::task<> with_semaphore(std::vector<std::string> urls) {
  fake::semaphore sem{100};
  std::vector<aio::task<std::string>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch_limited(url, sem));
  co_await aio::gather(std::move(tasks));
}

// The shared semaphore captured by a lambda coroutine, through a pointer, or held by a member.
aio::task<> lambda_semaphore(std::vector<std::string> urls, fake::semaphore *limit) {
  fake::semaphore sem{8};
  handles_t handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task([&sem, url]() -> aio::task<std::string> {
      co_await sem.acquire();
      co_return co_await fetch(url);
    }()));
  for (const auto &url : urls)
    handles.push_back(aio::create_task([limit, url]() -> aio::task<std::string> {
      co_await limit->acquire();
      co_return url;
    }()));
  co_await aio::gather(std::move(handles));
}
class crawler {
public:
  aio::task<std::string> visit(std::string url) {
    co_await limit_.acquire();
    co_return co_await fetch(url);
  }
  aio::task<> crawl(std::vector<std::string> urls) {
    handles_t handles;
    for (const auto &url : urls)
      handles.push_back(aio::create_task(visit(url)));
    co_await aio::gather(std::move(handles));
  }

private:
  fake::semaphore limit_{16};
};

// A global semaphore taken two awaits down.
fake::semaphore g_connections{32};
aio::task<std::string> limited_get(std::string url) {
  co_await g_connections.acquire();
  co_return co_await fetch(url);
}
aio::task<std::string> process(std::string url) { co_return co_await limited_get(url); }
aio::task<> deep_semaphore(std::vector<std::string> urls) {
  handles_t handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task(process(url)));
  co_await aio::gather(std::move(handles));
}

// The spawning loop takes the permit; the task gives it back.
aio::task<std::string> fetch_and_release(std::string url, fake::semaphore &sem);
aio::task<> permit_before_spawn(std::vector<std::string> urls) {
  fake::semaphore sem{10};
  handles_t handles;
  for (const auto &url : urls) {
    co_await sem.acquire();
    handles.push_back(aio::create_task(fetch_and_release(url, sem)));
  }
  co_await aio::gather(std::move(handles));
}

// task_group with max_concurrency, as a temporary or a named group.
aio::task<> bounded_groups(std::vector<std::string> urls) {
  co_await aio::with(aio::task_group{aio::max_concurrency{8}},
                     [&](aio::task_group &tg) -> aio::task<> {
                       for (const auto &url : urls)
                         tg.create_task(fetch(url));
                       co_return;
                     });
  aio::task_group limited{aio::max_concurrency{4}};
  co_await aio::with(limited, [&](aio::task_group &tg) -> aio::task<> {
    for (std::size_t i = 0; i < urls.size(); ++i)
      tg.create_task(fetch(urls[i]));
    co_return;
  });
}

// Batching: an outer loop over chunks awaits each chunk before the next.
aio::task<> batches(std::vector<std::string> urls) {
  for (std::size_t start = 0; start < urls.size(); start += 100) {
    handles_t batch;
    for (std::size_t i = start; i < std::min(start + 100, urls.size()); ++i)
      batch.push_back(aio::create_task(fetch(urls[i])));
    co_await aio::gather(std::move(batch));
  }
}
aio::task<> group_batches(std::vector<std::vector<std::string>> chunks) {
  for (const auto &chunk : chunks)
    co_await aio::with(aio::task_group{}, [&](aio::task_group &tg) -> aio::task<> {
      for (const auto &url : chunk)
        tg.create_task(fetch(url));
      co_return;
    });
}
// Flushed whenever 32 are in flight.
aio::task<> flushing(std::vector<std::string> urls) {
  std::vector<aio::task<std::string>> batch;
  for (const auto &url : urls) {
    batch.push_back(fetch(url));
    if (batch.size() >= 32) {
      co_await aio::gather(std::move(batch));
      batch.clear();
    }
  }
  co_await aio::gather(std::move(batch));
}

// Each task awaited before the next iteration: sequential, not unbounded.
aio::task<> sequential(std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_await aio::create_task(fetch(url));
  for (const auto &url : urls) {
    auto handle = aio::create_task(fetch(url));
    co_await handle;
  }
}

// Lazy tasks collected but awaited one by one never run concurrently.
aio::task<> one_by_one(std::vector<std::string> urls) {
  std::vector<aio::task<std::string>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  for (auto &task : tasks)
    co_await std::move(task);
}

// A server loop: one task per accepted connection, paced by the accepts.
aio::task<> accept_loop() {
  std::vector<aio::join_handle<void>> connections;
  while (true) {
    int connection = co_await next_connection();
    connections.push_back(aio::create_task(serve(connection)));
  }
}

// No loop at all.
aio::task<> single() {
  auto handle = aio::create_task(fetch("one"));
  co_await handle;
}

// ---- folly profile --------------------------------------------------------------

namespace folly {
template <class T> class SemiFuture {};
namespace coro {
template <class T> class TaskWithExecutor {
public:
  SemiFuture<T> start() &&;
};
template <class T = void> class Task {
public:
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  TaskWithExecutor<T> scheduleOn(void *executor) &&;
};
class AsyncScope {
public:
  void add(TaskWithExecutor<void> &&task);
};
template <class Range> Task<void> collectAllRange(Range tasks);
template <class Range> Task<void> collectAllWindowed(Range tasks, std::size_t window);
} // namespace coro
} // namespace folly

folly::coro::Task<void> fetch_one(std::string url);

folly::coro::Task<void> folly_collect(std::vector<std::string> urls) {
  std::vector<folly::coro::Task<void>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch_one(url));
  // CHECK-MESSAGES-FOLLY: :[[@LINE-1]]:21: warning: gathers one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'folly::fibers::Semaphore' shared by all of them inside each task, or gather them with 'folly::coro::collectAllWindowed' [async-unbounded-spawn]
  co_await folly::coro::collectAllRange(std::move(tasks));
}

folly::coro::Task<void> folly_windowed(std::vector<std::string> urls) {
  std::vector<folly::coro::Task<void>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch_one(url));
  co_await folly::coro::collectAllWindowed(std::move(tasks), 8);
}

void folly_scope(folly::coro::AsyncScope &scope, std::vector<std::string> urls, void *executor) {
  for (const auto &url : urls)
    scope.add(fetch_one(url).scheduleOn(executor));
  // CHECK-MESSAGES-FOLLY: :[[@LINE-1]]:5: warning: creates one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'folly::fibers::Semaphore' shared by all of them inside each task [async-unbounded-spawn]
  for (int i = 0; i < 4; ++i)
    scope.add(fetch_one("fixed").scheduleOn(executor));
}

void folly_start(std::vector<std::string> urls, void *executor) {
  for (const auto &url : urls)
    fetch_one(url).scheduleOn(executor).start();
  // CHECK-MESSAGES-FOLLY: :[[@LINE-1]]:5: warning: creates one task per element of 'urls' with
}

// ENGINES-DIFFER: async-unbounded-spawn: the 100 of std::array<std::string, 100> mirrors is in its type, so the fast engine says "one task per element" where full mode counts 100 tasks (fast: "one task per element of 'mirrors'") (docs: "The size of a collection is read from the loop, not from types")
