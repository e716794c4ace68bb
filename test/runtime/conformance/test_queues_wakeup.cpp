// CPython Lib/test/test_asyncio/test_queues.py, the cases about who is woken and when
// (QueueGetTests, QueuePutTests) and the join mixin run on LifoQueue and PriorityQueue.
// aio's queue runs asyncio's algorithm: a put appends and wakes the first getter, which takes
// an item in its own turn, so these programs see asyncio's results in asyncio's order.
//
// Skipped assertions: len(queue._getters) / len(queue._putters) (private lists; what they
// guard, that a cancelled waiter is not woken later, is asserted through the next put/get).
#include <algorithm>
#include <set>

#include "conformance.hpp"

using namespace conformance;

namespace {
template <class Q>
aio::task<int> get_from(Q& q) {
  co_return co_await q.get();
}
template <class Q>
aio::task<> put_into(Q& q, int item) {
  co_await q.put(item);
}
}  // namespace

AIO_TEST(QueueGetTests, test_why_are_getters_waiting) {
  aio::queue<int> q(1);
  results got;
  auto consumer = [&](int num_expected) -> aio::task<> {
    for (int i = 0; i < num_expected; ++i) got.push_back(co_await q.get());
  };
  auto producer = [&](int num_items) -> aio::task<> {
    for (int i = 0; i < num_items; ++i) co_await q.put(i);
  };
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(producer(5));
    tg.create_task(consumer(5));
    co_return;
  });
  EXPECT_EQ(got, (results{0, 1, 2, 3, 4}));  // the Python test asserts only that it finishes
}

AIO_TEST(QueueGetTests, test_cancelled_getters_not_being_held_in_self_getters) {
  aio::testing::virtual_time clock;
  aio::queue<int> q(5);
  EXPECT_THROW(co_await aio::wait_for(q.get(), 100ms), aio::timeout_error);
  // Not held: a put now stays in the queue for the next getter.
  q.put_nowait(1);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(co_await q.get(), 1);
}

AIO_TEST(QueuePutTests, test_blocking_put_wait) {
  aio::testing::virtual_time clock;
  aio::queue<int> q(1);
  aio::event started;
  bool finished = false;
  auto queue_put = [&]() -> aio::task<> {
    started.set();
    co_await q.put(1);
    co_await q.put(2);
    finished = true;
  };
  aio::get_running_loop().call_later(10ms, [&] { q.get_nowait(); });
  auto queue_put_task = aio::create_task(queue_put());
  co_await started.wait();
  EXPECT_FALSE(finished);
  co_await queue_put_task;
  EXPECT_TRUE(finished);
}

AIO_TEST(QueuePutTests, test_nonblocking_put) {
  aio::queue<int> q;
  q.put_nowait(1);
  EXPECT_EQ(q.get_nowait(), 1);
  co_return;
}

AIO_TEST(QueuePutTests, test_get_cancel_drop_one_pending_reader) {
  aio::queue<int> q;
  auto reader = aio::create_task(get_from(q));
  co_await yield();
  q.put_nowait(1);
  q.put_nowait(2);
  reader.cancel();
  bool cancelled = false;
  try {
    co_await reader;
  } catch (const aio::cancelled_error&) {
    cancelled = true;  // try again (after the handler: no co_await in a catch)
  }
  if (cancelled) {
    reader = aio::create_task(get_from(q));
    co_await reader;
  }
  EXPECT_EQ(reader.result(), 1);  // 2 would mean 1 got dropped
}

AIO_TEST(QueuePutTests, test_get_cancel_drop_many_pending_readers) {
  aio::queue<int> q;
  aio::join_handle<int> reader1, reader2, reader3;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    reader1 = tg.create_task(get_from(q));
    reader2 = tg.create_task(get_from(q));
    reader3 = tg.create_task(get_from(q));
    co_await yield();
    q.put_nowait(1);
    q.put_nowait(2);
    reader1.cancel();
    EXPECT_THROW(co_await reader1, aio::cancelled_error);
    co_await reader3;
  });
  // It is undefined in which order concurrent readers receive results.
  EXPECT_EQ((std::set<int>{reader2.result(), reader3.result()}), (std::set<int>{1, 2}));
}

AIO_TEST(QueuePutTests, test_put_cancel_drop) {
  aio::queue<int> q(1);
  q.put_nowait(1);
  // putting a second item in the queue has to block (qsize=1)
  auto writer = aio::create_task(put_into(q, 2));
  co_await yield();
  EXPECT_EQ(q.get_nowait(), 1);
  writer.cancel();
  bool cancelled = false;
  try {
    co_await writer;
  } catch (const aio::cancelled_error&) {
    cancelled = true;
  }
  if (cancelled) {  // try again
    writer = aio::create_task(put_into(q, 2));
    co_await writer;
  }
  EXPECT_EQ(q.get_nowait(), 2);
  EXPECT_EQ(q.size(), 0u);
}

AIO_TEST(QueuePutTests, test_put_with_waiting_getters) {
  aio::queue<int> q;
  auto t = aio::create_task(get_from(q));
  co_await yield();
  co_await q.put('a');
  EXPECT_EQ(co_await t, 'a');
}

AIO_TEST(QueuePutTests, test_why_are_putters_waiting) {
  aio::queue<int> queue(2);
  int got = 0;
  auto getter = [&]() -> aio::task<> {
    co_await yield();
    const std::size_t num = queue.size();
    for (std::size_t i = 0; i < num; ++i) {
      queue.get_nowait();
      ++got;
    }
  };
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(getter());
    for (int i = 0; i < 4; ++i) tg.create_task(put_into(queue, i));
    co_return;
  });
  EXPECT_EQ(got, 2);               // the Python test asserts only that the group finishes
  EXPECT_EQ(queue.get_nowait(), 2);  // the woken putters put in the order they waited
  EXPECT_EQ(queue.get_nowait(), 3);
}

AIO_TEST(QueuePutTests, test_cancelled_puts_not_being_held_in_self_putters) {
  aio::queue<int> queue(1);
  queue.put_nowait(1);
  auto put_task = aio::create_task(put_into(queue, 1));
  co_await yield();
  put_task.cancel();
  EXPECT_THROW(co_await put_task, aio::cancelled_error);
  // Not held: the slot a get frees goes to the next put, not to the cancelled one.
  queue.get_nowait();
  queue.put_nowait(2);
  EXPECT_TRUE(queue.full());
  EXPECT_EQ(queue.get_nowait(), 2);
}

AIO_TEST(QueuePutTests, test_cancelled_put_silence_value_error_exception) {
  aio::queue<int> queue(1);
  queue.put_nowait(1);
  auto put_task = aio::create_task(put_into(queue, 1));
  co_await yield();
  queue.get_nowait();  // wakes put_task
  put_task.cancel();   // before it ran
  EXPECT_THROW(co_await put_task, aio::cancelled_error);
  EXPECT_TRUE(queue.empty());
}

// _QueueJoinTestMixin on the two other queue classes (aio::queue: QueuePutTests above).
namespace {
template <class Q>
aio::task<> task_done_underflow() {
  Q q;
  EXPECT_THROW(q.task_done(), aio::invalid_state_error);
  co_return;
}
template <class Q>
aio::task<> task_done_case() {
  Q q;
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
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(worker());
    tg.create_task(worker());
    co_await q.join();
    EXPECT_EQ(accumulator, 4950);
    running = false;  // close running workers
    q.put_nowait(0);
    q.put_nowait(0);
  });
}
template <class Q>
aio::task<> join_empty_queue() {
  Q q;
  co_await q.join();
  co_await q.join();
}
}  // namespace

AIO_TEST(LifoQueueJoinTests, test_task_done_underflow) { co_await task_done_underflow<aio::lifo_queue<int>>(); }
AIO_TEST(LifoQueueJoinTests, test_task_done) { co_await task_done_case<aio::lifo_queue<int>>(); }
AIO_TEST(LifoQueueJoinTests, test_join_empty_queue) { co_await join_empty_queue<aio::lifo_queue<int>>(); }
AIO_TEST(PriorityQueueJoinTests, test_task_done_underflow) {
  co_await task_done_underflow<aio::priority_queue<int>>();
}
AIO_TEST(PriorityQueueJoinTests, test_task_done) { co_await task_done_case<aio::priority_queue<int>>(); }
AIO_TEST(PriorityQueueJoinTests, test_join_empty_queue) { co_await join_empty_queue<aio::priority_queue<int>>(); }
