// gather: argument order, failure cancels and awaits siblings, return_exceptions, cancellation.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

aio::task<int> value_after(int v, std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  co_return v;
}

aio::task<> nothing_after(std::chrono::milliseconds d) { co_await aio::sleep(d); }

aio::task<int> fail_after(std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("child failed");
}

// Records whether it ran to the end or was cancelled.
struct probe {
  bool finished = false;
  bool cancelled = false;
};
aio::task<int> probed_sleep(probe& p, std::chrono::milliseconds d) {
  try {
    co_await aio::sleep(d);
  } catch (const aio::cancelled_error&) {
    p.cancelled = true;
    throw;
  }
  p.finished = true;
  co_return 1;
}

}  // namespace

AIO_TEST(Gather, ResultsInArgumentOrderNotCompletionOrder) {
  aio::testing::virtual_time clock;
  auto [a, b, c] = co_await aio::gather(value_after(1, 30ms), value_after(2, 10ms), value_after(3, 20ms));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(c, 3);
}

AIO_TEST(Gather, VoidBecomesMonostateAndMixesHandlesAndAwaitables) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task(value_after(5, 5ms));
  auto [v, nothing, slept, handled] = co_await aio::gather(value_after(4, 1ms), nothing_after(1ms), aio::sleep(2ms), h);
  EXPECT_EQ(v, 4);
  static_assert(std::is_same_v<decltype(nothing), std::monostate>);
  static_assert(std::is_same_v<decltype(slept), std::monostate>);
  EXPECT_EQ(handled, 5);
  EXPECT_EQ(h.result(), 5);  // a shared handle's result is copied, not moved out
}

AIO_TEST(Gather, VectorFormKeepsOrder) {
  aio::testing::virtual_time clock;
  std::vector<aio::task<int>> tasks;
  for (int i = 0; i < 10; ++i) tasks.push_back(value_after(i, std::chrono::milliseconds(10 - i)));
  auto results = co_await aio::gather(std::move(tasks));
  AIO_ASSERT_EQ(results.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(results[i], i);
}

AIO_TEST(Gather, EmptyVectorGivesEmptyResult) {
  auto results = co_await aio::gather(std::vector<aio::task<int>>{});
  EXPECT_TRUE(results.empty());
}

AIO_TEST(Gather, FirstFailureCancelsAndAwaitsSiblingsThenRethrows) {
  aio::testing::virtual_time clock;
  probe slow;
  probe fast;
  EXPECT_THROW(co_await aio::gather(probed_sleep(slow, 1h), fail_after(1ms), probed_sleep(fast, 0ms)),
               std::runtime_error);
  EXPECT_TRUE(slow.cancelled);  // already finished cancelling: no task outlives the call
  EXPECT_FALSE(slow.finished);
  EXPECT_TRUE(fast.finished);
  EXPECT_EQ(aio::all_tasks().size(), 1u);
}

AIO_TEST(Gather, ReturnExceptionsCollectsEveryOutcome) {
  aio::testing::virtual_time clock;
  auto [ok, bad, unit] = co_await aio::gather(aio::return_exceptions, value_after(1, 2ms), fail_after(1ms),
                                              nothing_after(3ms));
  AIO_ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok.value(), 1);
  EXPECT_FALSE(bad.has_value());
  EXPECT_THROW(std::rethrow_exception(bad.error()), std::runtime_error);
  EXPECT_THROW(bad.value(), std::runtime_error);
  EXPECT_TRUE(unit.has_value());
}

AIO_TEST(Gather, ReturnExceptionsVectorDoesNotCancelSiblings) {
  aio::testing::virtual_time clock;
  probe p;
  std::vector<aio::task<int>> tasks;
  tasks.push_back(fail_after(1ms));
  tasks.push_back(probed_sleep(p, 10ms));
  auto results = co_await aio::gather(aio::return_exceptions, std::move(tasks));
  EXPECT_FALSE(results[0].has_value());
  EXPECT_TRUE(results[1].has_value());
  EXPECT_TRUE(p.finished);
}

AIO_TEST(Gather, CancellingTheGathererCancelsEveryChild) {
  aio::testing::virtual_time clock;
  probe a;
  probe b;
  auto outer = aio::create_task([](probe& x, probe& y) -> aio::task<> {
    co_await aio::gather(probed_sleep(x, 1h), probed_sleep(y, 1h));
  }(a, b));
  co_await aio::sleep(1ms);
  outer.cancel();
  EXPECT_THROW(co_await outer, aio::cancelled_error);
  EXPECT_TRUE(a.cancelled);
  EXPECT_TRUE(b.cancelled);
  EXPECT_TRUE(outer.cancelled());
}

AIO_TEST(Gather, ACancelledChildCancelsTheGather) {
  aio::testing::virtual_time clock;
  probe p;
  auto victim = aio::create_task(value_after(1, 1h));
  auto cancel_soon = [](aio::join_handle<int> h) -> aio::task<> {
    co_await aio::sleep(1ms);
    h.cancel();
  };
  EXPECT_THROW(co_await aio::gather(victim, probed_sleep(p, 1h), cancel_soon(victim)), aio::cancelled_error);
  EXPECT_TRUE(victim.cancelled());
  EXPECT_TRUE(p.cancelled);
}

AIO_TEST(Gather, FailureInAChainPropagatesThroughGather) {
  auto chain = []() -> aio::task<int> { co_return co_await fail_after(0ms); };
  EXPECT_THROW(co_await aio::gather(chain(), value_after(1, 0ms)), std::runtime_error);
}
