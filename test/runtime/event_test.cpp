// aio::event: set/clear/is_set, waking every waiter in order, cancellation, other loops.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> wait_and_record(aio::event& e, std::vector<int>& order, int id) {
  co_await e.wait();
  order.push_back(id);
}

}  // namespace

AIO_TEST(Event, WaitPassesAtOnceWhenSet) {
  aio::event e;
  EXPECT_FALSE(e.is_set());
  e.set();
  EXPECT_TRUE(e.is_set());
  co_await e.wait();
  co_await e.wait();
  e.clear();
  EXPECT_FALSE(e.is_set());
}

AIO_TEST(Event, SetWakesEveryWaiterInOrder) {
  aio::event e;
  std::vector<int> order;
  std::vector<aio::join_handle<>> waiters;
  for (int i = 0; i < 4; ++i) waiters.push_back(aio::create_task(wait_and_record(e, order, i)));
  co_await aio::sleep(0s);
  EXPECT_TRUE(order.empty());
  e.set();
  e.clear();  // the waiters already woken still complete
  for (auto& w : waiters) co_await w;
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

AIO_TEST(Event, WaitAfterClearWaitsForTheNextSet) {
  aio::testing::virtual_time clock;
  aio::event e;
  e.set();
  e.clear();
  auto h = aio::create_task([](aio::event& ev) -> aio::task<> { co_await ev.wait(); }(e));
  co_await aio::sleep(1s);
  EXPECT_FALSE(h.done());
  e.set();
  co_await h;
}

AIO_TEST(Event, WaiterCancelledWhileWaiting) {
  aio::event e;
  std::vector<int> order;
  auto a = aio::create_task(wait_and_record(e, order, 1));
  auto b = aio::create_task(wait_and_record(e, order, 2));
  co_await aio::sleep(0s);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  e.set();
  co_await b;
  EXPECT_EQ(order, std::vector<int>{2});
}

AIO_TEST(Event, WaiterCancelledAfterSetStillGetsCancelledErrorAndOthersAreWoken) {
  aio::event e;
  std::vector<int> order;
  auto a = aio::create_task(wait_and_record(e, order, 1));
  auto b = aio::create_task(wait_and_record(e, order, 2));
  co_await aio::sleep(0s);
  e.set();
  a.cancel();  // woken but not yet run
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_EQ(order, std::vector<int>{2});
}

AIO_TEST(Event, WaitWithATimeout) {
  aio::testing::virtual_time clock;
  aio::event e;
  EXPECT_THROW(co_await aio::wait_for(e.wait(), 10ms), aio::timeout_error);
  e.set();
  co_await aio::wait_for(e.wait(), 10ms);
}

AIO_TEST(Event, AwaitingFromAnotherThreadsLoopThrows) {
  aio::event e;
  auto waiter = aio::create_task([](aio::event& ev) -> aio::task<> { co_await ev.wait(); }(e));
  co_await aio::sleep(0s);  // parked: the event is attached to this loop
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      aio::run([](aio::event& ev) -> aio::task<> { co_await ev.wait(); }(e));
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  EXPECT_THROW(std::rethrow_exception(error), aio::runtime_error);
  e.set();
  co_await waiter;
}
