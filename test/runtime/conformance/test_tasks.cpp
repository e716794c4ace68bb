// CPython Lib/test/test_asyncio/test_tasks.py, the parts about aio's primitives (task
// cancellation, cancel messages, wait) translated case by case on the virtual clock.
//
// Skipped: repr/name formatting, loop= arguments, generator-based coroutines, the C/Python
// Task class duplication (one implementation here), KeyboardInterrupt/SystemExit cases.
#include "conformance.hpp"

using namespace conformance;

AIO_TEST(BaseTaskTests, test_cancel_at_end) {
  // A task that cancels itself and returns without awaiting again ends cancelled.
  auto t = spawn([]() -> aio::task<int> {
    aio::current_task().cancel();
    co_return 12;
  });
  EXPECT_THROW(co_await t, aio::cancelled_error);
  EXPECT_TRUE(t.cancelled());
  EXPECT_FALSE(t.cancel());  // already done
}

AIO_TEST(BaseTaskTests, test_cancel_awaited_task) {
  // bpo-34872: the cancellation of a task that is not blocked goes into what it awaits next.
  aio::event fut;
  bool fut_cancelled = false;
  aio::join_handle<> nested_task;
  auto nested = [&]() -> aio::task<> {
    try {
      co_await fut.wait();
    } catch (const aio::cancelled_error&) {
      fut_cancelled = true;
      throw;
    }
  };
  auto task = spawn([&]() -> aio::task<> {
    nested_task = aio::create_task(nested());
    co_await yield();
    aio::current_task().cancel();
    co_await nested_task;
  });
  EXPECT_THROW(co_await task, aio::cancelled_error);
  EXPECT_TRUE(task.cancelled());
  EXPECT_TRUE(nested_task.cancelled());
  EXPECT_TRUE(fut_cancelled);
}

AIO_TEST(BaseTaskTests, test_cancel_yield) {
  // Cancelled before its first step: it never runs.
  bool ran = false;
  auto t = spawn([&]() -> aio::task<> {
    ran = true;
    co_return;
  });
  EXPECT_TRUE(t.cancel());
  EXPECT_THROW(co_await t, aio::cancelled_error);
  EXPECT_TRUE(t.done());
  EXPECT_TRUE(t.cancelled());
  EXPECT_FALSE(ran);
  EXPECT_FALSE(t.cancel());
}

AIO_TEST(BaseTaskTests, test_cancel_with_message_then_future_result) {
  aio::testing::virtual_time clock;
  auto task = spawn([]() -> aio::task<> { co_await aio::sleep(10s); });
  co_await yield();
  task.cancel("my message");
  try {
    co_await task;
    ADD_FAILURE() << "expected cancelled_error";
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "my message");
  }
  try {
    task.result();
    ADD_FAILURE() << "expected cancelled_error";
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "my message");
  }
}

AIO_TEST(BaseTaskTests, test_cancel_with_message_before_starting_task) {
  auto task = spawn([]() -> aio::task<> { co_await aio::sleep(10s); });
  task.cancel("my message");
  try {
    co_await task;
    ADD_FAILURE() << "expected cancelled_error";
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "my message");
  }
}

AIO_TEST(BaseTaskTests, test_cancel_task_catching) {
  aio::testing::virtual_time clock;
  auto t = spawn([]() -> aio::task<int> {
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      co_return 42;
    }
    co_return 0;
  });
  co_await yield();
  t.cancel();
  EXPECT_EQ(co_await t, 42);
  EXPECT_FALSE(t.cancelled());
}

AIO_TEST(BaseTaskTests, test_task_cancel_sleeping_task) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  auto sleeper = spawn([]() -> aio::task<> { co_await aio::sleep(5000s); });
  co_await aio::sleep(10ms);
  EXPECT_TRUE(sleeper.cancel());
  EXPECT_THROW(co_await sleeper, aio::cancelled_error);
  EXPECT_EQ(ms_since(start), 10);
}

AIO_TEST(BaseTaskTests, test_uncancel_basic) {
  aio::testing::virtual_time clock;
  auto task = spawn([]() -> aio::task<> {
    bool cancelled = false;
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      cancelled = true;
    }
    if (cancelled) {
      aio::current_task().uncancel();
      co_await aio::sleep(10s);
    }
  });
  co_await yield();
  task.cancel();
  co_await yield();
  EXPECT_EQ(task.cancelling(), 0);
  task.cancel();
  EXPECT_EQ(task.cancelling(), 1);
  EXPECT_THROW(co_await task, aio::cancelled_error);
}

AIO_TEST(BaseTaskTests, test_wait_first_completed) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  auto a = spawn([]() -> aio::task<> { co_await aio::sleep(10s); });
  auto b = spawn([]() -> aio::task<> { co_await aio::sleep(100ms); });
  auto [done, pending] = co_await aio::wait(std::vector{b, a}, aio::return_when::first_completed);
  AIO_ASSERT_EQ(done.size(), 1u);
  AIO_ASSERT_EQ(pending.size(), 1u);
  EXPECT_TRUE(done[0] == b);
  EXPECT_TRUE(pending[0] == a);
  EXPECT_FALSE(a.done());
  EXPECT_TRUE(b.done());
  EXPECT_EQ(ms_since(start), 100);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
}

AIO_TEST(BaseTaskTests, test_wait_really_done) {
  // Tasks that finished while wait() was being woken are reported done.
  auto a = spawn([]() -> aio::task<> { co_await yield(); });
  auto b = spawn([]() -> aio::task<> {
    co_await yield();
    co_await yield();
  });
  auto task = aio::create_task(aio::wait(std::vector{b, a}, aio::return_when::first_completed));
  auto [done, pending] = co_await task;
  EXPECT_EQ(done.size(), 2u);
  EXPECT_TRUE(pending.empty());
  EXPECT_TRUE(a.done());
  EXPECT_TRUE(b.done());
}

AIO_TEST(BaseTaskTests, test_wait_first_exception) {
  aio::testing::virtual_time clock;
  auto a = spawn([]() -> aio::task<> { co_await aio::sleep(10s); });
  auto b = spawn([]() -> aio::task<> {
    co_await aio::sleep(100ms);
    throw std::runtime_error("b");
  });
  auto [done, pending] = co_await aio::wait(std::vector{b, a}, aio::return_when::first_exception);
  AIO_ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(done[0] == b);
  EXPECT_TRUE(pending[0] == a);
  EXPECT_THROW(co_await b, std::runtime_error);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
}

AIO_TEST(BaseTaskTests, test_wait_with_timeout) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  auto a = spawn([]() -> aio::task<> { co_await aio::sleep(10s); });
  auto b = spawn([]() -> aio::task<> { co_await aio::sleep(100ms); });
  auto [done, pending] = co_await aio::wait(std::vector{b, a}, aio::return_when::all_completed, 110ms);
  EXPECT_EQ(done.size(), 1u);
  EXPECT_EQ(pending.size(), 1u);
  EXPECT_EQ(ms_since(start), 110);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
}

AIO_TEST(BaseTaskTests, test_wait_concurrent_complete) {
  aio::testing::virtual_time clock;
  auto a = spawn([]() -> aio::task<> { co_await aio::sleep(100ms); });
  auto b = spawn([]() -> aio::task<> { co_await aio::sleep(150ms); });
  // Python's wait() runs as a task created after a and b, so their timers are armed before the
  // wait's timeout (equal deadlines fire in arming order); one yield lets a and b start first.
  co_await yield();
  auto [done, pending] = co_await aio::wait(std::vector{b, a}, aio::return_when::all_completed, 100ms);
  EXPECT_EQ(done.size(), 1u);
  EXPECT_TRUE(done[0] == a);
  EXPECT_EQ(pending.size(), 1u);
  co_await b;
}

AIO_TEST(BaseTaskTests, test_current_task) {
  EXPECT_TRUE(static_cast<bool>(aio::current_task()));
  aio::task_handle outer = aio::current_task();
  auto inner = spawn([&]() -> aio::task<bool> { co_return aio::current_task() == outer; });
  EXPECT_FALSE(co_await inner);
}
