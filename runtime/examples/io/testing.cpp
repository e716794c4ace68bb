// The guide's "Testing async code" (pytest + pytest-asyncio, @pytest.mark.asyncio): AIO_TEST
// defines a GoogleTest test whose body is a coroutine run on a fresh loop, and
// aio::testing::virtual_time makes its sleeps instant while loop.time() advances exactly, so a
// rate limiter's spacing and a timeout's deadline are asserted to the millisecond in no time.
// The last test passes a fake coroutine in place of a network call (the guide's mock).
#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

// ---- the code under test --------------------------------------------------------------------

// Lets callers through at most once per `interval`; the others wait their turn.
class rate_limiter {
 public:
  explicit rate_limiter(aio::clock::duration interval) : interval_(interval) {}

  aio::task<> acquire() {
    const auto now = aio::get_running_loop().time();
    const auto slot = std::max(now, next_slot_);
    next_slot_ = slot + interval_;  // claimed before waiting: the loop runs one task at a time
    co_await aio::sleep(slot - now);
  }

 private:
  aio::clock::duration interval_;
  aio::clock::time_point next_slot_{};
};

aio::task<std::string> fetch_with_timeout(std::function<aio::task<std::string>()> fetch,
                                          std::chrono::milliseconds limit) {
  co_return co_await aio::wait_for(fetch(), limit);
}

aio::task<std::string> process_data(std::function<aio::task<std::string>()> fetch) {
  co_return "processed: " + co_await fetch();
}

// ---- the tests ------------------------------------------------------------------------------

aio::task<> call_through(rate_limiter& limiter, std::vector<std::chrono::milliseconds>& times,
                         aio::clock::time_point start) {
  co_await limiter.acquire();
  times.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(aio::get_running_loop().time() - start));
}

AIO_TEST(RateLimiter, SpacesConcurrentCallersByTheInterval) {
  aio::testing::virtual_time clock;
  rate_limiter limiter(250ms);
  std::vector<std::chrono::milliseconds> times;
  const auto start = clock.now();
  co_await aio::gather(call_through(limiter, times, start), call_through(limiter, times, start),
                       call_through(limiter, times, start), call_through(limiter, times, start));
  EXPECT_EQ(times, (std::vector<std::chrono::milliseconds>{0ms, 250ms, 500ms, 750ms}));
}

aio::task<std::string> slow_service() {
  co_await aio::sleep(5s);
  co_return "too late";
}

AIO_TEST(Timeout, SlowCallFailsAtTheDeadline) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  bool timed_out = false;
  try {
    co_await fetch_with_timeout(slow_service, 1s);
  } catch (const aio::timeout_error&) {
    timed_out = true;
  }
  EXPECT_TRUE(timed_out);
  EXPECT_EQ(clock.now() - start, 1s);  // not 5 s: the slow call was cancelled
}

aio::task<std::string> mock_fetch() {
  co_await aio::sleep(0s);
  co_return "mocked data";
}

AIO_TEST(ProcessData, UsesTheFetchedData) {
  const std::string result = co_await process_data(mock_fetch);
  EXPECT_EQ(result, "processed: mocked data");
}

// CHECK:      [==========] Running 3 tests from 3 test suites.
// CHECK:      [       OK ] RateLimiter.SpacesConcurrentCallersByTheInterval
// CHECK:      [       OK ] Timeout.SlowCallFailsAtTheDeadline
// CHECK:      [       OK ] ProcessData.UsesTheFetchedData
// CHECK:      [  PASSED  ] 3 tests.
// CHECK-NOT:  FAILED
