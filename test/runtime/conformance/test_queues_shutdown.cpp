// CPython Lib/test/test_asyncio/test_queues.py, _QueueShutdownTestMixin (asyncio 3.13
// Queue.shutdown) on aio::queue, with the mixin's helper coroutines translated as they are.
//
// Translated from the 3.13 development version of the file; where the released 3.13 changed
// the behaviour, the case asserts the release (aio's contract) and says so.
// Skipped: test_shutdown_repr, test_shutdown_allowed_transitions (repr and the private
// _shutdown_state), test_shutdown_put_join / test_shutdown_immediate_put_and_join (they set
// the private q._finished), the Lifo/Priority runs of the mixin (one shared queue_core), and the
// len(q._putters) / len(q._getters) assertions (private lists).
#include <algorithm>
#include <string>

#include "conformance.hpp"

using namespace conformance;

namespace {
using str_queue = aio::queue<std::string>;
using flags = std::vector<bool>;
constexpr auto delay = 1ms;

aio::task<std::string> get_(str_queue& q, aio::event& go, flags& results, bool shutdown = false) {
  co_await go.wait();
  try {
    std::string msg = co_await q.get();
    results.push_back(!shutdown);
    co_return msg;
  } catch (const aio::queue_shut_down&) {
    results.push_back(shutdown);
    co_return "";
  }
}
aio::task<std::string> get_nowait_(str_queue& q, aio::event& go, flags& results, bool shutdown = false) {
  co_await go.wait();
  try {
    std::string msg = q.get_nowait();
    results.push_back(!shutdown);
    co_return msg;
  } catch (const aio::queue_shut_down&) {
    results.push_back(shutdown);
    co_return "";
  }
}
aio::task<std::string> get_task_done_(str_queue& q, aio::event& go, flags& results) {
  co_await go.wait();
  try {
    std::string msg = co_await q.get();
    q.task_done();
    results.push_back(true);
    co_return msg;
  } catch (const aio::queue_shut_down&) {
    results.push_back(false);
    co_return "";
  }
}
aio::task<bool> put_(str_queue& q, aio::event& go, std::string msg, flags& results, bool shutdown = false) {
  co_await go.wait();
  try {
    co_await q.put(std::move(msg));
    results.push_back(!shutdown);
    co_return !shutdown;
  } catch (const aio::queue_shut_down&) {
    results.push_back(shutdown);
    co_return shutdown;
  }
}
aio::task<bool> put_nowait_(str_queue& q, aio::event& go, std::string msg, flags& results, bool shutdown = false) {
  co_await go.wait();
  try {
    q.put_nowait(std::move(msg));
    results.push_back(false);
    co_return !shutdown;
  } catch (const aio::queue_shut_down&) {
    results.push_back(true);
    co_return shutdown;
  }
}
aio::task<> shutdown_(str_queue& q, aio::event& go, bool immediate) {
  q.shutdown(immediate);
  co_await aio::sleep(delay);
  go.set();
  co_await aio::sleep(delay);
}
aio::task<bool> join_(str_queue& q, flags& results, bool shutdown = false) {
  try {
    co_await q.join();
    results.push_back(!shutdown);
    co_return true;
  } catch (const aio::queue_shut_down&) {
    results.push_back(shutdown);
    co_return false;
  }
}

aio::task<> shutdown_all_methods_in_one_task(bool immediate) {
  str_queue q;
  co_await q.put("L");
  q.put_nowait("O");
  q.shutdown(immediate);
  EXPECT_THROW(co_await q.put("E"), aio::queue_shut_down);
  EXPECT_THROW(q.put_nowait("W"), aio::queue_shut_down);
  if (immediate) {
    EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
    EXPECT_THROW(q.get_nowait(), aio::queue_shut_down);
    // Released 3.13: the dropped items count as done, so task_done() is one too many
    // (ValueError) and join() returns (the development version raised QueueShutDown).
    EXPECT_THROW(q.task_done(), aio::invalid_state_error);
    co_await q.join();
  } else {
    std::string first = co_await q.get();
    EXPECT_TRUE(first == "L" || first == "O");
    q.task_done();
    std::string second = q.get_nowait();
    EXPECT_TRUE(second == "L" || second == "O");
    q.task_done();
    co_await q.join();
    // on shutdown(immediate=False), when the queue is empty, get raises
    EXPECT_THROW(co_await q.get(), aio::queue_shut_down);
    EXPECT_THROW(q.get_nowait(), aio::queue_shut_down);
  }
}

aio::task<> shutdown_putters(bool immediate) {
  aio::testing::virtual_time clock;
  str_queue q(2);
  co_await q.put("E");
  co_await q.put("W");
  // queue full
  auto t = aio::create_task([](str_queue& q) -> aio::task<> { co_await q.put("Y"); }(q));
  co_await aio::sleep(delay);
  q.shutdown(immediate);
  EXPECT_THROW(co_await t, aio::queue_shut_down);  // here `t` raises a QueueShutDown
}

aio::task<> shutdown_getters(bool immediate) {
  aio::testing::virtual_time clock;
  str_queue q(1);
  co_await q.put("Y");
  const std::size_t nb = q.size();
  // queue full
  auto first = aio::create_task([](str_queue& q) -> aio::task<std::string> { co_return co_await q.get(); }(q));
  co_await aio::sleep(delay);
  auto t = aio::create_task([](str_queue& q) -> aio::task<std::string> { co_return co_await q.get(); }(q));
  co_await aio::sleep(delay);
  EXPECT_EQ(first.result(), "Y");
  q.shutdown(immediate);
  // Released 3.13: shutdown() wakes every getter, and on an empty queue each raises
  // QueueShutDown, immediate or not (the development version left `t` pending without immediate).
  EXPECT_THROW(co_await t, aio::queue_shut_down);
  EXPECT_EQ(q.unfinished_tasks(), nb);
}

aio::task<> shutdown_get(bool immediate) {
  aio::testing::virtual_time clock;
  str_queue q(2);
  flags results;
  aio::event go;
  co_await q.put("Y");
  co_await q.put("D");
  // queue full
  std::vector<aio::task<std::string>> coros;
  if (immediate) {
    coros.push_back(get_(q, go, results, true));
    coros.push_back(get_nowait_(q, go, results, true));
  } else {
    // one of these tasks should raise QueueShutDown
    coros.push_back(get_(q, go, results));
    coros.push_back(get_nowait_(q, go, results));
    coros.push_back(get_nowait_(q, go, results));
  }
  const std::size_t n = coros.size();
  std::vector<aio::join_handle<std::string>> t;
  for (auto& coro : coros) t.push_back(aio::create_task(std::move(coro)));
  auto stopper = aio::create_task(shutdown_(q, go, immediate));
  for (auto& h : t) co_await h;
  co_await stopper;
  if (immediate) {
    EXPECT_EQ(results, flags(n, true));
  } else {
    std::sort(results.begin(), results.end());
    EXPECT_EQ(results, (flags{false, true, true}));
  }
}

aio::task<> shutdown_put(bool immediate) {
  aio::testing::virtual_time clock;
  str_queue q;
  flags results;
  aio::event go;
  // queue not empty
  auto a = aio::create_task(put_(q, go, "Y", results, true));
  auto b = aio::create_task(put_nowait_(q, go, "D", results, true));
  auto stopper = aio::create_task(shutdown_(q, go, immediate));
  co_await aio::gather(a, b, stopper);
  EXPECT_EQ(results, (flags{true, true}));
}
}  // namespace

AIO_TEST(QueueShutdownTests, test_shutdown_all_methods_in_one_task) { co_await shutdown_all_methods_in_one_task(false); }
AIO_TEST(QueueShutdownTests, test_shutdown_immediate_all_methods_in_one_task) {
  co_await shutdown_all_methods_in_one_task(true);
}
AIO_TEST(QueueShutdownTests, test_shutdown_putters_deque) { co_await shutdown_putters(false); }
AIO_TEST(QueueShutdownTests, test_shutdown_immediate_putters_deque) { co_await shutdown_putters(true); }
AIO_TEST(QueueShutdownTests, test_shutdown_getters_deque) { co_await shutdown_getters(false); }
AIO_TEST(QueueShutdownTests, test_shutdown_immediate_getters_deque) { co_await shutdown_getters(true); }
AIO_TEST(QueueShutdownTests, test_shutdown_get) { co_await shutdown_get(false); }
AIO_TEST(QueueShutdownTests, test_shutdown_immediate_get) { co_await shutdown_get(true); }
AIO_TEST(QueueShutdownTests, test_shutdown_put) { co_await shutdown_put(false); }
AIO_TEST(QueueShutdownTests, test_shutdown_immediate_put) { co_await shutdown_put(true); }

AIO_TEST(QueueShutdownTests, test_shutdown_get_task_done_join) {
  aio::testing::virtual_time clock;
  str_queue q(2);
  flags results;
  aio::event go;
  co_await q.put("Y");
  co_await q.put("D");
  EXPECT_EQ(q.unfinished_tasks(), q.size());
  // queue full
  auto t0 = aio::create_task(get_task_done_(q, go, results));
  auto t1 = aio::create_task(get_task_done_(q, go, results));
  auto t2 = aio::create_task(join_(q, results));
  auto t3 = aio::create_task(join_(q, results));
  auto stopper = aio::create_task(shutdown_(q, go, false));
  co_await aio::gather(t0, t1, t2, t3, stopper);
  EXPECT_EQ(results, flags(4, true));
  EXPECT_TRUE(t0.result() == "Y" || t0.result() == "D");
  EXPECT_TRUE(t1.result() == "Y" || t1.result() == "D");
  EXPECT_NE(t0.result(), t1.result());
  EXPECT_EQ(q.unfinished_tasks(), 0u);
}
