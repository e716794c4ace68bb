// RUN: %check_corolint_plugin %s async-unawaited-task %t
// RUN: %check_corolint %s async-unawaited-task %t-cli
// RUN: %check_corolint_fast %s async-unawaited-task %t-fast

#include <aio/aio.hpp>

#include <functional>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> fetch_data(int id = 0) { co_return id; }
aio::task<> save(int) { co_return; }
aio::task<bool> is_ready() { co_return true; }

// ---- must flag ---------------------------------------------------------------

// The guide's "Forgetting await": the call only creates the task.
aio::task<> forgot_await() {
  fetch_data(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch_data' is discarded, so it never runs; 'co_await' it or schedule it with 'aio::create_task' [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch_data(1);{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: task returned by 'fetch_data' is discarded, so it never runs; 'co_await' it or schedule it with 'aio::create_task' [async-unawaited-task]
  co_return;
}

// stdexec#1214: a forgotten co_await on a sender-returning helper.
aio::task<> forgot_in_branch(bool retry) {
  if (retry)
    save(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'save' is discarded
  // CHECK-FIXES: {{^}}    co_await save(1);{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: task returned by 'save' is discarded
  co_await save(2);
}

// Cast to void does not run it either (AllowCastToVoid is off).
aio::task<> cast_to_void() {
  (void)fetch_data();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: task returned by 'fetch_data' is discarded
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:9: warning: task returned by 'fetch_data' is discarded
  static_cast<void>(save(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: task returned by 'save' is discarded
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:21: warning: task returned by 'save' is discarded
  co_return;
}

// In a plain function the task is just as dead, but co_await cannot be added.
void plain_caller() {
  save(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'save' is discarded
  // CHECK-FIXES: {{^}}  save(4);{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: task returned by 'save' is discarded
}

// C++ forbids co_await in a handler: flagged, not rewritten.
aio::task<> in_handler() {
  try {
    co_await save(5);
  } catch (...) {
    save(6);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'save' is discarded
    // CHECK-FIXES: {{^}}    save(6);{{$}}
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: task returned by 'save' is discarded
  }
}

aio::task<> bound_never_awaited() {
  auto result = fetch_data(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'result' returned by 'fetch_data' is never awaited, so it never runs; 'co_await' it or pass it on
  // CHECK-FIXES: {{^}}  auto result = co_await fetch_data(7);{{$}}
  co_return;
}

// Used, but only in ways that do not run it.
aio::task<> bound_only_observed() {
  aio::task<int> pending = fetch_data(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: task 'pending' returned by 'fetch_data' is never awaited
  // CHECK-FIXES: {{^}}  aio::task<int> pending = fetch_data(8);{{$}}
  (void)pending;
  co_return;
}

aio::task<> awaited_on_one_branch_only(bool fast) {
  auto slow = fetch_data(9);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'slow' returned by 'fetch_data' is not awaited on every path, so on some it never runs
  if (fast)
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'slow' is left here without being awaited
  co_await std::move(slow);
}

aio::task<int> awaited_in_loop_only(int n) {
  auto first = fetch_data(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'first' returned by 'fetch_data' is not awaited on every path
  int total = 0;
  for (int i = 0; i < n; ++i) {
    if (i == 0)
      total += co_await std::move(first);
  }
  co_return total;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'first' is left here without being awaited
}

aio::task<> collected_never_gathered(std::vector<int> ids) {
  std::vector<aio::task<int>> pending;
  for (int id : ids)
    pending.push_back(fetch_data(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: tasks collected in 'pending' are never awaited or gathered, so they never run; 'co_await aio::gather(std::move(pending))'
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'pending' is declared here
  co_return;
}

aio::task<> used_as_condition() {
  if (is_ready())
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: task returned by 'is_ready' is used as a value without being awaited; did you mean 'co_await'?
    co_return;
  co_return;
}

// scylladb#25427: a coroutine lambda handed to an API that wants a void
// callable: whoever calls it drops the task.
void on_event(std::function<void(int)> handler) { handler(1); }
void register_handlers() {
  on_event([](int id) -> aio::task<> { co_await save(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: coroutine converted to 'std::function<void (int)>': the task it returns is dropped and never runs
  std::function<void()> callback = []() -> aio::task<> { co_return; };
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: coroutine converted to 'std::function<void ()>': the task it returns is dropped
}

struct Cache {
  aio::task<int> refresh();
  aio::task<> tick() {
    refresh();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'refresh' is discarded
    // CHECK-FIXES: {{^}}    co_await refresh();{{$}}
    co_return;
  }
};

aio::task<> lambda_task() {
  auto make = [](int v) -> aio::task<int> { co_return v; };
  make(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by a lambda is discarded
  // CHECK-FIXES: {{^}}  co_await make(3);{{$}}
  co_return;
}

template <typename T>
aio::task<> generic_forget(T value) {
  save(static_cast<int>(value));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'save' is discarded
  // CHECK-FIXES: {{^}}  co_await save(static_cast<int>(value));{{$}}
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: task returned by 'save' is discarded
  co_return;
}
template aio::task<> generic_forget(long);

// ---- must leave alone --------------------------------------------------------

aio::task<int> awaited_directly() { co_return co_await fetch_data(1); }

aio::task<> awaited_later_on_every_path(bool fast) {
  auto a = fetch_data(1);
  auto b = fetch_data(2);
  if (fast) {
    co_await std::move(a);
    co_await std::move(b);
    co_return;
  }
  co_await aio::gather(std::move(a), std::move(b));
}

aio::task<> handed_to_gather() {
  auto [x, y] = co_await aio::gather(fetch_data(1), fetch_data(2));
  (void)x;
  (void)y;
}

aio::task<> handed_to_create_task() {
  auto handle = aio::create_task(fetch_data(3));
  co_await handle;
}

aio::task<> handed_to_wait_for() { co_await aio::wait_for(fetch_data(4), 1s); }

aio::task<> handed_to_task_group() {
  co_await aio::with(aio::task_group{}, [&](aio::task_group &tg) -> aio::task<> {
    tg.create_task(save(5));
    co_return;
  });
}

aio::task<int> returned() { return fetch_data(6); }

aio::task<int> returned_from_coroutine_via_local() {
  auto t = fetch_data(7);
  co_return co_await std::move(t);
}

struct Worker {
  aio::task<int> pending_ = fetch_data(0);
  std::optional<aio::task<>> background_;
  void start() { background_ = save(8); }
};

aio::task<> gathered_vector(std::vector<int> ids) {
  std::vector<aio::task<int>> pending;
  for (int id : ids)
    pending.push_back(fetch_data(id));
  auto results = co_await aio::gather(std::move(pending));
  (void)results;
}

aio::task<> moved_into_lambda() {
  auto t = fetch_data(9);
  auto runner = [t = std::move(t)]() mutable -> aio::task<int> { co_return co_await std::move(t); };
  co_await runner();
}

aio::task<> thrown_before_await(bool bad) {
  auto t = fetch_data(10);
  if (bad)
    throw std::runtime_error("bad input");
  co_await std::move(t);
}

aio::task<> passed_to_a_helper(void (*keep)(aio::task<int>)) {
  auto t = fetch_data(11);
  keep(std::move(t));
  co_return;
}

aio::task<> explicit_ignore_allowed_by_option_is_not_default() {
  // a task that is awaited through a reference
  auto t = fetch_data(12);
  auto &ref = t;
  co_await ref;
}

int not_a_task() { return 1; }
aio::task<> plain_values() {
  not_a_task();
  co_return;
}

aio::task<> in_unevaluated_context() {
  using Task = decltype(fetch_data());
  static_assert(sizeof(fetch_data()) > 0);
  co_return;
}

aio::task<> callback_returning_task(std::function<aio::task<>()> make) { co_await make(); }
void registers_task_callable() {
  std::function<aio::task<>()> make = []() -> aio::task<> { co_return; };
  (void)make;
}
