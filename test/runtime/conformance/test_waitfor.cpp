// CPython Lib/test/test_asyncio/test_waitfor.py translated case by case, on the virtual
// clock (Python's loop.time() checks become exact elapsed-time checks).
//
// Skipped: test_wait_for_with_global_loop and the loop= variants (no global loop in aio).
// A Python Future is a join_handle of a task waiting on an aio::event here (aio::future<T> is
// added by another branch). Cases named aio_* are written after this file's cases but are not
// one Python test each.
#include "conformance.hpp"

using namespace conformance;

namespace {

// A task that finishes with `v` once `e` is set (Python: a bare Future).
aio::task<std::string> future_of(aio::event& e, std::string v) {
  co_await e.wait();
  co_return v;
}

}  // namespace

AIO_TEST(AsyncioWaitForTest, test_wait_for_timeout_less_then_0_or_0_future_done) {
  aio::testing::virtual_time clock;
  aio::event e;
  e.set();
  auto fut = aio::create_task(future_of(e, "done"));
  co_await yield();
  const auto start = clock.now();
  auto ret = co_await aio::wait_for(fut, 0s);
  EXPECT_EQ(ret, "done");
  EXPECT_TRUE(fut.done());
  EXPECT_EQ(ms_since(start), 0);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started) {
  aio::testing::virtual_time clock;
  bool foo_started = false;
  auto foo = [&]() -> aio::task<> {
    foo_started = true;
    co_return;
  };
  const auto start = clock.now();
  EXPECT_THROW(co_await aio::wait_for(foo(), 0s), aio::timeout_error);
  EXPECT_EQ(ms_since(start), 0);
  EXPECT_FALSE(foo_started);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_timeout_less_then_0_or_0) {
  aio::testing::virtual_time clock;
  for (auto timeout : {0s, -1s}) {
    aio::event e;
    auto fut = aio::create_task(future_of(e, "never"));
    const auto start = clock.now();
    EXPECT_THROW(co_await aio::wait_for(fut, timeout), aio::timeout_error);
    EXPECT_TRUE(fut.cancelled());
    EXPECT_EQ(ms_since(start), 0);
  }
}

AIO_TEST(AsyncioWaitForTest, test_wait_for) {
  aio::testing::virtual_time clock;
  bool foo_running = false;
  auto foo = [&]() -> aio::task<std::string> {
    foo_running = true;
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      foo_running = false;
      throw;
    }
    co_return "done";
  };
  const auto start = clock.now();
  auto fut = aio::create_task(foo());
  EXPECT_THROW(co_await aio::wait_for(fut, 100ms), aio::timeout_error);
  EXPECT_TRUE(fut.done());
  EXPECT_EQ(ms_since(start), 100);
  EXPECT_FALSE(foo_running);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_blocking) {
  auto coro = []() -> aio::task<std::string> { co_return "done"; };
  auto res = co_await aio::wait_for(coro(), std::nullopt);
  EXPECT_EQ(res, "done");
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_race_condition) {
  aio::testing::virtual_time clock;
  aio::event e;
  auto fut = aio::create_task(future_of(e, "ok"));
  const auto start = clock.now();
  aio::get_running_loop().call_later(100ms, [&] { e.set(); });
  auto res = co_await aio::wait_for(fut, 1s);
  EXPECT_EQ(res, "ok");
  EXPECT_EQ(ms_since(start), 100);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_waits_for_task_cancellation) {
  aio::testing::virtual_time clock;
  bool task_done = false;
  auto foo = [&]() -> aio::task<> {
    std::exception_ptr cancelled;
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      cancelled = std::current_exception();
    }
    if (cancelled) {
      co_await aio::sleep(100ms);  // the cleanup wait_for must wait for
      task_done = true;
      std::rethrow_exception(cancelled);
    }
  };
  const auto start = clock.now();
  auto inner = aio::create_task(foo());
  EXPECT_THROW(co_await aio::wait_for(inner, 100ms), aio::timeout_error);
  EXPECT_EQ(ms_since(start), 200);
  EXPECT_TRUE(task_done);
  EXPECT_TRUE(inner.cancelled());
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_waits_for_task_cancellation_w_timeout_0) {
  aio::testing::virtual_time clock;
  bool task_done = false;
  auto foo = [&]() -> aio::task<> {
    std::exception_ptr cancelled;
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      cancelled = std::current_exception();
    }
    if (cancelled) {
      co_await aio::sleep(10ms);
      task_done = true;
      std::rethrow_exception(cancelled);
    }
  };
  auto inner = aio::create_task(foo());
  co_await yield();  // started
  const auto start = clock.now();
  EXPECT_THROW(co_await aio::wait_for(inner, 0s), aio::timeout_error);
  EXPECT_TRUE(task_done);
  EXPECT_EQ(ms_since(start), 10);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_reraises_exception_during_cancellation) {
  aio::testing::virtual_time clock;
  struct foo_exception : std::exception {};
  auto foo = [&]() -> aio::task<> {
    bool cancelled = false;
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      cancelled = true;
    }
    if (cancelled) throw foo_exception{};
  };
  EXPECT_THROW(co_await aio::wait_for(foo(), 10ms), foo_exception);
}

AIO_TEST(AsyncioWaitForTest, test_wait_for_cancel_suppressed) {
  // GH-86296: a task that suppresses the cancellation and returns a value gives that value.
  aio::testing::virtual_time clock;
  auto return_42 = []() -> aio::task<int> {
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      co_return 42;
    }
    co_return 0;
  };
  auto res = co_await aio::wait_for(return_42(), 100ms);
  EXPECT_EQ(res, 42);
}

AIO_TEST(AsyncioWaitForTest, test_cancel_blocking_wait_for) {
  aio::testing::virtual_time clock;
  auto t = aio::create_task(aio::wait_for(aio::sleep(3600s), std::nullopt));
  co_await yield();
  t.cancel();
  EXPECT_THROW(co_await t, aio::cancelled_error);
  EXPECT_TRUE(t.cancelled());
}

AIO_TEST(AsyncioWaitForTest, test_cancel_wait_for) {
  aio::testing::virtual_time clock;
  auto t = aio::create_task(aio::wait_for(aio::sleep(3600s), 3600s));
  co_await yield();
  t.cancel();
  EXPECT_THROW(co_await t, aio::cancelled_error);
  EXPECT_TRUE(t.cancelled());
}

AIO_TEST(AsyncioWaitForTest, aio_deadline_cuts_a_long_await) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  EXPECT_THROW(co_await aio::wait_for(aio::sleep(10s), 1s), aio::timeout_error);
  EXPECT_EQ(ms_since(start), 1000);
}

AIO_TEST(AsyncioWaitForTest, aio_outer_cancel_stays_cancelled) {
  // The outer task is cancelled while wait_for waits: cancelled_error, not timeout_error.
  aio::testing::virtual_time clock;
  auto outer = spawn([]() -> aio::task<> { co_await aio::wait_for(aio::sleep(10s), 5s); });
  co_await aio::sleep(1s);
  outer.cancel();
  EXPECT_THROW(co_await outer, aio::cancelled_error);
}
