// to_thread / run_in_executor / thread_pool: results and exceptions come back to the awaiting
// task; a cancelled awaiter leaves the worker's later completion harmless.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <atomic>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "io_backends.hpp"

using namespace std::chrono_literals;

namespace {
int add(int a, int b) { return a + b; }
}  // namespace

AIO_IO_TEST(ThreadPool, ToThreadReturnsTheResultOnTheLoopThread) {
  const auto loop_thread = std::this_thread::get_id();
  std::thread::id worker;
  int sum = co_await aio::to_thread([&worker](int a, int b) {
    worker = std::this_thread::get_id();
    return add(a, b);
  }, 2, 3);
  EXPECT_EQ(sum, 5);
  EXPECT_NE(worker, loop_thread);
  EXPECT_EQ(std::this_thread::get_id(), loop_thread);
}

AIO_IO_TEST(ThreadPool, RunInExecutorOnTheDefaultPoolAndOnAnExplicitPool) {
  auto& loop = aio::get_running_loop();
  std::string joined = co_await loop.run_in_executor(nullptr, [](std::string a, std::string b) { return a + b; },
                                                     std::string("as"), std::string("ync"));
  EXPECT_EQ(joined, "async");
  aio::thread_pool pool{2};
  EXPECT_EQ(co_await aio::run_in_executor(pool, add, 40, 2), 42);
  co_await aio::run_in_executor(pool, [] {});  // void results
}

AIO_IO_TEST(ThreadPool, ExceptionsReachTheAwaitingTask) {
  auto failing = [] () -> int { throw std::invalid_argument("bad input"); };
  EXPECT_THROW(co_await aio::to_thread(failing), std::invalid_argument);
  aio::thread_pool pool{1};
  try {
    co_await aio::run_in_executor(pool, [] { throw std::runtime_error("from the pool"); });
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "from the pool");
  }
}

AIO_IO_TEST(ThreadPool, GatherRunsCallsInParallelAndKeepsTheirOrder) {
  auto [a, b, c] = co_await aio::gather(aio::to_thread(add, 1, 1), aio::to_thread(add, 2, 2), aio::to_thread(add, 3, 3));
  EXPECT_EQ(a + b * 10 + c * 100, 2 + 40 + 600);
}

AIO_IO_TEST(ThreadPool, CancellingTheAwaiterLeavesTheWorkerHarmless) {
  // The worker blocks until released after its awaiter was cancelled; its completion must find
  // the shared state alive and the task gone.
  auto release = std::make_shared<std::promise<void>>();
  auto released = release->get_future().share();
  auto finished = std::make_shared<std::atomic<bool>>(false);
  auto start = std::make_shared<std::promise<void>>();
  auto started = start->get_future().share();
  aio::thread_pool pool{1};
  auto h = aio::create_task([](aio::thread_pool& p, std::shared_future<void> gate, std::shared_ptr<std::promise<void>> go,
                               std::shared_ptr<std::atomic<bool>> done) -> aio::task<int> {
    auto result = co_await aio::run_in_executor(p, [gate, go, done] {
      go->set_value();
      gate.wait();
      done->store(true);
      return std::make_unique<int>(7);  // a result that must be freed, not leaked
    });
    co_return *result;
  }(pool, released, start, finished));
  co_await aio::to_thread([started] { started.wait(); });  // the call is running, not queued
  EXPECT_TRUE(h.cancel());
  EXPECT_THROW(co_await h, aio::cancelled_error);
  release->set_value();
  pool.shutdown();  // waits for the worker: its completion is posted to the loop
  EXPECT_TRUE(finished->load());
  co_await aio::sleep(0s);  // the stale completion runs and finds nobody waiting
  co_await aio::sleep(0s);
}

AIO_IO_TEST(ThreadPool, ACancelledCallThatHasNotStartedIsSkipped) {
  aio::thread_pool pool{1};
  std::promise<void> gate;
  auto opened = gate.get_future().share();
  std::atomic<int> ran{0};
  auto blocker = aio::create_task(aio::detail::as_task(aio::run_in_executor(pool, [opened] { opened.wait(); })));
  auto queued = aio::create_task(aio::detail::as_task(aio::run_in_executor(pool, [&ran] { ++ran; })));
  co_await aio::sleep(0s);
  queued.cancel();
  EXPECT_THROW(co_await queued, aio::cancelled_error);
  gate.set_value();
  co_await blocker;
  pool.shutdown();
  EXPECT_EQ(ran.load(), 0);
}

TEST(ThreadPool, LoopCloseWithACallStillRunningDoesNotTouchTheDeadLoop) {
  std::promise<void> gate;
  auto opened = gate.get_future().share();
  std::thread opener;
  aio::run([](std::shared_future<void> wait_for, std::promise<void>& open, std::thread& t) -> aio::task<> {
    auto h = aio::create_task(aio::detail::as_task(aio::to_thread([wait_for] { wait_for.wait(); return 1; })));
    co_await aio::sleep(0s);
    // Opened only once the loop is shutting down; the default pool waits for it at close.
    t = std::thread([&open] { std::this_thread::sleep_for(1ms); open.set_value(); });
    (void)h;
  }(opened, gate, opener));
  opener.join();
}
