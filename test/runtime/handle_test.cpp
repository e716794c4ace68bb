// join_handle (asyncio.Task): results, state queries, names, done callbacks, current/all tasks.
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
  throw std::logic_error("failed");
}

}  // namespace

AIO_TEST(JoinHandle, AwaitGivesTheValue) {
  auto h = aio::create_task(value_after(7, 0ms));
  EXPECT_FALSE(h.done());
  int v = co_await h;
  EXPECT_EQ(v, 7);
  EXPECT_TRUE(h.done());
  EXPECT_EQ(h.result(), 7);
  EXPECT_EQ(h.exception(), nullptr);
}

AIO_TEST(JoinHandle, ResultBeforeDoneIsInvalidState) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task(value_after(1, 10ms));
  EXPECT_THROW(h.result(), aio::invalid_state_error);
  EXPECT_THROW(h.exception(), aio::invalid_state_error);
  co_await h;
}

AIO_TEST(JoinHandle, FailureIsRethrownAndExposed) {
  auto h = aio::create_task(fail_after(0ms));
  EXPECT_THROW(co_await h, std::logic_error);
  EXPECT_TRUE(h.done());
  EXPECT_FALSE(h.cancelled());
  AIO_ASSERT_NE(h.exception(), nullptr);
  EXPECT_THROW(h.result(), std::logic_error);
}

AIO_TEST(JoinHandle, AwaitingATemporaryMovesTheValue) {
  auto p = co_await aio::create_task([]() -> aio::task<std::unique_ptr<int>> {
    co_return std::make_unique<int>(5);
  }());
  AIO_ASSERT_TRUE(p);
  EXPECT_EQ(*p, 5);
}

AIO_TEST(JoinHandle, NamesDefaultAndCanBeSet) {
  auto a = aio::create_task(value_after(1, 0ms));
  auto b = aio::create_task(value_after(2, 0ms), "worker");
  EXPECT_EQ(a.name().rfind("Task-", 0), 0u);
  EXPECT_EQ(b.name(), "worker");
  b.set_name("renamed");
  EXPECT_EQ(b.name(), "renamed");
  co_await a;
  co_await b;
}

AIO_TEST(JoinHandle, DoneCallbacksRunOnTheLoopAndCanBeRemoved) {
  int calls = 0;
  int removed_calls = 0;
  std::string seen_name;
  auto h = aio::create_task(value_after(3, 0ms), "cb");
  h.add_done_callback([&](aio::join_handle<int>& done) {
    ++calls;
    seen_name = done.name();
    EXPECT_EQ(done.result(), 3);
  });
  auto id = h.add_done_callback([&] { ++removed_calls; });
  EXPECT_EQ(h.remove_done_callback(id), 1u);
  EXPECT_EQ(h.remove_done_callback(id), 0u);
  co_await h;
  EXPECT_EQ(calls, 0);  // scheduled with call_soon, not run inline
  co_await aio::sleep(0s);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(removed_calls, 0);
  EXPECT_EQ(seen_name, "cb");
}

AIO_TEST(JoinHandle, CurrentTaskAndAllTasks) {
  auto me = aio::current_task();
  AIO_ASSERT_TRUE(me);
  auto other = aio::create_task(value_after(1, 0ms), "other");
  auto tasks = aio::all_tasks();
  EXPECT_EQ(tasks.size(), 2u);
  EXPECT_NE(std::find(tasks.begin(), tasks.end(), me), tasks.end());
  EXPECT_NE(std::find(tasks.begin(), tasks.end(), other), tasks.end());
  auto inside = co_await aio::create_task([]() -> aio::task<std::string> { co_return aio::current_task().name(); }(),
                                          "inner");
  EXPECT_EQ(inside, "inner");
  co_await other;
  EXPECT_EQ(aio::all_tasks().size(), 1u);
}

TEST(JoinHandle, NoCurrentTaskOutsideALoop) { EXPECT_FALSE(aio::current_task()); }

TEST(JoinHandle, CreateTaskWithoutALoopThrows) {
  EXPECT_THROW((void)aio::create_task(value_after(1, 0ms)), aio::runtime_error);
}

AIO_TEST(JoinHandle, DroppedHandleKeepsTheTaskRunning) {
  bool finished = false;
  {
    auto h = aio::create_task([](bool& flag) -> aio::task<> {
      co_await aio::sleep(1ms);
      flag = true;
    }(finished));
  }
  co_await aio::sleep(5ms);
  EXPECT_TRUE(finished);
}

namespace {
aio::task<int> spawn_chain(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await aio::create_task(spawn_chain(depth - 1));
}
}  // namespace

AIO_TEST(JoinHandle, LongChainOfAwaitedTasksCompletesWithoutGrowingTheStack) {
  EXPECT_EQ(co_await aio::create_task(spawn_chain(100000)), 100000);
}
