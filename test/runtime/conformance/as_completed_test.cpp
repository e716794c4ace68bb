// CPython Lib/test/test_asyncio/test_tasks.py, the as_completed cases (BaseTaskTests), translated
// onto aio::as_completed. Python's `for f in as_completed(fs): await f` is
// `while (auto r = co_await s.next())`; its test loop's advance_time(x) is
// virtual_time::advance(x); loop.time() is compared as the time since the case began.
//
// Skipped (no C++ meaning):
// - test_as_completed_concurrent, test_as_completed_reverse_wait: they await several of the
//   awaitables as_completed yields at once or out of order; aio's stream has one next() at a time.
// - test_as_completed_duplicate_coroutines: an aio::task is move-only, it cannot be passed twice.
// - test_as_completed_same_tasks_in_as_out: identity of the yielded awaitables (`async for`).
// - test_as_completed_invalid_args: passing a set or a bare coroutine is a compile error here.
// The async-iterator subtests (`async for`) are the same next() loop and are not repeated.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<std::string> sleep_value(aio::clock::duration d, std::string value) {
  co_return co_await aio::sleep(d, std::move(value));
}

aio::task<int> coro(int i) { co_return i; }

}  // namespace

// test_as_completed
AIO_TEST(AsCompletedConformance, AsCompleted) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  std::set<std::string> completed;
  bool time_shifted = false;
  auto sleeper = [&](aio::clock::duration dt, std::string x) -> aio::task<std::string> {
    co_await aio::sleep(dt);
    completed.insert(x);
    if (!time_shifted && completed.count("a") && completed.count("b")) {
      time_shifted = true;
      clock.advance(140ms);
    }
    co_return x;
  };
  auto try_iterator = [](std::vector<aio::task<std::string>> awaitables) -> aio::task<std::vector<std::string>> {
    std::vector<std::string> values;
    auto s = aio::as_completed(std::move(awaitables));
    while (auto v = co_await s.next()) values.push_back(*v);
    co_return values;
  };
  std::vector<aio::task<std::string>> fs;
  fs.push_back(sleeper(10ms, "b"));
  fs.push_back(sleeper(150ms, "c"));
  fs.push_back(sleeper(10ms, "a"));
  auto res = co_await aio::create_task(try_iterator(std::move(fs)));
  EXPECT_EQ(loop.time() - t0, 150ms);
  AIO_ASSERT_EQ(res.size(), 3u);
  EXPECT_TRUE(std::find(res.begin(), res.begin() + 2, "a") != res.begin() + 2);
  EXPECT_TRUE(std::find(res.begin(), res.begin() + 2, "b") != res.begin() + 2);
  EXPECT_EQ(res[2], "c");
}

// test_as_completed_with_timeout
AIO_TEST(AsCompletedConformance, AsCompletedWithTimeout) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  auto a = aio::create_task(sleep_value(100ms, "a"));
  auto b = aio::create_task(sleep_value(150ms, "b"));
  std::vector<aio::join_handle<std::string>> fs{a, b};
  auto try_iterator = [&]() -> aio::task<std::vector<std::pair<int, std::string>>> {
    std::vector<std::pair<int, std::string>> values;
    auto s = aio::as_completed(fs, 120ms);
    for (std::size_t i = 0; i < fs.size(); ++i) {  // Python's for loop yields len(fs) awaitables
      if (!values.empty()) clock.advance(20ms);
      try {
        auto v = co_await s.next();
        values.emplace_back(1, v.value());
      } catch (const aio::timeout_error&) {
        values.emplace_back(2, "TimeoutError");
      }
    }
    EXPECT_FALSE(co_await s.next());  // the iterator is exhausted
    co_return values;
  };
  auto res = co_await aio::create_task(try_iterator());
  AIO_ASSERT_EQ(res.size(), 2u);
  EXPECT_EQ(res[0], std::make_pair(1, std::string("a")));
  EXPECT_EQ(res[1].first, 2);
  EXPECT_EQ(loop.time() - t0, 120ms);
  // move forward to close generator
  clock.advance(10s);
  co_await aio::wait(std::vector{a, b});
}

// test_as_completed_with_unused_timeout
AIO_TEST(AsCompletedConformance, AsCompletedWithUnusedTimeout) {
  aio::testing::virtual_time clock;
  std::vector<aio::task<std::string>> fs;
  fs.push_back(sleep_value(10ms, "a"));
  auto s = aio::as_completed(std::move(fs), 1s);
  int seen = 0;
  while (auto v = co_await s.next()) {
    EXPECT_EQ(*v, "a");
    ++seen;
  }
  EXPECT_EQ(seen, 1);
}

// test_as_completed_resume_iterator
AIO_TEST(AsCompletedConformance, AsCompletedResumeIterator) {
  std::vector<aio::task<int>> fs;
  for (int i = 0; i < 4; ++i) fs.push_back(coro(i));
  auto iterator = aio::as_completed(std::move(fs));
  std::vector<int> collected;
  int iterations = 0;
  while (auto v = co_await iterator.next()) {
    collected.push_back(*v);
    if (++iterations == 2) break;
  }
  EXPECT_EQ(collected.size(), 2u);
  // Resume same iterator:
  while (auto v = co_await iterator.next()) collected.push_back(*v);
  std::sort(collected.begin(), collected.end());
  EXPECT_EQ(collected, (std::vector<int>{0, 1, 2, 3}));
}

// test_as_completed_coroutine_use_running_loop
AIO_TEST(AsCompletedConformance, AsCompletedCoroutineUseRunningLoop) {
  std::vector<aio::task<int>> fs;
  fs.push_back([]() -> aio::task<int> { co_return 42; }());
  auto futs = aio::as_completed(std::move(fs));
  std::vector<int> values;
  while (auto v = co_await futs.next()) values.push_back(*v);
  EXPECT_EQ(values, std::vector<int>{42});
}

// test_as_completed_coroutine_without_loop
TEST(AsCompletedConformance, AsCompletedCoroutineWithoutLoop) {
  std::vector<aio::task<int>> fs;
  fs.push_back(coro(42));
  bool raised = false;
  try {
    auto futs = aio::as_completed(std::move(fs));
  } catch (const aio::runtime_error& e) {
    raised = std::string(e.what()).find("no running event loop") != std::string::npos;
  }
  EXPECT_TRUE(raised);
}
