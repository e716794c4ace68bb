// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint %s async-dropped-exception %t-cli
// RUN: %check_corolint_fast %s async-dropped-exception %t-fast

#include <aio/aio.hpp>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> fetch(int id) {
  if (id < 0)
    throw std::runtime_error("bad id");
  co_return id;
}
aio::task<> background_job() { co_return; }
void log_error(const std::string &) {}
void keep_forever(aio::join_handle<void>) {}

// ---- must flag ---------------------------------------------------------------

// RUF006: fire and forget; a failure is "never retrieved".
aio::task<> fire_and_forget() {
  aio::create_task(background_job());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: handle returned by 'aio::create_task' is discarded: if the task fails, its exception is never retrieved; keep the handle and 'co_await' it [async-dropped-exception]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: handle returned by 'aio::create_task' is discarded: if the task fails, its exception is never retrieved; keep the handle and 'co_await' it [async-dropped-exception]
  co_return;
}

aio::task<> cast_away() {
  (void)aio::create_task(background_job());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: handle returned by 'aio::create_task' is discarded
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:9: warning: handle returned by 'aio::create_task' is discarded
  co_return;
}

// Spawning from a plain function is no better.
void spawn_from_callback() {
  aio::create_task(fetch(1), "fetcher");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: handle returned by 'aio::create_task' is discarded
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: handle returned by 'aio::create_task' is discarded
}

aio::task<> handle_never_awaited() {
  auto handle = aio::create_task(fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'handle' from 'aio::create_task' is never awaited or inspected: if the task fails, its exception is lost; 'co_await handle' before it goes out of scope
  co_await aio::sleep(1ms);
}

// Looking at a handle is not retrieving its outcome.
aio::task<> only_polled() {
  auto handle = aio::create_task(fetch(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'handle' from 'aio::create_task' is never awaited or inspected
  while (!handle.done())
    co_await aio::sleep(1ms);
  std::puts(handle.name().c_str());
}

aio::task<int> early_return_skips_await(bool cached) {
  auto refresh = aio::create_task(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'refresh' from 'aio::create_task' is not awaited or inspected on every path
  if (cached)
    co_return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'refresh' is left here without being awaited or inspected
  co_return co_await refresh;
}

aio::task<> callback_ignores_outcome() {
  auto handle = aio::create_task(fetch(5));
  handle.add_done_callback([] { std::puts("finished"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: done-callback never calls 'exception()' or 'result()', so a failure of the task is never retrieved; inspect the handle it receives
  co_return;
}

aio::task<> callback_with_handle_ignored() {
  auto handle = aio::create_task(fetch(6));
  handle.add_done_callback([](aio::join_handle<int> &) { std::puts("done"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: done-callback never calls 'exception()' or 'result()'
  co_return;
}

// The guide's "Exception swallowing": an empty handler around an await.
aio::task<> swallow_everything() {
  try {
    co_await fetch(-1);
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exception caught around a suspension point in coroutine 'swallow_everything' is swallowed: the handler neither rethrows, logs nor records it; log it, record it, or rethrow with 'throw;'
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: a failure of this operation is lost
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: exception caught around a suspension point in coroutine 'swallow_everything' is swallowed: the handler neither rethrows, logs nor records it; log it, record it, or rethrow with 'throw;'
  }
}

aio::task<int> swallow_and_continue(std::vector<int> ids) {
  int total = 0;
  for (int id : ids) {
    try {
      total += co_await fetch(id);
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught around a suspension point in coroutine 'swallow_and_continue' is swallowed
      // CHECK-MESSAGES: :[[@LINE-3]]:16: note: a failure of this operation is lost
      // CHECK-FAST-MESSAGES: :[[@LINE-3]]:7: warning: exception caught around a suspension point in coroutine 'swallow_and_continue' is swallowed
      // CHECK-FAST-MESSAGES: :[[@LINE-5]]:16: note: a failure of this operation is lost
      continue;
    }
  }
  co_return total;
}

aio::task<> swallow_in_lambda() {
  auto attempt = []() -> aio::task<> {
    try {
      co_await fetch(-2);
    } catch (const std::runtime_error &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught around a suspension point in a coroutine lambda is swallowed
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: a failure of this operation is lost
      // CHECK-FAST-MESSAGES: :[[@LINE-3]]:7: warning: exception caught around a suspension point in a coroutine lambda is swallowed
      // CHECK-FAST-MESSAGES: :[[@LINE-5]]:7: note: a failure of this operation is lost
    }
  };
  co_await attempt();
}

aio::task<> gather_results_dropped() {
  co_await aio::gather(aio::return_exceptions, fetch(1), fetch(-1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: results of 'aio::gather(return_exceptions, ...)' are discarded, so every failure vanishes
}

// Failures filtered out without a word.
aio::task<int> gather_errors_filtered() {
  std::vector<aio::task<int>> jobs;
  jobs.push_back(fetch(1));
  jobs.push_back(fetch(-1));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(jobs));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: errors in the results of 'aio::gather(return_exceptions, ...)' are never looked at, so failures vanish; log or rethrow each result's 'error()'
  int total = 0;
  for (auto &result : results)
    if (result.has_value())
      total += result.value();
  co_return total;
}

aio::task<> group_never_joined() {
  aio::task_group group;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task group 'group' is never joined, so its children's failures are never reported; enter it with 'co_await aio::with(...)'
  group.create_task(fetch(7));
  co_return;
}

// Inspected only if it is already done: a later failure is never seen.
aio::task<> inspected_only_when_done() {
  auto handle = aio::create_task(fetch(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'handle' from 'aio::create_task' is not awaited or inspected on every path
  co_await aio::sleep(1ms);
  if (handle.done() && handle.exception())
    log_error("fetch failed");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'handle' is left here without being awaited or inspected

struct Service {
  aio::task<> start() {
    aio::create_task(poll());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handle returned by 'aio::create_task' is discarded
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:5: warning: handle returned by 'aio::create_task' is discarded
    co_return;
  }
  aio::task<> poll() { co_return; }
};

// ---- must leave alone --------------------------------------------------------

aio::task<int> awaited_handle() {
  auto handle = aio::create_task(fetch(1));
  co_await aio::sleep(1ms);
  co_return co_await handle;
}

aio::task<> awaited_on_every_path(bool fast) {
  auto handle = aio::create_task(fetch(2));
  if (fast) {
    handle.cancel();
    co_return;
  }
  co_await handle;
}

aio::task<> result_inspected_after_sleep() {
  auto handle = aio::create_task(fetch(3));
  co_await aio::sleep(1ms);
  if (handle.exception())
    log_error("fetch failed");
}

struct Supervisor {
  std::vector<aio::join_handle<int>> children_;
  aio::join_handle<void> ticker_;
  void start() {
    children_.push_back(aio::create_task(fetch(4)));
    ticker_ = aio::create_task(background_job());
  }
  aio::task<> stop() { co_await aio::gather(std::move(children_)); }
};

aio::task<> callback_inspects() {
  auto handle = aio::create_task(fetch(5));
  handle.add_done_callback([](aio::join_handle<int> &done) {
    if (done.exception())
      log_error("background fetch failed");
  });
  co_return;
}

// One callback reads the outcome; the others only signal or log that the task is done.
aio::task<> one_callback_inspects_the_others_signal(aio::event &finished) {
  auto handle = aio::create_task(fetch(5));
  handle.add_done_callback([](aio::join_handle<int> &done) { std::printf("%d\n", done.result()); });
  handle.add_done_callback([&finished] { finished.set(); });
  co_await finished.wait();
}

// A callback that only signals, while the handle itself is awaited.
aio::task<int> signalling_callback_and_await(aio::event &finished) {
  auto handle = aio::create_task(fetch(5));
  handle.add_done_callback([&finished] { finished.set(); });
  co_return co_await handle;
}

aio::task<> explicitly_handed_on() {
  keep_forever(aio::create_task(background_job()));
  co_return;
}

// The explicit fire-and-forget that says what happens to errors.
aio::task<> detached_with_error_handler() {
  aio::detach(aio::create_task(fetch(10)), [](std::exception_ptr) { log_error("fetch failed"); });
  co_return;
}

aio::join_handle<int> returned_to_caller() { return aio::create_task(fetch(6)); }

aio::task<> gathered_handles() {
  auto a = aio::create_task(fetch(7));
  auto b = aio::create_task(fetch(8));
  auto [x, y] = co_await aio::gather(a, b);
  (void)x;
  (void)y;
}

aio::task<> owned_by_group() {
  co_await aio::with(aio::task_group{}, [&](aio::task_group &tg) -> aio::task<> {
    tg.create_task(fetch(9));
    co_return;
  });
}

aio::task<> handler_logs() {
  try {
    co_await fetch(-1);
  } catch (const std::exception &e) {
    log_error(e.what());
  }
}

aio::task<> handler_rethrows_after_recording() {
  std::exception_ptr failure;
  try {
    co_await fetch(-1);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    co_await aio::sleep(1ms);
    std::rethrow_exception(failure);
  }
}

aio::task<> handler_rethrows() {
  try {
    co_await fetch(-1);
  } catch (...) {
    throw;
  }
}

// Counting the failure records it (async-cancellation-swallowed's, if anyone's):
// only a handler where nothing at all happens drops it.
aio::task<int> handler_counts_the_failure() {
  int failures = 0;
  try {
    co_await fetch(-1);
  } catch (...) {
    ++failures;
  }
  co_return failures;
}

aio::task<bool> handler_turns_failure_into_value() {
  try {
    co_await fetch(-1);
  } catch (const std::runtime_error &) {
    co_return false;
  }
  co_return true;
}

// No suspension point in the try: not this check's business.
aio::task<> handler_without_suspension() {
  try {
    std::stoi("x");
  } catch (...) {
  }
  co_return;
}

// Plain functions are not coroutines.
void plain_swallow() {
  try {
    throw 1;
  } catch (...) {
  }
}

// Cancellation has its own check (async-cancellation-swallowed).
aio::task<> catches_cancellation_only() {
  try {
    co_await aio::sleep(1s);
  } catch (const aio::cancelled_error &) {
  }
}

aio::task<int> gather_errors_inspected() {
  auto results = co_await aio::gather(aio::return_exceptions, fetch(1), fetch(-1));
  int ok = 0;
  std::apply([&](auto &...result) { ((result.has_value() ? ++ok : (log_error("failed"), 0)), ...); },
             results);
  co_return ok;
}

aio::task<int> gather_values_rethrow() {
  std::vector<aio::task<int>> jobs;
  jobs.push_back(fetch(1));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(jobs));
  int total = 0;
  for (auto &result : results)
    total += result.value(); // a failed result rethrows here
  co_return total;
}

// Results handed on are the receiver's to look at (banteg/multicall.py's
// `run_in_subprocess(unpack_batch_results, batches)`), as are results returned.
int unpack_results(std::vector<aio::result<int>> results);

aio::task<int> gather_results_handed_on() {
  std::vector<aio::task<int>> jobs;
  jobs.push_back(fetch(1));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(jobs));
  co_return unpack_results(std::move(results));
}

aio::task<std::vector<aio::result<int>>> gather_results_returned() {
  std::vector<aio::task<int>> jobs;
  jobs.push_back(fetch(1));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(jobs));
  co_return results;
}

// Only its size is handed on: the failures are still never looked at.
aio::task<int> gather_results_counted() {
  std::vector<aio::task<int>> jobs;
  jobs.push_back(fetch(1));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(jobs));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: errors in the results of 'aio::gather(return_exceptions, ...)' are never looked at
  co_return static_cast<int>(std::size(results));
}
