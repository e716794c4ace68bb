// CPython Lib/test/test_asyncio/test_futures.py (BaseFutureTests, BaseFutureDoneCallbackTests)
// and the cases of test_tasks.py that await, shield, time out or gather a plain Future,
// translated onto aio::future<T> from loop.create_future<T>(). Python's
// test_utils.run_briefly(loop) is `co_await aio::sleep(0s)` (one loop iteration: the callbacks
// scheduled before it have run); GatherTests._run_loop ("until nothing is ready") is a
// sleep on the virtual clock, which only advances once nothing else is runnable.
// Python's remove_done_callback(fn) removes every registration of fn and returns the count;
// aio's takes the id add_done_callback returned, so "remove cb1 (added 6 times) → 6" is the
// sum over its 6 ids.
//
// Skipped (no C++ meaning): test_isfuture, test_init_constructor_default_loop,
// test_constructor_positional, test_constructor_without_loop, test_constructor_use_running_loop,
// test_constructor_use_global_loop, test_exception_class (a class as exception), test_future_repr
// and the repr tests, test_copy_state (private helper), test_iter, test_future_stop_iteration_args,
// test_future_iter_throw, test_tb_logger_* and test_future_exception_never_retrieved* (GC-time
// logging; aio does not report unretrieved future exceptions), test_wrap_future* (concurrent
// futures), test_future_source_traceback, test_set_result_unless_cancelled (private helper),
// test_future_cancel_message_setter (a private attribute), test_future_del_collect,
// test_future_cancelled_*_refcycles, test_remove_done_callbacks_list_mutation,
// test_remove_done_callbacks_list_clear and test_schedule_callbacks_list_mutation_2 (an __eq__
// that mutates the list: callbacks are removed by id here, nothing user-defined is compared).
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// test_utils.run_briefly
aio::sleep_awaitable run_briefly() { return aio::sleep(0s); }

// BaseFutureDoneCallbackTests._make_callback: appends `thing` to `bag`.
auto make_callback(std::vector<int>& bag, int thing) {
  return [&bag, thing](aio::future<std::string>&) { bag.push_back(thing); };
}

template <class E>
bool holds(const std::exception_ptr& e) {
  try {
    if (e) std::rethrow_exception(e);
  } catch (const E&) {
    return true;
  } catch (...) {
  }
  return false;
}

}  // namespace

// test_initial_state
AIO_TEST(FuturesConformance, InitialState) {
  auto f = aio::get_running_loop().create_future<int>();
  EXPECT_FALSE(f.cancelled());
  EXPECT_FALSE(f.done());
  f.cancel();
  EXPECT_TRUE(f.cancelled());
  co_return;
}

// test_cancel
AIO_TEST(FuturesConformance, Cancel) {
  auto f = aio::get_running_loop().create_future<int>();
  EXPECT_TRUE(f.cancel());
  EXPECT_TRUE(f.cancelled());
  EXPECT_TRUE(f.done());
  EXPECT_THROW(f.result(), aio::cancelled_error);
  EXPECT_THROW(f.exception(), aio::cancelled_error);
  EXPECT_THROW(f.set_result(0), aio::invalid_state_error);
  EXPECT_THROW(f.set_exception(std::make_exception_ptr(std::runtime_error("x"))), aio::invalid_state_error);
  EXPECT_FALSE(f.cancel());
  co_return;
}

// test_result
AIO_TEST(FuturesConformance, Result) {
  auto f = aio::get_running_loop().create_future<int>();
  EXPECT_THROW(f.result(), aio::invalid_state_error);
  f.set_result(42);
  EXPECT_FALSE(f.cancelled());
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.result(), 42);
  EXPECT_EQ(f.exception(), nullptr);
  EXPECT_THROW(f.set_result(0), aio::invalid_state_error);
  EXPECT_THROW(f.set_exception(std::make_exception_ptr(std::runtime_error("x"))), aio::invalid_state_error);
  EXPECT_FALSE(f.cancel());
  co_return;
}

// test_exception
AIO_TEST(FuturesConformance, Exception) {
  auto exc = std::make_exception_ptr(std::runtime_error("RuntimeError"));
  auto f = aio::get_running_loop().create_future<int>();
  EXPECT_THROW(f.exception(), aio::invalid_state_error);
  // StopIteration cannot be raised into a Future: a null exception_ptr is the C++ misuse.
  EXPECT_THROW(f.set_exception(nullptr), std::invalid_argument);
  f.set_exception(exc);
  EXPECT_FALSE(f.cancelled());
  EXPECT_TRUE(f.done());
  EXPECT_THROW(f.result(), std::runtime_error);
  EXPECT_EQ(f.exception(), exc);
  EXPECT_THROW(f.set_result(0), aio::invalid_state_error);
  EXPECT_THROW(f.set_exception(exc), aio::invalid_state_error);
  EXPECT_FALSE(f.cancel());
  co_return;
}

// test_yield_from_twice
AIO_TEST(FuturesConformance, YieldFromTwice) {
  auto f = aio::get_running_loop().create_future<int>();
  std::vector<std::string> seen;
  auto fixture = [&]() -> aio::task<> {
    seen.push_back("A");
    const int x = co_await f;
    seen.push_back("B" + std::to_string(x));
    const int y = co_await f;  // The second await does not suspend.
    seen.push_back("C" + std::to_string(y));
  };
  auto g = aio::create_task(fixture());
  co_await run_briefly();
  EXPECT_EQ(seen, std::vector<std::string>{"A"});
  f.set_result(42);
  co_await g;
  EXPECT_EQ(seen, (std::vector<std::string>{"A", "B42", "C42"}));
}

// test_future_cancel_message_getter
AIO_TEST(FuturesConformance, FutureCancelMessageGetter) {
  auto f = aio::get_running_loop().create_future<int>();
  f.cancel("my message");
  std::string message;
  try {
    co_await f;
  } catch (const aio::cancelled_error& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "my message");
}

// test_uninitialized (a future whose __init__ was skipped: here a default-constructed one)
AIO_TEST(FuturesConformance, Uninitialized) {
  aio::future<int> fut;
  EXPECT_THROW(fut.result(), aio::invalid_state_error);
  EXPECT_THROW(fut.exception(), aio::invalid_state_error);
  EXPECT_THROW(fut.set_result(0), aio::invalid_state_error);
  EXPECT_THROW(fut.set_exception(std::make_exception_ptr(std::runtime_error("x"))), aio::invalid_state_error);
  EXPECT_THROW(fut.cancel(), aio::invalid_state_error);
  EXPECT_THROW(fut.add_done_callback([] {}), aio::invalid_state_error);
  EXPECT_THROW(fut.remove_done_callback(1), aio::invalid_state_error);
  EXPECT_FALSE(fut.cancelled());
  EXPECT_FALSE(fut.done());
  co_return;
}

// test_callbacks_remove_first_callback
AIO_TEST(FuturesConformance, CallbacksRemoveFirstCallback) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  auto cb1 = f.add_done_callback(make_callback(bag, 42));
  f.add_done_callback(make_callback(bag, 17));
  f.add_done_callback(make_callback(bag, 100));
  f.remove_done_callback(cb1);
  f.remove_done_callback(cb1);
  EXPECT_TRUE(bag.empty());
  f.set_result("foo");
  co_await run_briefly();
  EXPECT_EQ(bag, (std::vector<int>{17, 100}));
  EXPECT_EQ(f.result(), "foo");
}

// test_callbacks_remove_first_and_second_callback
AIO_TEST(FuturesConformance, CallbacksRemoveFirstAndSecondCallback) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  auto cb1 = f.add_done_callback(make_callback(bag, 42));
  auto cb2 = f.add_done_callback(make_callback(bag, 17));
  f.add_done_callback(make_callback(bag, 100));
  f.remove_done_callback(cb1);
  f.remove_done_callback(cb2);
  f.remove_done_callback(cb1);
  EXPECT_TRUE(bag.empty());
  f.set_result("foo");
  co_await run_briefly();
  EXPECT_EQ(bag, std::vector<int>{100});
  EXPECT_EQ(f.result(), "foo");
}

// test_callbacks_remove_third_callback
AIO_TEST(FuturesConformance, CallbacksRemoveThirdCallback) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  f.add_done_callback(make_callback(bag, 42));
  f.add_done_callback(make_callback(bag, 17));
  auto cb3 = f.add_done_callback(make_callback(bag, 100));
  f.remove_done_callback(cb3);
  f.remove_done_callback(cb3);
  EXPECT_TRUE(bag.empty());
  f.set_result("foo");
  co_await run_briefly();
  EXPECT_EQ(bag, (std::vector<int>{42, 17}));
  EXPECT_EQ(f.result(), "foo");
}

// test_callbacks_invoked_on_set_result
AIO_TEST(FuturesConformance, CallbacksInvokedOnSetResult) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  f.add_done_callback(make_callback(bag, 42));
  f.add_done_callback(make_callback(bag, 17));
  EXPECT_TRUE(bag.empty());
  f.set_result("foo");
  co_await run_briefly();
  EXPECT_EQ(bag, (std::vector<int>{42, 17}));
  EXPECT_EQ(f.result(), "foo");
}

// test_callbacks_invoked_on_set_exception
AIO_TEST(FuturesConformance, CallbacksInvokedOnSetException) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  f.add_done_callback(make_callback(bag, 100));
  EXPECT_TRUE(bag.empty());
  auto exc = std::make_exception_ptr(std::runtime_error("RuntimeError"));
  f.set_exception(exc);
  co_await run_briefly();
  EXPECT_EQ(bag, std::vector<int>{100});
  EXPECT_EQ(f.exception(), exc);
}

// test_remove_done_callback
AIO_TEST(FuturesConformance, RemoveDoneCallback) {
  std::vector<int> bag;
  auto f = aio::get_running_loop().create_future<std::string>();
  // Add one cb1 and one cb2.
  std::vector<aio::callback_id> cb1{f.add_done_callback(make_callback(bag, 1))};
  auto cb2 = f.add_done_callback(make_callback(bag, 2));
  // One instance of cb2 removed. Now there's only one cb1.
  EXPECT_EQ(f.remove_done_callback(cb2), 1u);
  // Never had any cb3 in there.
  EXPECT_EQ(f.remove_done_callback(cb2 + 1000), 0u);
  // After this there will be 6 instances of cb1 and one of cb2.
  f.add_done_callback(make_callback(bag, 2));
  for (int i = 0; i < 5; ++i) cb1.push_back(f.add_done_callback(make_callback(bag, 1)));
  // Remove all instances of cb1. One cb2 remains.
  std::size_t removed = 0;
  for (auto id : cb1) removed += f.remove_done_callback(id);
  EXPECT_EQ(removed, 6u);
  EXPECT_TRUE(bag.empty());
  f.set_result("foo");
  co_await run_briefly();
  EXPECT_EQ(bag, std::vector<int>{2});
  EXPECT_EQ(f.result(), "foo");
}

// test_schedule_callbacks_list_mutation_1
AIO_TEST(FuturesConformance, ScheduleCallbacksListMutation1) {
  auto fut = aio::get_running_loop().create_future<int>();
  int calls = 0;
  aio::callback_id str_ids[2] = {};
  fut.add_done_callback([&](aio::future<int>& f) {
    // Removing callbacks that are already scheduled finds nothing (and does not crash).
    EXPECT_EQ(f.remove_done_callback(str_ids[0]), 0u);
    EXPECT_EQ(f.remove_done_callback(str_ids[1]), 0u);
    ++calls;
  });
  str_ids[0] = fut.add_done_callback([&] { ++calls; });
  str_ids[1] = fut.add_done_callback([&] { ++calls; });
  fut.set_result(1);
  co_await run_briefly();
  EXPECT_EQ(calls, 3);
}

// test_tasks.py: test_task_cancel_waiter_future
AIO_TEST(FuturesConformance, TaskCancelWaiterFuture) {
  auto fut = aio::get_running_loop().create_future<>();
  auto coro = [&]() -> aio::task<> { co_await fut; };
  auto task = aio::create_task(coro());
  co_await run_briefly();
  task.cancel();
  co_await run_briefly();
  EXPECT_THROW(co_await task, aio::cancelled_error);
  EXPECT_TRUE(fut.cancelled());
}

// test_tasks.py: test_shield_result
AIO_TEST(FuturesConformance, ShieldResult) {
  auto inner = aio::get_running_loop().create_future<int>();
  auto outer = aio::create_task(aio::shield(inner));
  inner.set_result(42);
  const int res = co_await outer;
  EXPECT_EQ(res, 42);
}

// test_tasks.py: test_shield_exception
AIO_TEST(FuturesConformance, ShieldException) {
  auto inner = aio::get_running_loop().create_future<int>();
  auto outer = aio::create_task(aio::shield(inner));
  co_await run_briefly();
  auto exc = std::make_exception_ptr(std::runtime_error("RuntimeError"));
  inner.set_exception(exc);
  co_await aio::wait(std::vector{aio::join_handle<int>(outer)});
  EXPECT_EQ(outer.exception(), exc);
}

// test_tasks.py: test_shield_cancel_inner
AIO_TEST(FuturesConformance, ShieldCancelInner) {
  auto inner = aio::get_running_loop().create_future<int>();
  auto outer = aio::create_task(aio::shield(inner));
  co_await run_briefly();
  inner.cancel();
  co_await aio::wait(std::vector{aio::join_handle<int>(outer)});
  EXPECT_TRUE(outer.cancelled());
}

// test_tasks.py: test_shield_cancel_outer
AIO_TEST(FuturesConformance, ShieldCancelOuter) {
  auto inner = aio::get_running_loop().create_future<int>();
  auto outer = aio::create_task(aio::shield(inner));
  co_await run_briefly();
  outer.cancel();
  co_await run_briefly();
  EXPECT_TRUE(outer.cancelled());
  EXPECT_FALSE(inner.cancelled());  // outer._callbacks is empty: nothing links them any more
  inner.set_result(1);
}

// test_waitfor.py: test_wait_for_timeout_less_then_0_or_0_future_done
AIO_TEST(FuturesConformance, WaitForTimeoutLessThen0Or0FutureDone) {
  auto fut = aio::get_running_loop().create_future<std::string>();
  fut.set_result("done");
  const std::string ret = co_await aio::wait_for(fut, 0s);
  EXPECT_EQ(ret, "done");
  EXPECT_TRUE(fut.done());
}

// test_waitfor.py: test_wait_for_race_condition
AIO_TEST(FuturesConformance, WaitForRaceCondition) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  auto fut = loop.create_future<std::string>();
  auto task = aio::wait_for(fut, 200ms);
  loop.call_later(100ms, [fut]() mutable { fut.set_result("ok"); });
  const std::string res = co_await std::move(task);
  EXPECT_EQ(res, "ok");
}

// test_tasks.py FutureGatherTests: test_success (_check_success)
AIO_TEST(FuturesConformance, GatherSuccess) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  auto a = loop.create_future<int>(), b = loop.create_future<int>(), c = loop.create_future<int>();
  auto fut = aio::create_task(aio::gather(a, b, c));
  int cb_calls = 0;
  fut.add_done_callback([&] { ++cb_calls; });
  b.set_result(1);
  a.set_result(2);
  co_await aio::sleep(1ms);  // _run_loop
  EXPECT_EQ(cb_calls, 0);
  EXPECT_FALSE(fut.done());
  c.set_result(3);
  co_await aio::sleep(1ms);
  EXPECT_EQ(cb_calls, 1);
  EXPECT_EQ(fut.result(), std::make_tuple(2, 1, 3));
}

// test_tasks.py FutureGatherTests: test_result_exception_success
AIO_TEST(FuturesConformance, GatherResultExceptionSuccess) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  auto a = loop.create_future<int>(), b = loop.create_future<int>(), c = loop.create_future<int>();
  auto fut = aio::create_task(aio::gather(aio::return_exceptions, a, b, c));
  int cb_calls = 0;
  fut.add_done_callback([&] { ++cb_calls; });
  b.set_result(1);
  a.set_result(2);
  co_await aio::sleep(1ms);
  EXPECT_EQ(cb_calls, 0);
  EXPECT_FALSE(fut.done());
  c.set_result(3);
  co_await aio::sleep(1ms);
  EXPECT_EQ(cb_calls, 1);
  auto& [ra, rb, rc] = fut.result();
  EXPECT_EQ(ra.value(), 2);
  EXPECT_EQ(rb.value(), 1);
  EXPECT_EQ(rc.value(), 3);
}

// test_tasks.py FutureGatherTests: test_one_exception. aio's gather cancels its other children on
// the first failure (runtime-api.md); here they had not started awaiting c, d and e yet, so the
// futures stay pending and, as in Python, setting them afterwards does nothing to the gather.
AIO_TEST(FuturesConformance, GatherOneException) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  std::vector<aio::future<int>> f;
  for (int i = 0; i < 5; ++i) f.push_back(loop.create_future<int>());
  auto fut = aio::create_task(aio::gather(f[0], f[1], f[2], f[3], f[4]));
  int cb_calls = 0;
  fut.add_done_callback([&] { ++cb_calls; });
  auto exc = std::make_exception_ptr(std::domain_error("ZeroDivisionError"));
  f[0].set_result(1);
  f[1].set_exception(exc);
  co_await aio::sleep(1ms);
  EXPECT_TRUE(fut.done());
  EXPECT_EQ(cb_calls, 1);
  EXPECT_EQ(fut.exception(), exc);
  // Does nothing
  f[2].set_result(3);
  f[3].cancel();
  f[4].set_exception(std::make_exception_ptr(std::runtime_error("RuntimeError")));
  EXPECT_TRUE(holds<std::runtime_error>(f[4].exception()));
  co_await aio::sleep(1ms);
  EXPECT_EQ(cb_calls, 1);
}

// test_tasks.py FutureGatherTests: test_return_exceptions
AIO_TEST(FuturesConformance, GatherReturnExceptions) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  auto a = loop.create_future<int>(), b = loop.create_future<int>(), c = loop.create_future<int>(),
       d = loop.create_future<int>();
  auto fut = aio::create_task(aio::gather(aio::return_exceptions, a, b, c, d));
  int cb_calls = 0;
  fut.add_done_callback([&] { ++cb_calls; });
  auto exc = std::make_exception_ptr(std::domain_error("ZeroDivisionError"));
  auto exc2 = std::make_exception_ptr(std::runtime_error("RuntimeError"));
  b.set_result(1);
  c.set_exception(exc);
  a.set_result(3);
  co_await aio::sleep(1ms);
  EXPECT_FALSE(fut.done());
  d.set_exception(exc2);
  co_await aio::sleep(1ms);
  EXPECT_TRUE(fut.done());
  EXPECT_EQ(cb_calls, 1);
  auto& [ra, rb, rc, rd] = fut.result();
  EXPECT_EQ(ra.value(), 3);
  EXPECT_EQ(rb.value(), 1);
  EXPECT_EQ(rc.error(), exc);
  EXPECT_EQ(rd.error(), exc2);
  EXPECT_TRUE(holds<std::domain_error>(rc.error()));
}

// test_tasks.py: test_sleep (asyncio.sleep(delay, result))
AIO_TEST(FuturesConformance, Sleep) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  auto sleeper = [](aio::clock::duration dt, std::string arg) -> aio::task<std::string> {
    co_await aio::sleep(dt / 2);
    std::string res = co_await aio::sleep(dt / 2, arg);
    co_return res;
  };
  auto t = aio::create_task(sleeper(100ms, "yeah"));
  co_await aio::wait(std::vector{t});
  EXPECT_TRUE(t.done());
  EXPECT_EQ(t.result(), "yeah");
  EXPECT_EQ(loop.time() - t0, 100ms);
}
