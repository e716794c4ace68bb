// Loop callbacks and context variables: as asyncio's Handle, a callback (call_soon, call_later,
// call_soon_threadsafe, a future's or a task's done callback) runs in a copy of the context
// current when it was scheduled or added, so what it sets reaches nobody else.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::context_var<int> level{"level"};

int current_level() { return level.get(-1); }

}  // namespace

TEST(CallbackContext, CallSoonSeesTheSchedulersValuesAtSchedulingTime) {
  std::vector<int> seen;
  aio::run([&]() -> aio::task<> {
    auto& loop = aio::get_running_loop();
    level.set(1);
    loop.call_soon([&] { seen.push_back(current_level()); });
    level.set(2);  // after scheduling: the callback's copy keeps 1
    loop.call_soon([&] { seen.push_back(current_level()); });
    co_await aio::sleep(0s);
    EXPECT_EQ(current_level(), 2);
  }());
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_EQ(current_level(), -1);
}

TEST(CallbackContext, ASetInACallbackReachesNeitherTheNextCallbackNorTheTaskNorTheThread) {
  std::vector<int> seen;
  aio::run([&]() -> aio::task<> {
    auto& loop = aio::get_running_loop();
    loop.call_soon([&] {
      level.set(5);
      seen.push_back(current_level());
    });
    loop.call_soon([&] { seen.push_back(current_level()); });
    co_await aio::sleep(0s);
    seen.push_back(current_level());
  }());
  EXPECT_EQ(seen, (std::vector<int>{5, -1, -1}));
  EXPECT_EQ(current_level(), -1);
}

TEST(CallbackContext, CallLaterCarriesTheContextOfItsScheduling) {
  int seen = 0;
  aio::run(
      [&]() -> aio::task<> {
        level.set(3);
        aio::get_running_loop().call_later(5ms, [&] { seen = current_level(); });
        level.set(4);
        co_await aio::sleep(10ms);
      }(),
      {.virtual_time = true});
  EXPECT_EQ(seen, 3);
}

TEST(CallbackContext, ATaskDoneCallbackRunsInTheAddersContextNotTheTasks) {
  int seen = 0;
  aio::run([&]() -> aio::task<> {
    level.set(7);
    auto h = aio::create_task([]() -> aio::task<> {
      level.set(9);  // the child's own copy
      co_await aio::sleep(0s);
    }());
    h.add_done_callback([&] {
      seen = current_level();
      level.set(8);
    });
    co_await h;
    co_await aio::sleep(0s);  // the callback has run
    EXPECT_EQ(current_level(), 7);
  }());
  EXPECT_EQ(seen, 7);
  EXPECT_EQ(current_level(), -1);
}

TEST(CallbackContext, CallSoonThreadsafeCarriesThePostingThreadsContext) {
  int seen = 0;
  aio::run([&]() -> aio::task<> {
    auto& loop = aio::get_running_loop();
    aio::future<> done = loop.create_future();
    std::thread poster([&] {
      level.set(11);  // this thread's own context
      loop.call_soon_threadsafe([&] {
        seen = current_level();
        done.set_result();
      });
    });
    co_await done;
    poster.join();
    EXPECT_EQ(current_level(), -1);
  }());
  EXPECT_EQ(seen, 11);
  EXPECT_EQ(current_level(), -1);
}

TEST(CallbackContext, ACallbackThatThrowsIsReportedAndLeavesTheThreadsContextAlone) {
  int reports = 0;
  int level_in_handler = 0;
  aio::run([&]() -> aio::task<> {
    auto& loop = aio::get_running_loop();
    loop.set_exception_handler([&](aio::event_loop&, const aio::exception_context& context) {
      EXPECT_EQ(context.kind, aio::report_kind::exception_in_callback);
      ++reports;
      level_in_handler = current_level();  // asyncio calls the handler outside the callback's context
    });
    loop.call_soon([] {
      level.set(12);
      throw std::runtime_error("boom");
    });
    co_await aio::sleep(0s);
    co_await aio::sleep(0s);
  }());
  EXPECT_EQ(reports, 1);
  EXPECT_EQ(level_in_handler, -1);
  EXPECT_EQ(current_level(), -1);
}

TEST(CallbackContext, ATaskCreatedInACallbackStartsFromTheCallbacksCopy) {
  int seen = 0;
  aio::run([&]() -> aio::task<> {
    level.set(20);
    std::vector<aio::join_handle<int>> children;
    aio::get_running_loop().call_soon([&] {
      level.set(21);
      children.push_back(aio::create_task([]() -> aio::task<int> { co_return current_level(); }()));
    });
    co_await aio::sleep(0s);
    seen = co_await children.at(0);
    EXPECT_EQ(current_level(), 20);
  }());
  EXPECT_EQ(seen, 21);
}
