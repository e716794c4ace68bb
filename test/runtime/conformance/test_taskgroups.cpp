// CPython Lib/test/test_asyncio/test_taskgroups.py translated case by case.
//
// Skipped: the repr cases, KeyboardInterrupt/SystemExit (BaseException) cases, and those
// about `except*` syntax beyond exception_group::exceptions().
// Cases named aio_* are written after this file's cases but are not one Python test each.
#include "conformance.hpp"

using namespace conformance;

namespace {

struct zero_division : std::exception {};

aio::task<int> after(std::chrono::milliseconds d, int v) {
  co_await aio::sleep(d);
  co_return v;
}

}  // namespace

AIO_TEST(TestTaskGroup, test_taskgroup_01) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> t1, t2;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
    t1 = g.create_task(after(100ms, 42));
    t2 = g.create_task(after(200ms, 11));
    co_return;
  });
  EXPECT_EQ(t1.result(), 42);
  EXPECT_EQ(t2.result(), 11);
}

AIO_TEST(TestTaskGroup, test_taskgroup_02) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> t1, t2;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
    t1 = g.create_task(after(100ms, 42));
    co_await yield();
    t2 = g.create_task(after(200ms, 11));
  });
  EXPECT_EQ(t1.result(), 42);
  EXPECT_EQ(t2.result(), 11);
}

AIO_TEST(TestTaskGroup, test_taskgroup_03) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> t1, t2;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
    t1 = g.create_task(after(100ms, 42));
    co_await yield();
    t2 = g.create_task(after(200ms, 11));
    // Awaiting a child inside the group works.
    EXPECT_EQ(co_await t1, 42);
  });
  EXPECT_EQ(t1.result(), 42);
  EXPECT_EQ(t2.result(), 11);
}

AIO_TEST(TestTaskGroup, test_taskgroup_04) {
  aio::testing::virtual_time clock;
  bool now_cancel = false;
  auto foo1 = [&]() -> aio::task<int> {
    co_await aio::sleep(100ms);
    co_return 42;
  };
  auto foo2 = [&]() -> aio::task<> {
    co_await aio::sleep(200ms);
    throw zero_division{};
  };
  aio::join_handle<int> t1;
  aio::join_handle<> t2;
  try {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
      t1 = g.create_task(foo1());
      co_await yield();
      t2 = g.create_task(foo2());
    });
    ADD_FAILURE() << "expected an exception_group";
  } catch (const aio::exception_group& eg) {
    AIO_ASSERT_EQ(eg.exceptions().size(), 1u);
    EXPECT_TRUE(eg.contains<zero_division>());
  }
  (void)now_cancel;
  EXPECT_EQ(t1.result(), 42);
  EXPECT_TRUE(t2.done() && !t2.cancelled());
}

AIO_TEST(TestTaskGroup, aio_body_error_cancels_children) {
  // An exception in the body cancels the children and is raised in the group.
  aio::testing::virtual_time clock;
  int num_cancelled = 0;
  auto foo = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      ++num_cancelled;
      throw;
    }
  };
  try {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
      for (int i = 0; i < 5; ++i) g.create_task(foo());
      co_await aio::sleep(100ms);
      throw zero_division{};
    });
    ADD_FAILURE() << "expected an exception_group";
  } catch (const aio::exception_group& eg) {
    EXPECT_EQ(eg.exceptions().size(), 1u);
    EXPECT_TRUE(eg.contains<zero_division>());
  }
  EXPECT_EQ(num_cancelled, 5);
}

AIO_TEST(TestTaskGroup, test_taskgroup_06) {
  // Cancelling the task that runs the group cancels the children and propagates as cancelled.
  aio::testing::virtual_time clock;
  int num_cancelled = 0;
  auto foo = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(10s);
    } catch (const aio::cancelled_error&) {
      ++num_cancelled;
      throw;
    }
  };
  auto runner = spawn([&]() -> aio::task<> {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
      g.create_task(foo());
      g.create_task(foo());
      co_await aio::sleep(10s);
    });
  });
  co_await aio::sleep(100ms);
  EXPECT_FALSE(runner.done());
  runner.cancel();
  EXPECT_THROW(co_await runner, aio::cancelled_error);
  EXPECT_EQ(num_cancelled, 2);
}

AIO_TEST(TestTaskGroup, aio_group_waits_for_its_children) {
  // The group waits for every child before it exits.
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  co_await aio::with(aio::task_group{}, [&](aio::task_group& g) -> aio::task<> {
    g.create_task(after(300ms, 1));
    co_return;
  });
  EXPECT_EQ(ms_since(start), 300);
}
