// Cancellation is cancelled_error thrown at the suspension point.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

aio::task<> sleep_long(bool& reached_end) {
  co_await aio::sleep(1h);
  reached_end = true;
}

}  // namespace

AIO_TEST(Cancel, SleepingTaskGetsCancelledErrorAtTheSleep) {
  aio::testing::virtual_time clock;
  bool reached_end = false;
  auto h = aio::create_task(sleep_long(reached_end));
  co_await aio::sleep(0s);  // let it reach the sleep
  EXPECT_TRUE(h.cancel());
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_TRUE(h.cancelled());
  EXPECT_TRUE(h.done());
  EXPECT_FALSE(reached_end);
  EXPECT_FALSE(h.cancel());  // already done
  EXPECT_THROW(h.result(), aio::cancelled_error);
  EXPECT_THROW(h.exception(), aio::cancelled_error);
}

AIO_TEST(Cancel, TaskCancelledBeforeItStartsNeverRuns) {
  bool ran = false;
  auto h = aio::create_task([](bool& flag) -> aio::task<> {
    flag = true;
    co_return;
  }(ran));
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_FALSE(ran);
  EXPECT_TRUE(h.cancelled());
}

AIO_TEST(Cancel, CancelledErrorIsNotAStdException) {
  aio::testing::virtual_time clock;
  bool caught_as_std = false;
  bool caught_as_any = false;
  auto h = aio::create_task([](bool& as_std, bool& as_any) -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const std::exception&) {
      as_std = true;
    } catch (...) {
      as_any = true;
      throw;
    }
  }(caught_as_std, caught_as_any));
  co_await aio::sleep(0s);
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_FALSE(caught_as_std);
  EXPECT_TRUE(caught_as_any);
}

AIO_TEST(Cancel, TaskThatSwallowsCancellationCompletesNormally) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task([]() -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error&) {
      co_return -1;
    }
    co_return 1;
  }());
  co_await aio::sleep(0s);
  h.cancel();
  EXPECT_EQ(co_await h, -1);
  EXPECT_FALSE(h.cancelled());
}

AIO_TEST(Cancel, CancellingAnAwaiterCancelsTheAwaitedTask) {
  aio::testing::virtual_time clock;
  bool inner_end = false;
  auto inner = aio::create_task(sleep_long(inner_end));
  auto outer = aio::create_task([](aio::join_handle<> awaited) -> aio::task<> { co_await awaited; }(inner));
  co_await aio::sleep(0s);
  outer.cancel();
  EXPECT_THROW(co_await outer, aio::cancelled_error);
  EXPECT_TRUE(inner.cancelled());
  EXPECT_TRUE(outer.cancelled());
  EXPECT_FALSE(inner_end);
}

AIO_TEST(Cancel, CleanupRunsAfterTheHandlerThenRethrows) {
  aio::testing::virtual_time clock;
  std::vector<std::string> log;
  auto h = aio::create_task([](std::vector<std::string>& out) -> aio::task<> {
    std::exception_ptr pending;
    try {
      co_await aio::sleep(1h);
    } catch (...) {
      pending = std::current_exception();  // no co_await inside a handler
    }
    if (pending) {
      co_await aio::shield(aio::sleep(1ms));
      out.push_back("cleaned up");
      std::rethrow_exception(pending);
    }
  }(log));
  co_await aio::sleep(0s);
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_EQ(log, std::vector<std::string>{"cleaned up"});
}

AIO_TEST(Cancel, SelfCancelIsDeliveredAtTheNextSuspension) {
  auto h = aio::create_task([]() -> aio::task<int> {
    aio::current_task().cancel();
    int steps = 1;  // still running until the next suspension point
    co_await aio::sleep(0s);
    co_return steps;
  }());
  EXPECT_THROW(co_await h, aio::cancelled_error);
}

AIO_TEST(Cancel, UncancelClearsAPendingRequest) {
  auto h = aio::create_task([]() -> aio::task<int> {
    auto self = aio::current_task();
    self.cancel();
    EXPECT_EQ(self.cancelling(), 1);
    EXPECT_EQ(self.uncancel(), 0);
    co_await aio::sleep(0s);
    co_return 3;
  }());
  EXPECT_EQ(co_await h, 3);
}
