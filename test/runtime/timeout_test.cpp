// wait_for / timeout / timeout_at / shield.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>

using namespace std::chrono_literals;

namespace {

aio::task<int> value_after(int v, std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  co_return v;
}

}  // namespace

AIO_TEST(WaitFor, ReturnsTheValueBeforeTheDeadline) {
  aio::testing::virtual_time clock;
  EXPECT_EQ(co_await aio::wait_for(value_after(3, 1ms), 1s), 3);
}

AIO_TEST(WaitFor, ExpiryCancelsTheInnerAndRaisesTimeoutError) {
  aio::testing::virtual_time clock;
  bool inner_cancelled = false;
  auto inner = [](bool& flag) -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error&) {
      flag = true;
      throw;
    }
    co_return 1;
  };
  EXPECT_THROW(co_await aio::wait_for(inner(inner_cancelled), 10ms), aio::timeout_error);
  EXPECT_TRUE(inner_cancelled);
  // The task that timed out is not left cancelled: it goes on normally.
  co_await aio::sleep(1ms);
  EXPECT_EQ(aio::current_task().cancelling(), 0);
}

AIO_TEST(WaitFor, ExpiryOnAHandleCancelsThatTask) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task(value_after(1, 1h));
  EXPECT_THROW(co_await aio::wait_for(h, 5ms), aio::timeout_error);
  EXPECT_TRUE(h.cancelled());
}

AIO_TEST(WaitFor, OutsideCancellationStaysACancellation) {
  aio::testing::virtual_time clock;
  auto waiter = aio::create_task([]() -> aio::task<int> { co_return co_await aio::wait_for(value_after(1, 1h), 1s); }());
  co_await aio::sleep(1ms);
  waiter.cancel();
  EXPECT_THROW(co_await waiter, aio::cancelled_error);
  EXPECT_TRUE(waiter.cancelled());
}

AIO_TEST(WaitFor, InnerFailurePassesThrough) {
  auto failing = []() -> aio::task<int> {
    co_await aio::sleep(0s);
    throw std::invalid_argument("bad");
  };
  EXPECT_THROW(co_await aio::wait_for(failing(), 1s), std::invalid_argument);
}

AIO_TEST(Timeout, TimeoutAndTimeoutAt) {
  aio::testing::virtual_time clock;
  EXPECT_EQ(co_await aio::timeout(1s, value_after(2, 1ms)), 2);
  EXPECT_THROW(co_await aio::timeout(1ms, aio::sleep(1h)), aio::timeout_error);
  auto deadline = aio::get_running_loop().time() + 5ms;
  EXPECT_THROW(co_await aio::timeout_at(deadline, value_after(1, 1h)), aio::timeout_error);
  EXPECT_GE(aio::get_running_loop().time(), deadline);
}

AIO_TEST(Shield, OuterCancellationLeavesTheInnerRunning) {
  aio::testing::virtual_time clock;
  bool inner_done = false;
  auto inner = aio::create_task([](bool& flag) -> aio::task<int> {
    co_await aio::sleep(10ms);
    flag = true;
    co_return 9;
  }(inner_done));
  auto outer = aio::create_task([](aio::join_handle<int> h) -> aio::task<int> { co_return co_await aio::shield(h); }(inner));
  co_await aio::sleep(1ms);
  outer.cancel();
  EXPECT_THROW(co_await outer, aio::cancelled_error);
  EXPECT_FALSE(inner.done());
  EXPECT_EQ(co_await inner, 9);
  EXPECT_TRUE(inner_done);
}

AIO_TEST(Shield, PassesTheValueWhenNotCancelled) {
  EXPECT_EQ(co_await aio::shield(value_after(4, 0ms)), 4);
}

AIO_TEST(Shield, WaitForOnAShieldedTaskTimesOutWithoutCancellingIt) {
  aio::testing::virtual_time clock;
  auto inner = aio::create_task(value_after(8, 20ms));
  EXPECT_THROW(co_await aio::wait_for(aio::shield(inner), 5ms), aio::timeout_error);
  EXPECT_FALSE(inner.cancelled());
  EXPECT_EQ(co_await inner, 8);
}
