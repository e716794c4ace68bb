// aio::queue, aio::priority_queue, aio::lifo_queue: put/get and the nowait forms, maxsize,
// FIFO waiters woken in asyncio's order, task_done/join, asyncio 3.13 shutdown, cancellation
// while queued and after a wake-up, other loops, and a producers/consumers stress test with random cancellation.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <algorithm>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> get_and_record(aio::queue<int>& q, std::vector<std::pair<int, int>>& got, int id) {
  int v = co_await q.get();
  got.emplace_back(id, v);
}

aio::task<> put_and_record(aio::queue<int>& q, std::vector<int>& done, int v) {
  co_await q.put(v);
  done.push_back(v);
}

}  // namespace

AIO_TEST(Queue, PutAndGetInFifoOrder) {
  aio::queue<int> q;
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.full());  // maxsize 0: unbounded
  EXPECT_EQ(q.maxsize(), 0u);
  for (int i = 0; i < 5; ++i) co_await q.put(i);
  q.put_nowait(5);
  EXPECT_EQ(q.size(), 6u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(co_await q.get(), i);
  EXPECT_EQ(q.get_nowait(), 5);
  EXPECT_TRUE(q.empty());
  EXPECT_THROW(q.get_nowait(), aio::queue_empty);
}

AIO_TEST(Queue, MaxsizeBoundsPutNowait) {
  aio::queue<std::string> q{2};
  q.put_nowait("a");
  co_await q.put("b");
  EXPECT_TRUE(q.full());
  EXPECT_THROW(q.put_nowait("c"), aio::queue_full);
  EXPECT_EQ(q.get_nowait(), "a");
  EXPECT_FALSE(q.full());
  aio::queue<int> negative{-3};  // asyncio: maxsize <= 0 is unbounded
  EXPECT_EQ(negative.maxsize(), 0u);
}

AIO_TEST(Queue, GettersWaitAndAreServedInFifoOrder) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  std::vector<aio::join_handle<>> getters;
  for (int i = 0; i < 3; ++i) getters.push_back(aio::create_task(get_and_record(q, got, i)));
  co_await aio::sleep(0s);
  q.put_nowait(10);  // wakes getter 0; the item stays in the queue until it runs (asyncio)
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.get_nowait(), 10);  // so this task can still take it
  co_await q.put(11);             // wakes getter 1
  q.put_nowait(12);               // wakes getter 2
  q.put_nowait(13);               // nobody left to wake
  for (auto& g : getters) co_await g;
  EXPECT_EQ(got, (std::vector<std::pair<int, int>>{{0, 11}, {1, 12}, {2, 13}}));
  EXPECT_TRUE(q.empty());
}

AIO_TEST(Queue, AWokenGetterThatFindsTheQueueEmptyWaitsAgainAtTheBack) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  auto first = aio::create_task(get_and_record(q, got, 0));
  auto second = aio::create_task(get_and_record(q, got, 1));
  co_await aio::sleep(0s);
  q.put_nowait(1);                // wakes getter 0 ...
  EXPECT_EQ(q.get_nowait(), 1);   // ... but the item is gone before it runs
  co_await aio::sleep(0s);        // getter 0 runs, finds nothing, queues behind getter 1
  EXPECT_FALSE(first.done());
  q.put_nowait(2);  // wakes getter 1, now first in line
  q.put_nowait(3);  // wakes getter 0
  co_await first;
  co_await second;
  EXPECT_EQ(got, (std::vector<std::pair<int, int>>{{1, 2}, {0, 3}}));
}

AIO_TEST(Queue, PuttersWaitWhileFullAndAreServedInFifoOrder) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  std::vector<aio::join_handle<>> putters;
  for (int i = 1; i <= 3; ++i) putters.push_back(aio::create_task(put_and_record(q, done, i)));
  co_await aio::sleep(0s);
  EXPECT_TRUE(done.empty());
  std::vector<int> got;
  for (int i = 0; i < 4; ++i) got.push_back(co_await q.get());
  for (auto& p : putters) co_await p;
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(done, (std::vector<int>{1, 2, 3}));
}

AIO_TEST(Queue, ASlotFreedForAWokenPutterCanBeTakenBeforeItRuns) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  auto p = aio::create_task(put_and_record(q, done, 1));
  co_await aio::sleep(0s);
  EXPECT_EQ(q.get_nowait(), 0);  // wakes the putter; the slot is free until it runs (asyncio)
  EXPECT_FALSE(q.full());
  q.put_nowait(99);              // this task takes the slot
  co_await aio::sleep(0s);       // the putter runs, finds the queue full, waits again
  EXPECT_TRUE(done.empty());
  EXPECT_EQ(q.get_nowait(), 99);  // wakes it again
  co_await p;
  EXPECT_EQ(done, std::vector<int>{1});
  EXPECT_EQ(q.get_nowait(), 1);
}

AIO_TEST(Queue, JoinWaitsUntilEveryItemIsTaskDone) {
  aio::testing::virtual_time clock;
  aio::queue<int> q;
  co_await q.join();  // nothing unfinished
  for (int i = 0; i < 3; ++i) q.put_nowait(i);
  EXPECT_EQ(q.unfinished_tasks(), 3u);
  bool joined = false;
  auto joiner_body = [&]() -> aio::task<> {
    co_await q.join();
    joined = true;
  };
  auto joiner = aio::create_task(joiner_body());
  for (int i = 0; i < 3; ++i) {
    (void)co_await q.get();
    co_await aio::sleep(1ms);
    EXPECT_FALSE(joined);
    q.task_done();
  }
  co_await joiner;
  EXPECT_TRUE(joined);
  EXPECT_THROW(q.task_done(), aio::invalid_state_error);
}

AIO_TEST(Queue, ShutdownWakesGettersWithQueueShutDown) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  auto a = aio::create_task(get_and_record(q, got, 1));
  auto b = aio::create_task(get_and_record(q, got, 2));
  co_await aio::sleep(0s);
  q.shutdown();
  EXPECT_TRUE(q.is_shut_down());
  EXPECT_THROW(co_await a, aio::queue_shut_down);
  EXPECT_THROW(co_await b, aio::queue_shut_down);
  EXPECT_THROW(co_await q.put(1), aio::queue_shut_down);
  EXPECT_THROW(q.put_nowait(1), aio::queue_shut_down);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
  EXPECT_THROW(q.get_nowait(), aio::queue_shut_down);
}

AIO_TEST(Queue, ShutdownWakesPuttersAndLetsGettersDrainWhatIsLeft) {
  aio::queue<int> q{2};
  q.put_nowait(1);
  q.put_nowait(2);
  std::vector<int> done;
  auto p = aio::create_task(put_and_record(q, done, 3));
  co_await aio::sleep(0s);
  q.shutdown();
  EXPECT_THROW(co_await p, aio::queue_shut_down);
  EXPECT_TRUE(done.empty());
  EXPECT_EQ(co_await q.get(), 1);
  EXPECT_EQ(q.get_nowait(), 2);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
}

AIO_TEST(Queue, ShutdownImmediateDropsTheItemsAndReleasesJoin) {
  aio::queue<int> q;
  for (int i = 0; i < 3; ++i) q.put_nowait(i);
  (void)q.get_nowait();  // taken but not task_done: join still waits for this one
  auto joiner_body = [&]() -> aio::task<> { co_await q.join(); };
  auto joiner = aio::create_task(joiner_body());
  co_await aio::sleep(0s);
  q.shutdown(true);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.unfinished_tasks(), 1u);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
  co_await aio::sleep(0s);
  EXPECT_FALSE(joiner.done());
  q.task_done();
  co_await joiner;
}

AIO_TEST(Queue, GetterCancelledWhileWaitingLeavesTheQueue) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  auto a = aio::create_task(get_and_record(q, got, 1));
  auto b = aio::create_task(get_and_record(q, got, 2));
  co_await aio::sleep(0s);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  q.put_nowait(7);
  co_await b;
  EXPECT_EQ(got, (std::vector<std::pair<int, int>>{{2, 7}}));
}

AIO_TEST(Queue, GetterCancelledAfterItWasWokenPassesTheWakeUpToTheNextGetter) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  auto a = aio::create_task(get_and_record(q, got, 1));
  auto b = aio::create_task(get_and_record(q, got, 2));
  co_await aio::sleep(0s);
  q.put_nowait(7);  // wakes a ...
  a.cancel();       // ... which is cancelled before it runs, and wakes b (asyncio's _wakeup_next)
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_EQ(got, (std::vector<std::pair<int, int>>{{2, 7}}));
}

AIO_TEST(Queue, GetterCancelledAfterItWasWokenLeavesTheItemsInTheQueue) {
  aio::queue<int> q;
  std::vector<std::pair<int, int>> got;
  auto a = aio::create_task(get_and_record(q, got, 1));
  co_await aio::sleep(0s);
  q.put_nowait(7);  // wakes a
  q.put_nowait(8);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.get_nowait(), 7);  // nothing was taken
  EXPECT_EQ(q.get_nowait(), 8);
}

AIO_TEST(Queue, PutterCancelledAfterItWasWokenPassesTheWakeUpOn) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  auto a = aio::create_task(put_and_record(q, done, 1));
  auto b = aio::create_task(put_and_record(q, done, 2));
  co_await aio::sleep(0s);
  EXPECT_EQ(q.get_nowait(), 0);  // wakes a ...
  a.cancel();                    // ... which is cancelled before it puts, and wakes b
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_EQ(done, std::vector<int>{2});
  EXPECT_EQ(q.get_nowait(), 2);
  EXPECT_TRUE(q.empty());
}

AIO_TEST(Queue, PutterWokenThenCancelledAndShutDownReportsTheCancellation) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  auto a = aio::create_task(put_and_record(q, done, 1));
  co_await aio::sleep(0s);
  EXPECT_EQ(q.get_nowait(), 0);  // wakes a
  q.shutdown();
  a.cancel();  // both before a runs: the cancellation is not swallowed
  EXPECT_THROW(co_await a, aio::cancelled_error);
  EXPECT_TRUE(done.empty());
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.full());
}

AIO_TEST(Queue, PutterCancelledWhileWaitingDoesNotPut) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  auto a = aio::create_task(put_and_record(q, done, 1));
  co_await aio::sleep(0s);
  a.cancel();
  EXPECT_THROW(co_await a, aio::cancelled_error);
  EXPECT_EQ(q.get_nowait(), 0);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.unfinished_tasks(), 1u);
}

AIO_TEST(Queue, GetWithATimeout) {
  aio::testing::virtual_time clock;
  aio::queue<int> q;
  EXPECT_THROW(co_await aio::wait_for(q.get(), 5ms), aio::timeout_error);
  q.put_nowait(3);
  EXPECT_EQ(co_await aio::wait_for(q.get(), 5ms), 3);
}

AIO_TEST(Queue, MoveOnlyItems) {
  aio::queue<std::unique_ptr<int>> q{1};
  co_await q.put(std::make_unique<int>(4));
  auto p = co_await q.get();
  EXPECT_EQ(*p, 4);
}

AIO_TEST(PriorityQueue, SmallestFirstLikeAsyncio) {
  aio::priority_queue<int> q;
  for (int v : {5, 1, 4, 2, 3}) q.put_nowait(v);
  std::vector<int> got;
  while (!q.empty()) got.push_back(co_await q.get());
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5}));
  aio::priority_queue<std::pair<int, std::string>> jobs{3};
  co_await jobs.put({2, "later"});
  co_await jobs.put({1, "first"});
  EXPECT_EQ((co_await jobs.get()).second, "first");
  aio::priority_queue<int, std::greater<int>> largest{0, std::greater<int>{}};
  for (int v : {5, 1, 4}) largest.put_nowait(v);
  EXPECT_EQ(largest.get_nowait(), 5);
}

AIO_TEST(LifoQueue, NewestFirst) {
  aio::lifo_queue<int> q{3};
  for (int v : {1, 2, 3}) co_await q.put(v);
  EXPECT_TRUE(q.full());
  EXPECT_EQ(co_await q.get(), 3);
  EXPECT_EQ(q.get_nowait(), 2);
  EXPECT_EQ(q.get_nowait(), 1);
  EXPECT_THROW(q.get_nowait(), aio::queue_empty);
}

AIO_TEST(Queue, DumpTasksShowsWhatGettersAndPuttersWaitOn) {
  aio::queue<int> q{1};
  q.put_nowait(0);
  std::vector<int> done;
  std::vector<std::pair<int, int>> got;
  auto putter = aio::create_task(put_and_record(q, done, 1));
  aio::queue<int> empty;
  auto getter = aio::create_task(get_and_record(empty, got, 1));
  co_await aio::sleep(0s);
  std::ostringstream text;
  aio::dump_tasks(text);
  EXPECT_NE(text.str().find("waiting on: aio::queue put"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("waiting on: aio::queue get"), std::string::npos) << text.str();
  EXPECT_EQ(q.get_nowait(), 0);
  empty.put_nowait(2);
  co_await putter;
  co_await getter;
}

AIO_TEST(Queue, AwaitingFromAnotherThreadsLoopThrows) {
  aio::queue<int> q;
  auto getter = aio::create_task([](aio::queue<int>& queue) -> aio::task<int> { co_return co_await queue.get(); }(q));
  co_await aio::sleep(0s);  // parked: the queue is attached to this loop
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      aio::run([](aio::queue<int>& queue) -> aio::task<> { (void)co_await queue.get(); }(q));
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  EXPECT_THROW(std::rethrow_exception(error), aio::runtime_error);
  q.put_nowait(1);
  EXPECT_EQ(co_await getter, 1);
}

// Runs `body` in aio::run on a fresh thread (its own loop); gives what it threw.
template <class Body>
std::exception_ptr run_on_other_thread(Body body) {
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      aio::run(body());
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  return error;
}

// A queue whose waiters have all been served is idle: another thread's loop may use it (the
// served getter used to leave the queue attached to its loop for good).
AIO_TEST(Queue, IdleAgainOnceAWokenGetterHasRun) {
  aio::queue<int> q;
  auto getter = aio::create_task([](aio::queue<int>& queue) -> aio::task<int> { co_return co_await queue.get(); }(q));
  co_await aio::sleep(0s);  // parked: attached to this loop
  q.put_nowait(1);
  EXPECT_EQ(co_await getter, 1);
  q.put_nowait(2);
  auto error = run_on_other_thread([&q]() -> aio::task<> { EXPECT_EQ(co_await q.get(), 2); });
  EXPECT_FALSE(error) << "the queue stayed attached to the first loop";
}

AIO_TEST(Queue, IdleAgainOnceAWokenPutterHasRun) {
  aio::queue<int> q{1};
  q.put_nowait(1);
  auto putter = aio::create_task([](aio::queue<int>& queue) -> aio::task<> { co_await queue.put(2); }(q));
  co_await aio::sleep(0s);  // parked: attached to this loop
  EXPECT_EQ(q.get_nowait(), 1);
  co_await putter;
  auto error = run_on_other_thread([&q]() -> aio::task<> { EXPECT_EQ(co_await q.get(), 2); });
  EXPECT_FALSE(error) << "the queue stayed attached to the first loop";
}

// Still attached while a woken getter has not run yet (it takes its item on this loop), even
// when the last parked waiter leaves meanwhile.
AIO_TEST(Queue, AttachedWhileAWokenGetterHasNotRun) {
  aio::queue<int> q;
  auto get = [](aio::queue<int>& queue) -> aio::task<int> { co_return co_await queue.get(); };
  auto first = aio::create_task(get(q));
  auto second = aio::create_task(get(q));
  co_await aio::sleep(0s);
  q.put_nowait(1);  // wakes `first`, which has not run yet
  second.cancel();  // the last parked getter leaves
  auto error = run_on_other_thread([&q]() -> aio::task<> { co_await q.put(2); });
  EXPECT_TRUE(error);
  EXPECT_EQ(co_await first, 1);
  EXPECT_THROW(co_await second, aio::cancelled_error);
}

// Producers and consumers on a small queue while a canceller cancels random ones: every item is
// either delivered to exactly one consumer, left in the queue, or its put() failed (the
// producer keeps it). Nothing is duplicated or lost.
AIO_TEST(Queue, StressProducersAndConsumersWithRandomCancellation) {
  aio::testing::virtual_time clock;
  constexpr int producers = 40;
  constexpr int per_producer = 200;
  constexpr int consumers = 30;
  aio::queue<int> q{4};
  std::vector<int> sent;
  std::vector<int> not_sent;
  std::vector<int> received;
  std::mt19937 rng(2024);

  auto producer = [&](int p) -> aio::task<> {
    int next = 0;
    std::exception_ptr failure;
    try {
      while (next < per_producer) {
        const int item = p * per_producer + next;
        co_await q.put(item);
        sent.push_back(item);
        ++next;
        if (item % 5 == 0) co_await aio::sleep(std::chrono::microseconds(item % 3));
      }
    } catch (...) {
      failure = std::current_exception();
    }
    for (; next < per_producer; ++next) not_sent.push_back(p * per_producer + next);  // kept by the producer
    if (failure) std::rethrow_exception(failure);
  };
  auto consumer = [&](int c) -> aio::task<> {
    for (;;) {
      int item = 0;
      try {
        item = co_await q.get();
      } catch (const aio::queue_shut_down&) {
        co_return;
      }
      received.push_back(item);
      q.task_done();
      if ((item + c) % 4 == 0) co_await aio::sleep(std::chrono::microseconds(1 + c % 3));
      else co_await aio::sleep(0s);
    }
  };

  std::vector<aio::join_handle<>> ps, cs;
  for (int c = 0; c < consumers; ++c) cs.push_back(aio::create_task(consumer(c)));
  for (int p = 0; p < producers; ++p) ps.push_back(aio::create_task(producer(p)));
  auto canceller_body = [&]() -> aio::task<> {
    for (int round = 0; round < 400; ++round) {
      if (rng() % 2) ps[rng() % ps.size()].cancel();
      else cs[rng() % (cs.size() - 1)].cancel();  // the last consumer survives
      if (round % 4 == 0) co_await aio::sleep(std::chrono::microseconds(rng() % 4));
      else co_await aio::sleep(0s);
    }
  };
  auto canceller = aio::create_task(canceller_body());

  auto producers_done = co_await aio::wait(ps, aio::return_when::all_completed, std::chrono::hours(1));
  EXPECT_TRUE(producers_done.pending.empty());
  co_await canceller;
  q.shutdown();  // consumers drain what is left, then stop
  auto consumers_done = co_await aio::wait(cs, aio::return_when::all_completed, std::chrono::hours(1));
  EXPECT_TRUE(consumers_done.pending.empty());
  std::vector<int> left;
  while (!q.empty()) left.push_back(q.get_nowait());
  EXPECT_TRUE(left.empty());  // the surviving consumer drained it

  int cancelled_producers = 0, cancelled_consumers = 0;
  for (auto& p : ps) cancelled_producers += p.cancelled();
  for (auto& c : cs) {
    if (c.cancelled()) ++cancelled_consumers;
    else EXPECT_NO_THROW(c.result());
  }
  EXPECT_GT(cancelled_producers, 5);
  EXPECT_GT(cancelled_consumers, 5);

  std::vector<int> delivered = received;
  delivered.insert(delivered.end(), left.begin(), left.end());
  std::sort(delivered.begin(), delivered.end());
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(delivered, sent);  // each sent item delivered exactly once
  EXPECT_TRUE(std::adjacent_find(delivered.begin(), delivered.end()) == delivered.end());
  std::vector<int> all = sent;
  all.insert(all.end(), not_sent.begin(), not_sent.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(producers * per_producer));
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] != static_cast<int>(i)) {
      ADD_FAILURE() << "item " << i << " is missing or duplicated";
      break;
    }
  }
  EXPECT_EQ(q.unfinished_tasks(), 0u);
}
