#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

namespace {

aio::task<int> answer() { co_return 42; }

aio::task<int> add_twice() {
  int a = co_await answer();
  int b = co_await answer();
  co_return a + b;
}

aio::task<std::string> fails() {
  co_await aio::sleep(0s);
  throw std::runtime_error("boom");
}

aio::task<std::string> calls_failing() { co_return co_await fails(); }

aio::task<int> deep(int n) {
  if (n == 0) co_return 0;
  co_return 1 + co_await deep(n - 1);
}

}  // namespace

TEST(Task, RunReturnsTheResult) { EXPECT_EQ(aio::run(answer()), 42); }

TEST(Task, AwaitsChainInOrder) { EXPECT_EQ(aio::run(add_twice()), 84); }

TEST(Task, ExceptionPropagatesThroughChain) {
  EXPECT_THROW(
      {
        try {
          aio::run(calls_failing());
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "boom");
          throw;
        }
      },
      std::runtime_error);
}

TEST(Task, IsLazy) {
  bool ran = false;
  auto body = [&]() -> aio::task<> {
    ran = true;
    co_return;
  };
  {
    auto t = body();
    EXPECT_FALSE(ran);
    aio::run(std::move(t));
  }
  EXPECT_TRUE(ran);
}

TEST(Task, DeepSynchronousChainDoesNotGrowTheStack) { EXPECT_EQ(aio::run(deep(100000)), 100000); }

TEST(Task, VoidTaskRuns) {
  int steps = 0;
  auto body = [&]() -> aio::task<> {
    ++steps;
    co_await aio::sleep(0s);
    ++steps;
  };
  aio::run(body());
  EXPECT_EQ(steps, 2);
}

TEST(Sleep, SleepsAtLeastTheDuration) {
  auto body = []() -> aio::task<aio::clock::duration> {
    auto& loop = aio::get_running_loop();
    auto before = loop.time();
    co_await aio::sleep(20ms);
    co_return loop.time() - before;
  };
  EXPECT_GE(aio::run(body()), 20ms);
}

TEST(Sleep, ShorterSleepWakesFirst) {
  std::string order;
  auto sleeper = [&](char name, std::chrono::milliseconds d) -> aio::task<> {
    co_await aio::sleep(d);
    order += name;
  };
  auto body = [&]() -> aio::task<> {
    co_await sleeper('a', 1ms);
    co_await sleeper('b', 0ms);
  };
  aio::run(body());
  EXPECT_EQ(order, "ab");
}

TEST(Run, NoRunningLoopOutsideRun) { EXPECT_THROW(aio::get_running_loop(), aio::runtime_error); }

TEST(Sleep, AcceptsAnyDurationType) {
  auto body = []() -> aio::task<> {
    aio::testing::virtual_time clock;
    co_await aio::sleep(std::chrono::duration<double>(0.001));
    co_await aio::sleep(std::chrono::duration<int, std::milli>(1));
    auto forever = aio::create_task(aio::detail::as_task(aio::sleep(std::chrono::hours::max())));
    co_await aio::sleep(0s);
    forever.cancel();
    try {
      co_await forever;
    } catch (const aio::cancelled_error&) {
    }
    EXPECT_TRUE(forever.cancelled());
  };
  aio::run(body());
}
