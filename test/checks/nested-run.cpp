// RUN: %check_corolint_plugin %s async-nested-run %t
// RUN: %check_corolint %s async-nested-run %t-cli
// RUN: %check_corolint_plugin --check-suffix=CUSTOM %s async-nested-run %t-custom -- --config="{CheckOptions: {async-nested-run.RunFunctions: 'my::block_on', async-nested-run.HelperDepth: 0}}"
// RUN: %check_corolint_fast %s async-nested-run %t-fast

#include <aio/aio.hpp>

#include <cstddef>
#include <thread>
#include <vector>

aio::task<int> inner() { co_return 1; }
aio::task<int> fetch(int id) { co_return id; }

namespace my {
template <typename T> T block_on(aio::task<T> work) { return aio::run(std::move(work)); }
} // namespace my

// ---- must flag ---------------------------------------------------------------

// The guide's "don't call asyncio.run inside an async function" (moved here from
// blocking-call-table.cpp: async-blocking-call leaves runners to this check).
aio::task<int> runs_nested_loop() {
  co_return aio::run(inner());
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::run' in coroutine 'runs_nested_loop' blocks the running event loop to run another one; 'co_await' the task instead [async-nested-run]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: 'aio::run' in coroutine 'runs_nested_loop' blocks the running event loop to run another one; 'co_await' the task instead [async-nested-run]
}

aio::task<int> runs_another_event_loop() {
  aio::event_loop loop;
  co_return loop.run_until_complete(inner());
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::event_loop::run_until_complete' in coroutine 'runs_another_event_loop' blocks the running event loop
}

// A plain helper that runs a loop, called from a coroutine.
int load_sync() { return aio::run(inner()); }
aio::task<int> calls_sync_helper() {
  co_return load_sync() + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'load_sync' in coroutine 'calls_sync_helper' runs a second event loop inside the running one: it reaches 'aio::run', which blocks every task until it returns; make the helper a coroutine and 'co_await' the work [async-nested-run]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: call to 'load_sync' in coroutine 'calls_sync_helper' runs a second event loop inside the running one: it reaches 'aio::run', which blocks every task until it returns; make the helper a coroutine and 'co_await' the work [async-nested-run]
}

// Two helpers deep.
int load_twice() { return load_sync() * 2; }
aio::task<> calls_helper_of_helper() {
  int n = load_twice();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'load_twice' in coroutine 'calls_helper_of_helper' runs a second event loop inside the running one: it reaches 'aio::run'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:11: warning: call to 'load_twice' in coroutine 'calls_helper_of_helper' runs a second event loop inside the running one: it reaches 'aio::run'
  co_await aio::sleep(std::chrono::milliseconds(n));
}

// A coroutine lambda is a coroutine.
aio::task<> lambda_runs_loop() {
  auto step = [&]() -> aio::task<int> {
    co_return aio::run(fetch(2));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'aio::run' in a coroutine lambda blocks the running event loop
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:15: warning: 'aio::run' in a coroutine lambda blocks the running event loop
  };
  co_await step();
}

// A member helper reached from a member coroutine.
struct client {
  int get_sync() { return aio::run(fetch(3)); }
  aio::task<int> refresh() {
    co_return get_sync();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'get_sync' in coroutine 'refresh' runs a second event loop
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:15: warning: call to 'get_sync' in coroutine 'refresh' runs a second event loop
  }
};

// "Single event loop": a new loop per item.
std::vector<int> fetch_each(const std::vector<int> &ids) {
  std::vector<int> results;
  for (int id : ids)
    results.push_back(aio::run(fetch(id)));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'aio::run' blocks this thread until its task is done for each element of 'ids', so nothing runs concurrently (and a runner that builds an event loop rebuilds it each time); run one coroutine that awaits all the items (single event loop) [async-nested-run]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:23: warning: 'aio::run' blocks this thread until its task is done for each element of 'ids', so nothing runs concurrently (and a runner that builds an event loop rebuilds it each time); run one coroutine that awaits all the items (single event loop) [async-nested-run]
  return results;
}

int fetch_n(std::size_t n) {
  int total = 0;
  for (std::size_t i = 0; i < n; ++i)
    total += aio::run(fetch(static_cast<int>(i)));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'aio::run' blocks this thread until its task is done on each iteration of a loop bounded by 'n'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:14: warning: 'aio::run' blocks this thread until its task is done on each iteration of a loop bounded by 'n'
  return total;
}

int fetch_three() {
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total += aio::run(fetch(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'aio::run' blocks this thread until its task is done on each of 3 iterations
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:14: warning: 'aio::run' blocks this thread until its task is done on each of 3 iterations
  return total;
}

int fetch_by_index(const std::vector<int> &ids) {
  int total = 0;
  for (std::size_t i = 0; i < ids.size(); ++i)
    total += aio::run(fetch(ids[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'aio::run' blocks this thread until its task is done
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:14: warning: 'aio::run' blocks this thread until its task is done
  return total;
}

// The guide's `[asyncio.run(process(item)) for item in items]`, in a callback.
auto make_batch_runner() {
  return [](const std::vector<int> &items) {
    for (int item : items)
      aio::run(fetch(item));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'aio::run' blocks this thread until its task is done for each element of 'items'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:7: warning: 'aio::run' blocks this thread until its task is done for each element of 'items'
  };
}

// Configured runners only (HelperDepth 0: no helpers followed).
aio::task<int> calls_block_on() {
  co_return my::block_on(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'block_on' in coroutine 'calls_block_on' runs a second event loop inside the running one: it reaches 'aio::run'
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-2]]:13: warning: 'my::block_on' in coroutine 'calls_block_on' blocks the running event loop
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:13: warning: call to 'block_on' in coroutine 'calls_block_on' runs a second event loop inside the running one: it reaches 'aio::run'
}

// ---- must leave alone ------------------------------------------------------

// The program's entry point runs the one loop.
aio::task<int> amain() { co_return co_await fetch(5); }
int main() { return aio::run(amain()) == 5 ? 0 : 1; }

// A plain function no coroutine calls.
int startup_check() { return aio::run(inner()); }

// A thread runs its own loop: the lambda is not the coroutine.
aio::task<> starts_worker_thread() {
  std::thread worker([] { aio::run(inner()); });
  worker.detach();
  co_return;
}

// Running one existing loop for each job creates no loop.
void drive(aio::event_loop &loop, const std::vector<int> &ids) {
  for (int id : ids)
    loop.run_until_complete(fetch(id));
}

// A restart loop is not "once per item".
void serve_forever(const bool &shutdown) {
  while (!shutdown)
    aio::run(inner());
}

// Each iteration asks for a differently configured loop: one for all cannot do it.
void on_each_backend() {
  for (aio::backend backend : {aio::backend::epoll, aio::backend::io_uring})
    aio::run(inner(), {.backend = backend});
  for (int round = 0; round < 2; ++round) {
    aio::run_options options{.debug = round == 1};
    aio::run(inner(), options);
  }
}

// One loop for all the items.
aio::task<int> fetch_all(std::vector<int> ids) {
  int total = 0;
  for (int id : ids)
    total += co_await fetch(id);
  co_return total;
}
int fetch_all_sync(std::vector<int> ids) { return aio::run(fetch_all(std::move(ids))); }

// Deeper than HelperDepth (3).
int depth4() { return aio::run(inner()); }
int depth3() { return depth4(); }
int depth2() { return depth3(); }
int depth1() { return depth2(); }
aio::task<int> calls_deep_helper() { co_return depth1(); }

// Unevaluated: nothing runs.
aio::task<int> asks_the_type() {
  static_assert(sizeof(aio::run(inner())) == sizeof(int));
  co_return 0;
}

// Helpers that never run a loop, including mutual recursion.
int pong(int n);
int ping(int n) { return n > 0 ? pong(n - 1) : 0; }
int pong(int n) { return ping(n); }
aio::task<int> plays() { co_return ping(4); }

// A coroutine helper is judged where it runs the loop, not at each await of it.
aio::task<int> awaits_runs_nested_loop() { co_return co_await runs_nested_loop(); }
