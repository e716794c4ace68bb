// aio::condition_variable over aio::mutex: notify_one/notify/notify_all in FIFO order, the
// predicate form, the lock held again on return (also when cancelled), and a cancelled waiter
// passing its notification on.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct shared_state {
  aio::mutex m;
  aio::condition_variable cv;
  std::vector<int> woken;
  std::vector<bool> held_on_return;
};

aio::task<> wait_once(shared_state& s, int id) {
  auto g = co_await s.m.lock();
  try {
    co_await s.cv.wait(g);
  } catch (const aio::cancelled_error&) {
    s.held_on_return.push_back(g.owns_lock() && s.m.locked());
    throw;
  }
  s.held_on_return.push_back(g.owns_lock() && s.m.locked());
  s.woken.push_back(id);
}

}  // namespace

AIO_TEST(ConditionVariable, NotifyOneWakesTheLongestWaiter) {
  shared_state s;
  std::vector<aio::join_handle<>> waiters;
  for (int i = 0; i < 3; ++i) waiters.push_back(aio::create_task(wait_once(s, i)));
  co_await aio::sleep(0s);
  EXPECT_FALSE(s.m.locked());  // every waiter let go of the lock
  s.cv.notify_one();
  co_await waiters[0];
  EXPECT_EQ(s.woken, std::vector<int>{0});
  s.cv.notify(2);
  co_await waiters[1];
  co_await waiters[2];
  EXPECT_EQ(s.woken, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(s.held_on_return, (std::vector<bool>{true, true, true}));
}

AIO_TEST(ConditionVariable, NotifiedWaitersResumeOnlyOnceTheNotifierUnlocks) {
  shared_state s;
  std::vector<aio::join_handle<>> waiters;
  for (int i = 0; i < 3; ++i) waiters.push_back(aio::create_task(wait_once(s, i)));
  co_await aio::sleep(0s);
  {
    auto g = co_await s.m.lock();
    s.cv.notify_all();
    co_await aio::sleep(0s);
    co_await aio::sleep(0s);
    EXPECT_TRUE(s.woken.empty());  // they wait for the mutex we hold
  }
  for (auto& w : waiters) co_await w;
  EXPECT_EQ(s.woken, (std::vector<int>{0, 1, 2}));
  EXPECT_FALSE(s.m.locked());
}

AIO_TEST(ConditionVariable, WaitWithAPredicate) {
  aio::testing::virtual_time clock;
  aio::mutex m;
  aio::condition_variable cv;
  int value = 0;
  auto consumer_body = [&]() -> aio::task<int> {
    auto g = co_await m.lock();
    co_await cv.wait(g, [&] { return value >= 3; });
    EXPECT_TRUE(g.owns_lock());
    co_return value;
  };
  auto consumer = aio::create_task(consumer_body());
  for (int i = 0; i < 3; ++i) {
    co_await aio::sleep(1ms);
    auto g = co_await m.lock();
    ++value;
    cv.notify_all();
  }
  EXPECT_EQ(co_await consumer, 3);
}

AIO_TEST(ConditionVariable, WaitNeedsTheLockHeld) {
  aio::mutex m;
  aio::condition_variable cv;
  aio::mutex::guard not_held;
  EXPECT_THROW(co_await cv.wait(not_held), aio::runtime_error);
}

AIO_TEST(ConditionVariable, CancelledWaiterTakesTheLockBackBeforeThrowing) {
  shared_state s;
  auto a = aio::create_task(wait_once(s, 1));
  co_await aio::sleep(0s);
  auto g = co_await s.m.lock();
  a.cancel();                 // it must wait for the lock we hold before it may throw
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  EXPECT_FALSE(a.done());
  g.unlock();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  EXPECT_EQ(s.held_on_return, std::vector<bool>{true});
  EXPECT_FALSE(s.m.locked());
}

AIO_TEST(ConditionVariable, WaiterCancelledAfterItWasNotifiedPassesTheNotificationOn) {
  shared_state s;
  auto a = aio::create_task(wait_once(s, 1));
  auto b = aio::create_task(wait_once(s, 2));
  co_await aio::sleep(0s);
  s.cv.notify_one();  // meant for a ...
  a.cancel();         // ... which is cancelled before it runs: b must get it instead
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_EQ(s.woken, std::vector<int>{2});
  EXPECT_FALSE(s.m.locked());
}

AIO_TEST(ConditionVariable, CancelledWithAPendingCancellationKeepsTheLock) {
  aio::mutex m;
  aio::condition_variable cv;
  auto h_body = [&]() -> aio::task<bool> {
    auto g = co_await m.lock();
    aio::current_task().cancel();
    bool held = false;
    try {
      co_await cv.wait(g);
    } catch (const aio::cancelled_error&) {
      held = g.owns_lock() && m.locked();
    }
    co_return held;
  };
  auto h = aio::create_task(h_body());
  EXPECT_TRUE(co_await h);
  EXPECT_FALSE(m.locked());
}

AIO_TEST(ConditionVariable, ProducerConsumerHandshake) {
  aio::testing::virtual_time clock;
  aio::mutex m;
  aio::condition_variable cv;
  std::vector<int> box;
  std::vector<int> got;
  auto consumer_body = [&]() -> aio::task<> {
    for (int n = 0; n < 50;) {
      auto g = co_await m.lock();
      co_await cv.wait(g, [&] { return !box.empty(); });
      for (int v : box) got.push_back(v);
      n += static_cast<int>(box.size());
      box.clear();
      cv.notify_all();
    }
  };
  auto consumer = aio::create_task(consumer_body());
  for (int i = 0; i < 50; ++i) {
    auto g = co_await m.lock();
    co_await cv.wait(g, [&] { return box.size() < 3; });
    box.push_back(i);
    cv.notify_all();
    if (i % 7 == 0) {
      g.unlock();
      co_await aio::sleep(1ms);
    }
  }
  co_await consumer;
  std::vector<int> expected;
  for (int i = 0; i < 50; ++i) expected.push_back(i);
  EXPECT_EQ(got, expected);
}
