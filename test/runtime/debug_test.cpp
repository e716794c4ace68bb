// Debug mode reports and dump_tasks; virtual time.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;

namespace {

std::vector<aio::exception_context> reports;
void record(aio::event_loop&, const aio::exception_context& c) { reports.push_back(c); }

aio::task<int> fails_soon() {
  co_await aio::sleep(0s);
  throw std::runtime_error("nobody looks at me");
}

aio::task<int> never_awaited_coroutine() { co_return 1; }

aio::task<> innermost() { co_await aio::sleep(1h); }
aio::task<> middle() { co_await innermost(); }

}  // namespace

AIO_TEST(Debug, UnretrievedExceptionIsReported) {
  reports.clear();
  aio::get_running_loop().set_exception_handler(record);
  { auto dropped = aio::create_task(fails_soon(), "careless"); }
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  AIO_ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, aio::report_kind::exception_never_retrieved);
  EXPECT_EQ(reports[0].task_name, "careless");
  EXPECT_NE(std::string(reports[0].location.function_name()).find("fails_soon"), std::string::npos);
  EXPECT_THROW(std::rethrow_exception(reports[0].exception), std::runtime_error);
}

AIO_TEST(Debug, RetrievedExceptionIsNotReported) {
  reports.clear();
  aio::get_running_loop().set_exception_handler(record);
  {
    auto h = aio::create_task(fails_soon());
    co_await aio::sleep(0s);
    co_await aio::sleep(0s);
    EXPECT_NE(h.exception(), nullptr);
  }
  EXPECT_TRUE(reports.empty());
}

AIO_TEST(Debug, NeverAwaitedTaskIsReported) {
  reports.clear();
  aio::get_running_loop().set_exception_handler(record);
  { auto forgotten = never_awaited_coroutine(); }
  AIO_ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, aio::report_kind::never_awaited);
  EXPECT_NE(reports[0].message.find("never_awaited_coroutine"), std::string::npos);
  EXPECT_NE(reports[0].message.find("was never awaited"), std::string::npos);
  EXPECT_GT(reports[0].location.line(), 0u);
  co_return;
}

TEST(Debug, NeverAwaitedIsQuietOutsideDebugMode) {
  reports.clear();
  auto main = []() -> aio::task<> {
    aio::get_running_loop().set_exception_handler(record);
    { auto forgotten = never_awaited_coroutine(); }
    co_return;
  };
  if (std::getenv("AIO_DEBUG")) GTEST_SKIP() << "AIO_DEBUG is set";
  aio::run(main());
  EXPECT_TRUE(reports.empty());
}

AIO_TEST(Debug, SlowStepIsReportedWithTaskNameAndLocation) {
  reports.clear();
  auto& loop = aio::get_running_loop();
  loop.set_exception_handler(record);
  loop.slow_callback_duration(5ms);
  auto h = aio::create_task([]() -> aio::task<> {
    std::this_thread::sleep_for(20ms);  // a blocking step: exactly what debug mode is for
    co_return;
  }(), "blocker");
  co_await h;
  AIO_ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports[0].kind, aio::report_kind::slow_callback);
  EXPECT_EQ(reports[0].task_name, "blocker");
  EXPECT_NE(reports[0].message.find("took"), std::string::npos);
  EXPECT_GT(reports[0].location.line(), 0u);
}

AIO_TEST(Debug, DumpTasksShowsTheAwaitChain) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task(middle(), "deep");
  auto watcher = aio::create_task([](aio::join_handle<> t) -> aio::task<> { co_await t; }(h), "watcher");
  co_await aio::sleep(1ms);
  std::ostringstream out;
  aio::dump_tasks(out);
  const std::string text = out.str();
  EXPECT_NE(text.find("Task 'deep'"), std::string::npos) << text;
  EXPECT_NE(text.find("middle"), std::string::npos) << text;
  EXPECT_NE(text.find("innermost"), std::string::npos) << text;
  EXPECT_LT(text.find("middle"), text.find("innermost")) << text;
  EXPECT_NE(text.find("waiting on: sleep"), std::string::npos) << text;
  EXPECT_NE(text.find("awaited by: Task 'watcher'"), std::string::npos) << text;
  EXPECT_NE(text.find("(running)"), std::string::npos) << text;
  watcher.cancel();
  EXPECT_THROW(co_await watcher, aio::cancelled_error);
  EXPECT_TRUE(h.cancelled());
}

AIO_TEST(VirtualTime, SleepingAnHourIsInstant) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto virtual_start = loop.time();
  const auto real_start = std::chrono::steady_clock::now();
  co_await aio::sleep(1h);
  EXPECT_GE(loop.time() - virtual_start, 1h);
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 1min);
}

AIO_TEST(VirtualTime, AdvanceMovesTheClock) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  clock.advance(10s);
  EXPECT_EQ(clock.now() - start, 10s);
  co_return;
}

TEST(VirtualTime, RunOptionStartsWithIt) {
  auto main = []() -> aio::task<bool> {
    co_await aio::sleep(24h);
    co_return aio::get_running_loop().virtual_time();
  };
  aio::run_options options;
  options.virtual_time = true;
  EXPECT_TRUE(aio::run(main(), options));
}

TEST(Debug, EnvironmentVariableTurnsDebugModeOn) {
  const char* before = std::getenv("AIO_DEBUG");
  const std::string saved = before ? before : "";
  ::setenv("AIO_DEBUG", "1", 1);
  const bool on = aio::run([]() -> aio::task<bool> { co_return aio::get_running_loop().get_debug(); }());
  ::setenv("AIO_DEBUG", "0", 1);
  const bool off = aio::run([]() -> aio::task<bool> { co_return aio::get_running_loop().get_debug(); }());
  if (before) ::setenv("AIO_DEBUG", saved.c_str(), 1); else ::unsetenv("AIO_DEBUG");
  EXPECT_TRUE(on);
  EXPECT_FALSE(off);
}
