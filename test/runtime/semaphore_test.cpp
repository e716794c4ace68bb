// aio::semaphore and aio::bounded_semaphore: permits, FIFO hand-over, cancellation while queued
// and after the hand-over, async with, and a 10k-task stress test with random cancellation.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <algorithm>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> acquire_and_record(aio::semaphore& s, std::vector<int>& order, int id) {
  auto permit = co_await s.acquire();
  order.push_back(id);
  co_await aio::sleep(0s);
}

}  // namespace

AIO_TEST(Semaphore, PermitsUpToTheInitialValue) {
  aio::semaphore s{2};
  EXPECT_EQ(s.value(), 2u);
  EXPECT_FALSE(s.locked());
  {
    auto p1 = co_await s.acquire();
    auto p2 = co_await s.acquire();
    EXPECT_TRUE(p1.owns());
    EXPECT_TRUE(s.locked());
    EXPECT_EQ(s.value(), 0u);
    p1.release();
    EXPECT_FALSE(p1.owns());
    EXPECT_EQ(s.value(), 1u);
  }
  EXPECT_EQ(s.value(), 2u);
  aio::semaphore unit;  // asyncio's default value is 1
  EXPECT_EQ(unit.value(), 1u);
  EXPECT_THROW(aio::semaphore{-1}, std::invalid_argument);
  co_return;
}

AIO_TEST(Semaphore, ReleaseWithoutAcquireRaisesTheCount) {
  aio::semaphore s{0};
  EXPECT_TRUE(s.locked());
  s.release();
  s.release();
  EXPECT_EQ(s.value(), 2u);
  auto p = co_await s.acquire();
  EXPECT_EQ(s.value(), 1u);
}

AIO_TEST(Semaphore, BoundedSemaphoreRefusesReleasesBeyondItsInitialValue) {
  aio::bounded_semaphore s{2};
  EXPECT_THROW(s.release(), aio::invalid_state_error);
  {
    auto p = co_await s.acquire();
    EXPECT_EQ(s.value(), 1u);
  }
  EXPECT_EQ(s.value(), 2u);
  EXPECT_THROW(s.release(), aio::invalid_state_error);
  auto p = co_await s.acquire();
  s.release();  // a release by someone else is allowed while below the initial value...
  EXPECT_EQ(s.value(), 2u);
  p.release();  // ... and the permit's own release then stays at the bound (no throw in destructors)
  EXPECT_EQ(s.value(), 2u);
  aio::semaphore& base = s;  // a bounded_semaphore is a semaphore
  EXPECT_THROW(base.release(), aio::invalid_state_error);
}

AIO_TEST(Semaphore, WaitersAreServedInFifoOrder) {
  aio::semaphore s{1};
  std::vector<int> order;
  auto held = co_await s.acquire();
  std::vector<aio::join_handle<>> waiters;
  for (int i = 0; i < 5; ++i) {
    waiters.push_back(aio::create_task(acquire_and_record(s, order, i)));
    co_await aio::sleep(0s);
  }
  held.release();
  EXPECT_TRUE(s.locked());  // handed straight to the first waiter
  for (auto& w : waiters) co_await w;
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(s.value(), 1u);
}

AIO_TEST(Semaphore, WaiterCancelledWhileQueuedLeavesTheQueue) {
  aio::semaphore s{1};
  std::vector<int> order;
  auto held = co_await s.acquire();
  auto a = aio::create_task(acquire_and_record(s, order, 1));
  auto b = aio::create_task(acquire_and_record(s, order, 2));
  co_await aio::sleep(0s);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  held.release();
  co_await b;
  EXPECT_EQ(order, std::vector<int>{2});
  EXPECT_EQ(s.value(), 1u);
}

AIO_TEST(Semaphore, WaiterCancelledAfterTheHandOverPassesThePermitOn) {
  aio::semaphore s{1};
  std::vector<int> order;
  auto held = co_await s.acquire();
  auto a = aio::create_task(acquire_and_record(s, order, 1));
  auto b = aio::create_task(acquire_and_record(s, order, 2));
  co_await aio::sleep(0s);
  held.release();  // a is granted the permit...
  a.cancel();      // ... and cancelled before it runs
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_EQ(order, std::vector<int>{2});
  EXPECT_EQ(s.value(), 1u);
}

AIO_TEST(Semaphore, IsAnAsyncContextManager) {
  aio::semaphore s{3};
  std::size_t inside = 0;
  co_await aio::with(s, [&]() -> aio::task<> {
    inside = s.value();
    co_return;
  });
  EXPECT_EQ(inside, 2u);
  EXPECT_EQ(s.value(), 3u);
}

AIO_TEST(Semaphore, AwaitingFromAnotherThreadsLoopThrows) {
  aio::semaphore s{1};
  auto held = co_await s.acquire();
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      aio::run([](aio::semaphore& sem) -> aio::task<> { auto p = co_await sem.acquire(); }(s));
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  EXPECT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), aio::runtime_error);
}

// 10k tasks share a semaphore of 8 while a canceller cancels random ones (queued, holding, or
// just handed a permit). The count never exceeds 8, every task that is not cancelled finishes,
// and at the end all 8 permits are back: no permit and no wake-up was lost.
AIO_TEST(Semaphore, StressTenThousandTasksWithRandomCancellation) {
  aio::testing::virtual_time clock;
  constexpr std::size_t limit = 8;
  constexpr int count = 10'000;
  aio::semaphore s{limit};
  std::size_t active = 0;
  std::size_t most = 0;
  int finished = 0;
  std::mt19937 rng(12345);

  struct occupancy {
    std::size_t& active;
    explicit occupancy(std::size_t& a) : active(a) { ++active; }
    ~occupancy() { --active; }
  };
  std::vector<aio::join_handle<>> tasks;
  auto worker = [&](int i) -> aio::task<> {
    if (i % 3 == 0) co_await aio::sleep(std::chrono::microseconds(i % 7));
    auto permit = co_await s.acquire();
    {
      occupancy here(active);
      most = std::max(most, active);
      if (i % 2 == 0) co_await aio::sleep(std::chrono::microseconds(1 + i % 5));
      else co_await aio::sleep(0s);
    }
    permit.release();  // hands the permit to the first waiter, which has not run yet ...
    if (i % 4 == 0) {
      // ... so cancelling one of the next tasks in line often hits a task just handed a permit
      const std::size_t victim = static_cast<std::size_t>(i) + 1 + static_cast<std::size_t>(i * 7919) % (2 * limit);
      if (victim < tasks.size()) tasks[victim].cancel();
    }
    ++finished;
  };

  tasks.reserve(count);
  for (int i = 0; i < count; ++i) tasks.push_back(aio::create_task(worker(i)));
  auto canceller = aio::create_task([](std::vector<aio::join_handle<>>& victims, std::mt19937& r) -> aio::task<> {
    std::uniform_int_distribution<std::size_t> pick(0, victims.size() - 1);
    for (int round = 0; round < 3000; ++round) {
      victims[pick(r)].cancel();
      if (round % 3 == 0) co_await aio::sleep(std::chrono::microseconds(r() % 3));
      else co_await aio::sleep(0s);
    }
  }(tasks, rng));

  // A lost wake-up would leave tasks waiting forever: bound the wait instead of hanging.
  auto all = co_await aio::wait(tasks, aio::return_when::all_completed, std::chrono::hours(1));
  co_await canceller;
  EXPECT_TRUE(all.pending.empty());
  int cancelled = 0;
  for (auto& t : tasks) {
    EXPECT_TRUE(t.done());
    if (t.cancelled()) ++cancelled;
    else EXPECT_NO_THROW(t.result());
  }
  EXPECT_EQ(finished + cancelled, count);
  EXPECT_GT(cancelled, 100);
  EXPECT_LE(most, limit);
  EXPECT_EQ(most, limit);
  EXPECT_EQ(active, 0u);
  EXPECT_EQ(s.value(), limit);
  EXPECT_FALSE(s.locked());
}
