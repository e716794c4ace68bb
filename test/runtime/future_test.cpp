// aio::future, aio::timeout scope, sleep(d, value), as_completed over handles: error and
// cancellation paths beyond the conformance cases.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <vector>

using namespace std::chrono_literals;

AIO_TEST(Future, WaitForExpiryCancelsTheFuture) {
  aio::testing::virtual_time clock;
  auto fut = aio::get_running_loop().create_future<int>();
  EXPECT_THROW(co_await aio::wait_for(fut, 10ms), aio::timeout_error);
  EXPECT_TRUE(fut.cancelled());
}

AIO_TEST(Future, ShieldedFutureSurvivesTheTimeout) {
  aio::testing::virtual_time clock;
  auto fut = aio::get_running_loop().create_future<int>();
  EXPECT_THROW(co_await aio::wait_for(aio::shield(fut), 10ms), aio::timeout_error);
  EXPECT_FALSE(fut.done());
  fut.set_result(7);
  EXPECT_EQ(co_await fut, 7);
}

AIO_TEST(Future, AwaitersAndCallbacksRunInTheOrderTheyWereAdded) {
  auto fut = aio::get_running_loop().create_future<>();
  std::vector<int> order;
  fut.add_done_callback([&] { order.push_back(1); });
  auto waiter = aio::create_task([](aio::future<> f, std::vector<int>& o) -> aio::task<> {
    co_await f;
    o.push_back(2);
  }(fut, order));
  co_await aio::sleep(0s);
  fut.add_done_callback([&] { order.push_back(3); });
  fut.set_result();
  co_await waiter;
  co_await aio::sleep(0s);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

AIO_TEST(Future, ExceptionIsRethrownToEveryAwaiter) {
  auto fut = aio::get_running_loop().create_future<std::string>();
  auto a = aio::create_task([](aio::future<std::string> f) -> aio::task<std::string> { co_return co_await f; }(fut));
  co_await aio::sleep(0s);
  fut.set_exception(std::make_exception_ptr(std::out_of_range("x")));
  EXPECT_THROW(co_await a, std::out_of_range);
  EXPECT_THROW(co_await fut, std::out_of_range);
}

AIO_TEST(TimeoutScope, OutsideCancelWinsOverAnExpiredDeadline) {
  aio::testing::virtual_time clock;
  auto body = []() -> aio::task<> {
    co_await aio::with(aio::timeout(10ms), [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(1h); });
  };
  auto t = aio::create_task(body());
  co_await aio::sleep(10ms);  // the deadline and the outside cancel() land together
  t.cancel();
  EXPECT_THROW(co_await t, aio::cancelled_error);
}

AIO_TEST(TimeoutScope, RescheduleIntoThePastExpiresOnTheNextIteration) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  aio::timeout_scope cm = aio::timeout(1h);
  EXPECT_THROW(co_await aio::with(cm,
                                  [&](aio::timeout_scope& s) -> aio::task<> {
                                    s.reschedule(loop.time() - 1s);
                                    co_await aio::sleep(1h);
                                  }),
               aio::timeout_error);
  EXPECT_TRUE(cm.expired());
  EXPECT_EQ(aio::current_task().cancelling(), 0);
}

AIO_TEST(SleepValue, CancelledSleepThrowsInsteadOfGivingTheValue) {
  auto t = aio::create_task([]() -> aio::task<std::string> { co_return co_await aio::sleep(1h, std::string("v")); }());
  co_await aio::sleep(0s);
  t.cancel();
  EXPECT_THROW(co_await t, aio::cancelled_error);
}

AIO_TEST(AsCompleted, OverHandlesCopiesResultsAndNeverCancels) {
  aio::testing::virtual_time clock;
  std::vector<aio::join_handle<std::string>> hs;
  hs.push_back(aio::create_task([]() -> aio::task<std::string> { co_return co_await aio::sleep(1ms, std::string("a")); }()));
  hs.push_back(aio::create_task([]() -> aio::task<std::string> { co_return co_await aio::sleep(1h, std::string("b")); }()));
  {
    auto s = aio::as_completed(hs);
    EXPECT_EQ(co_await s.next(), std::optional<std::string>("a"));
  }  // dropping the stream leaves the second task running
  EXPECT_EQ(hs[0].result(), "a");  // copied, not moved out
  EXPECT_EQ(co_await hs[1], "b");
}
