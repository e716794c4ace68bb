// CPython Lib/test/test_asyncio/test_queues.py translated case by case.
//
// Skipped: test_repr/test_str and the _format cases, loop= arguments, and the cases that read
// private _getters/_putters (their observable part is asserted instead).
// The wake-up cases (who runs when) are in test_queues_wakeup.cpp, shutdown in
// test_queues_shutdown.cpp.
#include "conformance.hpp"

using namespace conformance;

AIO_TEST(QueueBasicTests, test_empty) {
  aio::queue<int> q;
  EXPECT_TRUE(q.empty());
  q.put_nowait(1);
  EXPECT_FALSE(q.empty());
  EXPECT_EQ(q.get_nowait(), 1);
  EXPECT_TRUE(q.empty());
  co_return;
}

AIO_TEST(QueueBasicTests, test_full) {
  aio::queue<int> q;
  EXPECT_FALSE(q.full());
  aio::queue<int> q1(1);
  q1.put_nowait(1);
  EXPECT_TRUE(q1.full());
  co_return;
}

AIO_TEST(QueueBasicTests, test_order) {
  aio::queue<int> q;
  for (int i : {1, 3, 2}) q.put_nowait(i);
  results items;
  for (int i = 0; i < 3; ++i) items.push_back(q.get_nowait());
  EXPECT_EQ(items, (results{1, 3, 2}));
  co_return;
}

AIO_TEST(QueueBasicTests, test_maxsize) {
  aio::queue<int> q(2);
  EXPECT_EQ(q.maxsize(), 2u);
  results have_been_put;
  auto putter = [&]() -> aio::task<bool> {
    for (int i = 0; i < 3; ++i) {
      co_await q.put(i);
      have_been_put.push_back(i);
    }
    co_return true;
  };
  auto t = aio::create_task(putter());
  for (int i = 0; i < 2; ++i) co_await yield();
  // The putter is blocked after putting two items.
  EXPECT_EQ(have_been_put, (results{0, 1}));
  EXPECT_EQ(q.get_nowait(), 0);
  co_await yield();
  EXPECT_TRUE(t.done());
  EXPECT_TRUE(t.result());
  EXPECT_EQ(have_been_put, (results{0, 1, 2}));
}

AIO_TEST(QueueGetTests, test_blocking_get) {
  aio::queue<int> q;
  q.put_nowait(1);
  EXPECT_EQ(co_await q.get(), 1);
}

AIO_TEST(QueueGetTests, test_get_with_putters) {
  aio::queue<int> q(1);
  q.put_nowait(1);
  auto putter = spawn([&]() -> aio::task<> { co_await q.put(2); });
  co_await yield();
  EXPECT_EQ(q.get_nowait(), 1);
  co_await putter;
  EXPECT_EQ(q.get_nowait(), 2);
}

AIO_TEST(QueueGetTests, test_blocking_get_wait) {
  aio::testing::virtual_time clock;
  aio::queue<int> q;
  bool started = false;
  bool finished = false;
  auto queue_get = [&]() -> aio::task<int> {
    started = true;
    int res = co_await q.get();
    finished = true;
    co_return res;
  };
  const auto start = clock.now();
  aio::get_running_loop().call_later(10ms, [&] { q.put_nowait(1); });
  auto res = co_await queue_get();
  EXPECT_TRUE(started);
  EXPECT_TRUE(finished);
  EXPECT_EQ(res, 1);
  EXPECT_EQ(ms_since(start), 10);
}

AIO_TEST(QueueGetTests, test_nonblocking_get) {
  aio::queue<int> q;
  q.put_nowait(1);
  EXPECT_EQ(q.get_nowait(), 1);
  co_return;
}

AIO_TEST(QueueGetTests, test_nonblocking_get_exception) {
  aio::queue<int> q;
  EXPECT_THROW(q.get_nowait(), aio::queue_empty);
  co_return;
}

AIO_TEST(QueueGetTests, test_get_cancelled) {
  aio::testing::virtual_time clock;
  aio::queue<int> q;
  auto queue_get = [&]() -> aio::task<int> { co_return co_await aio::wait_for(q.get(), 51ms); };
  auto test = [&]() -> aio::task<int> {
    auto get_task = aio::create_task(queue_get());
    co_await aio::sleep(10ms);  // let the task start
    q.put_nowait(1);
    co_return co_await get_task;
  };
  EXPECT_EQ(co_await test(), 1);
}

AIO_TEST(QueueGetTests, test_get_cancelled_race) {
  aio::queue<int> q;
  auto t1 = spawn([&]() -> aio::task<int> { co_return co_await q.get(); });
  auto t2 = spawn([&]() -> aio::task<int> { co_return co_await q.get(); });
  co_await yield();
  t1.cancel();
  co_await yield();
  EXPECT_TRUE(t1.done());
  q.put_nowait(1);
  co_await yield();
  EXPECT_EQ(t2.result(), 1);
}

AIO_TEST(QueueGetTests, test_get_with_waiting_putters) {
  aio::queue<int> q(1);
  auto p1 = spawn([&]() -> aio::task<> { co_await q.put(1); });
  co_await yield();
  auto p2 = spawn([&]() -> aio::task<> { co_await q.put(2); });
  co_await yield();
  EXPECT_EQ(co_await q.get(), 1);
  EXPECT_EQ(co_await q.get(), 2);
  co_await p1;
  co_await p2;
}

AIO_TEST(QueuePutTests, test_blocking_put) {
  aio::queue<int> q;
  co_await q.put(1);
  EXPECT_EQ(q.size(), 1u);
}

AIO_TEST(QueuePutTests, test_nonblocking_put_exception) {
  aio::queue<int> q(1);
  q.put_nowait(1);
  EXPECT_THROW(q.put_nowait(2), aio::queue_full);
  co_return;
}

AIO_TEST(QueuePutTests, test_float_maxsize) {
  // Python: maxsize=1.3 behaves as 1 (and negative as unbounded).
  aio::queue<int> q(-1);
  q.put_nowait(1);
  q.put_nowait(2);
  EXPECT_FALSE(q.full());
  co_return;
}

AIO_TEST(QueuePutTests, test_put_cancelled) {
  aio::queue<int> q;
  auto t = spawn([&]() -> aio::task<bool> {
    co_await q.put(1);
    co_return true;
  });
  EXPECT_EQ(co_await q.get(), 1);
  EXPECT_TRUE(t.done());
  EXPECT_TRUE(t.result());
}

AIO_TEST(QueuePutTests, test_put_cancelled_race) {
  aio::queue<int> q(1);
  auto put_a = spawn([&]() -> aio::task<> { co_await q.put('a'); });
  auto put_b = spawn([&]() -> aio::task<> { co_await q.put('b'); });
  auto put_c = spawn([&]() -> aio::task<> { co_await q.put('X'); });
  co_await yield();
  EXPECT_TRUE(put_a.done());
  EXPECT_FALSE(put_b.done());
  put_c.cancel();
  co_await yield();
  EXPECT_TRUE(put_c.done());
  EXPECT_EQ(q.get_nowait(), 'a');
  co_await yield();
  EXPECT_EQ(q.get_nowait(), 'b');
  co_await put_b;
}

AIO_TEST(QueuePutTests, test_task_done_underflow) {
  aio::queue<int> q;
  EXPECT_THROW(q.task_done(), aio::invalid_state_error);
  co_return;
}

AIO_TEST(QueuePutTests, test_join_empty_queue) {
  aio::queue<int> q;
  co_await q.join();
  co_await q.join();
  EXPECT_EQ(q.unfinished_tasks(), 0u);
}

AIO_TEST(QueuePutTests, test_task_done) {
  aio::queue<int> q;
  for (int i = 0; i < 100; ++i) q.put_nowait(i);
  int accumulator = 0;
  bool running = true;
  auto worker = [&]() -> aio::task<> {
    while (running) {
      int item = co_await q.get();
      accumulator += item;
      q.task_done();
    }
  };
  auto w1 = aio::create_task(worker());
  auto w2 = aio::create_task(worker());
  co_await q.join();
  EXPECT_EQ(accumulator, 4950);
  running = false;
  w1.cancel();
  w2.cancel();
  try { co_await w1; } catch (const aio::cancelled_error&) {}
  try { co_await w2; } catch (const aio::cancelled_error&) {}
}

AIO_TEST(LifoQueueTests, test_order) {
  aio::lifo_queue<int> q;
  for (int i : {1, 3, 2}) q.put_nowait(i);
  results items;
  for (int i = 0; i < 3; ++i) items.push_back(q.get_nowait());
  EXPECT_EQ(items, (results{2, 3, 1}));
  co_return;
}

AIO_TEST(PriorityQueueTests, test_order) {
  aio::priority_queue<int> q;
  for (int i : {1, 3, 2}) q.put_nowait(i);
  results items;
  for (int i = 0; i < 3; ++i) items.push_back(q.get_nowait());
  EXPECT_EQ(items, (results{1, 2, 3}));
  co_return;
}

AIO_TEST(QueueShutdownTests, test_shutdown_empty) {
  aio::queue<int> q;
  q.shutdown();
  EXPECT_THROW(co_await q.put(1), aio::queue_shut_down);
  EXPECT_THROW(q.put_nowait(1), aio::queue_shut_down);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
  EXPECT_THROW(q.get_nowait(), aio::queue_shut_down);
}

AIO_TEST(QueueShutdownTests, test_shutdown_nonempty) {
  aio::queue<int> q;
  q.put_nowait(1);
  q.shutdown();
  EXPECT_EQ(co_await q.get(), 1);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
}

AIO_TEST(QueueShutdownTests, test_shutdown_immediate) {
  aio::queue<int> q;
  q.put_nowait(1);
  q.shutdown(true);
  EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
  co_await q.join();  // the dropped item counts as done
}

AIO_TEST(QueueShutdownTests, test_shutdown_wakes_getters_and_putters) {
  aio::queue<int> full(1);
  full.put_nowait(0);
  auto putter = spawn([&]() -> aio::task<> { co_await full.put(1); });
  aio::queue<int> empty;
  auto getter = spawn([&]() -> aio::task<int> { co_return co_await empty.get(); });
  co_await yield();
  full.shutdown();
  empty.shutdown();
  EXPECT_THROW(co_await putter, aio::queue_shut_down);
  EXPECT_THROW(co_await getter, aio::queue_shut_down);
}
