// aio::barrier: cancellation and error paths beyond the conformance cases.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <vector>

using namespace std::chrono_literals;

AIO_TEST(Barrier, CancelledAfterTheRoundPassedStillGetsCancelledErrorAndOthersPass) {
  aio::barrier b(3);
  auto t1 = aio::create_task(b.wait());
  auto t2 = aio::create_task(b.wait());
  co_await aio::sleep(0s);
  EXPECT_EQ(co_await b.wait(), 2u);  // the last arrival passes without suspending
  t1.cancel();                       // woken by the round, not yet run
  EXPECT_THROW(co_await t1, aio::cancelled_error);
  EXPECT_EQ(co_await t2, 1u);
  EXPECT_EQ(b.n_waiting(), 0u);
  EXPECT_FALSE(b.broken());
}

AIO_TEST(Barrier, AbortedBarrierRefusesNewWaitersUntilReset) {
  aio::barrier b(2);
  co_await b.abort();
  EXPECT_TRUE(b.broken());
  EXPECT_THROW(co_await b.wait(), aio::broken_barrier_error);
  co_await b.reset();
  EXPECT_FALSE(b.broken());
  auto t = aio::create_task(b.wait());  // not started yet: this task arrives first
  EXPECT_EQ(co_await b.wait(), 0u);
  EXPECT_EQ(co_await t, 1u);
}

AIO_TEST(Barrier, TimedOutWaiterLeavesTheCount) {
  aio::testing::virtual_time clock;
  aio::barrier b(2);
  EXPECT_THROW(co_await aio::wait_for(b.wait(), 10ms), aio::timeout_error);
  EXPECT_EQ(b.n_waiting(), 0u);
  auto t = aio::create_task(b.wait());
  co_await aio::sleep(0s);
  EXPECT_EQ(b.n_waiting(), 1u);
  co_await b.wait();
  co_await t;
}

TEST(Barrier, ZeroPartiesIsInvalid) { EXPECT_THROW(aio::barrier(0), std::invalid_argument); }
