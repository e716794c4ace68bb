// aio::mutex: RAII guard, try_lock/unlock, FIFO hand-over, cancellation while queued and after
// the hand-over, async with, and use from another thread's loop.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> take_and_record(aio::mutex& m, std::vector<int>& order, int id) {
  auto g = co_await m.lock();
  order.push_back(id);
  co_await aio::sleep(0s);  // hold it across a suspension
}

// Runs `make()` with aio::run on a fresh thread (its own loop); gives what it threw.
template <class Make>
std::exception_ptr run_on_other_thread(Make make) {
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      aio::run(make());
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  return error;
}

std::string message_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "?";
  }
}

}  // namespace

AIO_TEST(Mutex, LockGivesAGuardThatUnlocks) {
  aio::mutex m;
  EXPECT_FALSE(m.locked());
  {
    auto g = co_await m.lock();
    EXPECT_TRUE(m.locked());
    EXPECT_TRUE(g.owns_lock());
    EXPECT_EQ(g.mutex(), &m);
    auto moved = std::move(g);
    EXPECT_FALSE(g.owns_lock());
    EXPECT_TRUE(moved.owns_lock());
    EXPECT_TRUE(m.locked());
  }
  EXPECT_FALSE(m.locked());
  auto g = co_await m.lock();
  g.unlock();
  EXPECT_FALSE(m.locked());
  EXPECT_THROW(g.unlock(), aio::runtime_error);
}

AIO_TEST(Mutex, TryLockAndUnlock) {
  aio::mutex m;
  EXPECT_TRUE(m.try_lock());
  EXPECT_FALSE(m.try_lock());
  EXPECT_TRUE(m.locked());
  m.unlock();
  EXPECT_FALSE(m.locked());
  EXPECT_THROW(m.unlock(), aio::runtime_error);
  AIO_ASSERT_TRUE(m.try_lock());
  aio::mutex::guard adopted(m, std::adopt_lock);
  EXPECT_TRUE(adopted.owns_lock());
  adopted = aio::mutex::guard{};
  EXPECT_FALSE(m.locked());
  co_return;
}

AIO_TEST(Mutex, WaitersAreServedInFifoOrderAndNobodyBargesIn) {
  aio::mutex m;
  std::vector<int> order;
  auto g = co_await m.lock();
  std::vector<aio::join_handle<>> waiters;
  for (int i = 0; i < 5; ++i) {
    waiters.push_back(aio::create_task(take_and_record(m, order, i)));
    co_await aio::sleep(0s);  // each one queues before the next is created
  }
  g.unlock();
  EXPECT_TRUE(m.locked());      // handed straight to the first waiter
  EXPECT_FALSE(m.try_lock());   // so a newcomer cannot take it first
  for (auto& w : waiters) co_await w;
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, WaiterCancelledWhileQueuedLeavesTheQueue) {
  aio::mutex m;
  std::vector<int> order;
  auto g = co_await m.lock();
  auto a = aio::create_task(take_and_record(m, order, 1));
  auto b = aio::create_task(take_and_record(m, order, 2));
  co_await aio::sleep(0s);
  a.cancel();
  co_await aio::sleep(0s);
  EXPECT_TRUE(a.done());
  g.unlock();
  co_await b;
  EXPECT_THROW(co_await a, aio::cancelled_error);
  EXPECT_EQ(order, std::vector<int>{2});
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, WaiterCancelledAfterTheHandOverPassesTheLockOn) {
  aio::mutex m;
  std::vector<int> order;
  auto g = co_await m.lock();
  auto a = aio::create_task(take_and_record(m, order, 1));
  auto b = aio::create_task(take_and_record(m, order, 2));
  co_await aio::sleep(0s);
  g.unlock();   // a now owns the lock but has not run yet
  a.cancel();   // ... and is cancelled before it does
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;   // the lock was passed on: no lost wake-up
  EXPECT_EQ(order, std::vector<int>{2});
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, PendingCancellationIsNotDeliveredWhenTheLockIsFree) {
  aio::mutex m;
  // asyncio: acquiring a free lock does not suspend, so it is no cancellation point.
  auto h = aio::create_task([](aio::mutex& mu) -> aio::task<bool> {
    aio::current_task().cancel();
    auto g = co_await mu.lock();
    const bool held = mu.locked();
    co_await aio::sleep(0s);  // the cancellation arrives here
    co_return held;
  }(m));
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, IsAnAsyncContextManager) {
  aio::mutex m;
  bool held_inside = false;
  co_await aio::with(m, [&]() -> aio::task<> {
    held_inside = m.locked();
    co_return;
  });
  EXPECT_TRUE(held_inside);
  EXPECT_FALSE(m.locked());
  EXPECT_THROW(co_await aio::with(m, [&]() -> aio::task<> {
    throw std::runtime_error("body failed");
    co_return;
  }), std::runtime_error);
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, AsyncWithReleasesOnCancellation) {
  aio::testing::virtual_time clock;
  aio::mutex m;
  auto h = aio::create_task([](aio::mutex& mu) -> aio::task<> {
    co_await aio::with(mu, []() -> aio::task<> { co_await aio::sleep(1h); });
  }(m));
  co_await aio::sleep(0s);
  EXPECT_TRUE(m.locked());
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, ProtectsACriticalSectionAcrossSuspensions) {
  aio::testing::virtual_time clock;
  aio::mutex m;
  int inside = 0;
  int most = 0;
  auto worker = [&](int i) -> aio::task<> {
    for (int round = 0; round < 3; ++round) {
      auto g = co_await m.lock();
      most = std::max(most, ++inside);
      co_await aio::sleep(std::chrono::milliseconds(1 + i % 3));
      --inside;
    }
  };
  std::vector<aio::task<>> tasks;
  for (int i = 0; i < 20; ++i) tasks.push_back(worker(i));
  co_await aio::gather(std::move(tasks));
  EXPECT_EQ(most, 1);
  EXPECT_FALSE(m.locked());
}

AIO_TEST(Mutex, AwaitingFromAnotherThreadsLoopThrows) {
  aio::mutex m;
  auto g = co_await m.lock();  // attached to this loop while held
  auto error = run_on_other_thread([&m]() -> aio::task<> { auto other = co_await m.lock(); });
  AIO_ASSERT_TRUE(error);
  EXPECT_NE(message_of(error).find("attached to a different loop"), std::string::npos) << message_of(error);
  g.unlock();
  // Idle again: another loop may use it now.
  EXPECT_FALSE(run_on_other_thread([&m]() -> aio::task<> { auto other = co_await m.lock(); }));
}

AIO_TEST(Mutex, DumpTasksShowsATaskWaitingForTheLock) {
  aio::mutex m;
  std::vector<int> order;
  auto g = co_await m.lock();
  auto waiter = aio::create_task(take_and_record(m, order, 1), "waiter");
  co_await aio::sleep(0s);
  std::ostringstream text;
  aio::dump_tasks(text);
  EXPECT_NE(text.str().find("waiting on: aio::mutex lock"), std::string::npos) << text.str();
  g.unlock();
  co_await waiter;
}
