// wait (each return_when, timeout) and as_completed.
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

aio::task<int> fail_after(std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("failed");
}

std::vector<aio::join_handle<int>> spawn_three() {
  std::vector<aio::join_handle<int>> hs;
  hs.push_back(aio::create_task(value_after(1, 30ms)));
  hs.push_back(aio::create_task(value_after(2, 10ms)));
  hs.push_back(aio::create_task(fail_after(20ms)));
  return hs;
}

}  // namespace

AIO_TEST(Wait, AllCompleted) {
  aio::testing::virtual_time clock;
  auto hs = spawn_three();
  auto [done, pending] = co_await aio::wait(hs);
  EXPECT_EQ(done.size(), 3u);
  EXPECT_TRUE(pending.empty());
  EXPECT_THROW(hs[2].result(), std::runtime_error);
}

AIO_TEST(Wait, FirstCompleted) {
  aio::testing::virtual_time clock;
  auto hs = spawn_three();
  auto [done, pending] = co_await aio::wait(hs, aio::return_when::first_completed);
  AIO_ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0], hs[1]);
  EXPECT_EQ(pending.size(), 2u);
  co_await aio::wait(pending);  // wait never cancels: they still finish
  EXPECT_TRUE(hs[0].done());
  EXPECT_FALSE(hs[0].cancelled());
  (void)hs[2].exception();
}

AIO_TEST(Wait, FirstException) {
  aio::testing::virtual_time clock;
  auto hs = spawn_three();
  auto [done, pending] = co_await aio::wait(hs, aio::return_when::first_exception);
  EXPECT_EQ(done.size(), 2u);  // the 10 ms value and the 20 ms failure
  AIO_ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0], hs[0]);
  EXPECT_NE(hs[2].exception(), nullptr);
  hs[0].cancel();
}

AIO_TEST(Wait, FirstExceptionWithoutFailureWaitsForAll) {
  aio::testing::virtual_time clock;
  std::vector<aio::join_handle<int>> hs;
  hs.push_back(aio::create_task(value_after(1, 1ms)));
  hs.push_back(aio::create_task(value_after(2, 2ms)));
  auto [done, pending] = co_await aio::wait(hs, aio::return_when::first_exception);
  EXPECT_EQ(done.size(), 2u);
  EXPECT_TRUE(pending.empty());
}

AIO_TEST(Wait, TimeoutReturnsWhatIsDoneWithoutCancelling) {
  aio::testing::virtual_time clock;
  auto hs = spawn_three();
  auto [done, pending] = co_await aio::wait(hs, aio::return_when::all_completed, 15ms);
  EXPECT_EQ(done.size(), 1u);
  EXPECT_EQ(pending.size(), 2u);
  for (auto& h : pending) EXPECT_FALSE(h.cancelled());
  for (auto& h : pending) h.cancel();
}

AIO_TEST(Wait, EmptySetIsAnError) {
  EXPECT_THROW(co_await aio::wait(std::vector<aio::join_handle<int>>{}), std::invalid_argument);
}

AIO_TEST(Wait, CancellingTheWaiterLeavesTheTasks) {
  aio::testing::virtual_time clock;
  auto hs = spawn_three();
  auto waiter = aio::create_task([](std::vector<aio::join_handle<int>> h) -> aio::task<> {
    co_await aio::wait(h);
  }(hs));
  co_await aio::sleep(1ms);
  waiter.cancel();
  EXPECT_THROW(co_await waiter, aio::cancelled_error);
  for (auto& h : hs) EXPECT_FALSE(h.done());
  co_await aio::wait(hs);
  EXPECT_EQ(hs[1].result(), 2);
  (void)hs[2].exception();
}

AIO_TEST(AsCompleted, YieldsInCompletionOrder) {
  aio::testing::virtual_time clock;
  std::vector<aio::task<int>> tasks;
  tasks.push_back(value_after(3, 30ms));
  tasks.push_back(value_after(1, 10ms));
  tasks.push_back(value_after(2, 20ms));
  auto stream = aio::as_completed(std::move(tasks));
  std::vector<int> order;
  while (auto r = co_await stream.next()) order.push_back(*r);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

AIO_TEST(AsCompleted, FailureIsRethrownInItsTurn) {
  aio::testing::virtual_time clock;
  std::vector<aio::task<int>> tasks;
  tasks.push_back(value_after(1, 10ms));
  tasks.push_back(fail_after(20ms));
  tasks.push_back(value_after(3, 30ms));
  auto stream = aio::as_completed(std::move(tasks));
  EXPECT_EQ(*co_await stream.next(), 1);
  EXPECT_THROW(co_await stream.next(), std::runtime_error);
  EXPECT_EQ(*co_await stream.next(), 3);
  EXPECT_FALSE(co_await stream.next());
}

AIO_TEST(AsCompleted, DestroyingTheStreamCancelsTheRest) {
  aio::testing::virtual_time clock;
  {
    std::vector<aio::task<int>> tasks;
    tasks.push_back(value_after(1, 1ms));
    tasks.push_back(value_after(2, 1h));
    auto stream = aio::as_completed(std::move(tasks));
    EXPECT_EQ(*co_await stream.next(), 1);
  }
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  EXPECT_EQ(aio::all_tasks().size(), 1u);
}
