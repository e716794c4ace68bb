// aio::async_generator and aio::to_vector: awaiting and yielding, the end, errors, a consumer
// that stops early (the generator's cleanup runs), cancellation while the generator awaits.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::async_generator<int> ticks(int n) {
  for (int i = 0; i < n; ++i) {
    co_await aio::sleep(1ms);
    co_yield i;
  }
}

struct cleanup_log {
  std::vector<std::string>& log;
  std::string what;
  ~cleanup_log() { log.push_back(what); }
};

aio::async_generator<int> guarded(std::vector<std::string>& log, aio::mutex& m) {
  cleanup_log on_exit{log, "cleaned up"};
  auto g = co_await m.lock();  // held across the yields: released by the destruction
  for (int i = 0;; ++i) {
    co_await aio::sleep(0s);
    co_yield i;
  }
}

aio::async_generator<int> slow_source() {
  co_await aio::sleep(2ms);
  co_yield 5;
}

aio::async_generator<int> fails_after(int n) {
  for (int i = 0; i < n; ++i) co_yield i;
  co_await aio::sleep(0s);
  throw std::runtime_error("generator failed");
}

}  // namespace

AIO_TEST(AsyncGenerator, YieldsValuesBetweenAwaits) {
  aio::testing::virtual_time clock;
  auto start = clock.now();
  auto gen = ticks(3);
  std::vector<int> got;
  while (auto v = co_await gen.next()) got.push_back(*v);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(clock.now() - start, 3ms);
  EXPECT_TRUE(gen.done());
  EXPECT_FALSE(co_await gen.next());  // stays finished
}

AIO_TEST(AsyncGenerator, IsLazy) {
  bool started = false;
  auto gen = [](bool& flag) -> aio::async_generator<int> {
    flag = true;
    co_yield 1;
  }(started);
  EXPECT_FALSE(started);
  EXPECT_EQ(co_await gen.next(), 1);
  EXPECT_TRUE(started);
}

AIO_TEST(AsyncGenerator, ToVectorCollectsEveryItem) {
  aio::testing::virtual_time clock;
  EXPECT_EQ(co_await aio::to_vector(ticks(4)), (std::vector<int>{0, 1, 2, 3}));
  auto gen = ticks(3);
  (void)co_await gen.next();
  EXPECT_EQ(co_await aio::to_vector(gen), (std::vector<int>{1, 2}));  // what is left
  auto empty = [](int) -> aio::async_generator<std::string> { co_return; }(0);
  EXPECT_TRUE((co_await aio::to_vector(std::move(empty))).empty());
}

AIO_TEST(AsyncGenerator, AConsumerThatStopsEarlyDestroysItCleanly) {
  std::vector<std::string> log;
  aio::mutex m;
  {
    auto gen = guarded(log, m);
    while (auto v = co_await gen.next()) {
      if (*v == 2) break;
    }
    EXPECT_TRUE(m.locked());
    EXPECT_TRUE(log.empty());
  }
  EXPECT_EQ(log, std::vector<std::string>{"cleaned up"});
  EXPECT_FALSE(m.locked());
}

AIO_TEST(AsyncGenerator, AnExceptionComesOutOfNextThenItIsFinished) {
  auto gen = fails_after(2);
  EXPECT_EQ(co_await gen.next(), 0);
  EXPECT_EQ(co_await gen.next(), 1);
  EXPECT_THROW(co_await gen.next(), std::runtime_error);
  EXPECT_TRUE(gen.done());
  EXPECT_FALSE(co_await gen.next());
}

AIO_TEST(AsyncGenerator, CancellingTheConsumerIsDeliveredWhereTheGeneratorAwaits) {
  aio::testing::virtual_time clock;
  std::vector<std::string> log;
  auto consumer = aio::create_task([](std::vector<std::string>& out) -> aio::task<int> {
    auto gen = [](std::vector<std::string>& l) -> aio::async_generator<int> {
      cleanup_log on_exit{l, "generator unwound"};
      co_yield 1;
      co_await aio::sleep(1h);
      co_yield 2;
    }(out);
    int sum = 0;
    while (auto v = co_await gen.next()) sum += *v;
    co_return sum;
  }(log));
  co_await aio::sleep(1ms);
  consumer.cancel();
  EXPECT_THROW(co_await consumer, aio::cancelled_error);
  EXPECT_EQ(log, std::vector<std::string>{"generator unwound"});
}

AIO_TEST(AsyncGenerator, MoveOnlyValuesAndGeneratorsInsideGenerators) {
  auto inner = [](int n) -> aio::async_generator<std::unique_ptr<int>> {
    for (int i = 0; i < n; ++i) co_yield std::make_unique<int>(i);
  };
  auto outer = [](auto make) -> aio::async_generator<int> {
    auto gen = make(3);
    while (auto p = co_await gen.next()) co_yield **p * 10;
  }(inner);
  EXPECT_EQ(co_await aio::to_vector(outer), (std::vector<int>{0, 10, 20}));
}

AIO_TEST(AsyncGenerator, AwaitsTasks) {
  aio::testing::virtual_time clock;
  auto gen = []() -> aio::async_generator<int> {
    auto h = aio::create_task([]() -> aio::task<int> {
      co_await aio::sleep(1ms);
      co_return 5;
    }());
    co_yield co_await h;
  }();
  EXPECT_EQ(co_await gen.next(), 5);
  EXPECT_FALSE(co_await gen.next());
}

AIO_TEST(AsyncGenerator, ShowsUpInTheConsumersAsyncStackTrace) {
  aio::testing::virtual_time clock;
  std::string dump;
  auto spy = aio::create_task([](std::string& out) -> aio::task<> {
    co_await aio::sleep(1ms);  // while the consumer is inside the generator
    std::ostringstream text;
    aio::dump_tasks(text);
    out = text.str();
  }(dump));
  auto gen = slow_source();
  EXPECT_EQ(co_await gen.next(), 5);
  co_await spy;
  EXPECT_NE(dump.find("slow_source"), std::string::npos) << dump;
}
