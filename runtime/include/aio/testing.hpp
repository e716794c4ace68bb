// pytest-asyncio for GoogleTest: AIO_TEST(Suite, Name) { co_await ...; } runs its body as a
// coroutine on a fresh loop (debug mode on); aio::testing::virtual_time makes sleeps instant.
#pragma once

#include <gtest/gtest.h>

#include "aio/event_loop.hpp"
#include "aio/run.hpp"
#include "aio/task.hpp"

namespace aio::testing {

// While alive, the loop's clock is virtual: whenever nothing is runnable it jumps to the next
// deadline, so sleep(1h) completes at once and time() reads as if the hour had passed.
class virtual_time {
 public:
  explicit virtual_time(event_loop& loop = get_running_loop()) : loop_(loop), was_enabled_(loop.virtual_time()) {
    loop_.set_virtual_time(true);
  }
  virtual_time(const virtual_time&) = delete;
  virtual_time& operator=(const virtual_time&) = delete;
  ~virtual_time() { loop_.set_virtual_time(was_enabled_); }

  clock::time_point now() const noexcept { return loop_.time(); }
  // Moves the clock forward; timers that become due fire on the loop's next iteration.
  void advance(clock::duration d) noexcept { loop_.advance_time(d); }

 private:
  event_loop& loop_;
  bool was_enabled_;
};

// A test binary built with AIO_TEST_DEBUG=0 runs with debug mode off unless the environment
// sets AIO_DEBUG=1 (the conformance suite runs both ways and must see the same results).
#ifndef AIO_TEST_DEBUG
#define AIO_TEST_DEBUG 1
#endif

inline run_options test_run_options() {
  run_options options;
  options.debug = AIO_TEST_DEBUG;
  return options;
}

}  // namespace aio::testing

#define AIO_TEST(Suite, Name)                                                            \
  static ::aio::task<> aio_test_body_##Suite##_##Name();                                 \
  TEST(Suite, Name) {                                                                    \
    ::aio::run(aio_test_body_##Suite##_##Name(), ::aio::testing::test_run_options());    \
  }                                                                                      \
  static ::aio::task<> aio_test_body_##Suite##_##Name()

// GoogleTest's ASSERT_* end the test with `return`, which a coroutine cannot use; inside an
// AIO_TEST body these record the failure and co_return instead.
#define AIO_ASSERT_TRUE(...)                                    \
  do {                                                          \
    if (!(__VA_ARGS__)) {                                       \
      ADD_FAILURE() << "Expected true: " << #__VA_ARGS__;       \
      co_return;                                                \
    }                                                           \
  } while (0)
#define AIO_ASSERT_FALSE(...) AIO_ASSERT_TRUE(!(__VA_ARGS__))
#define AIO_ASSERT_EQ(a, b)   \
  do {                        \
    const bool aio_equal_ = ((a) == (b)); \
    EXPECT_EQ(a, b);          \
    if (!aio_equal_) co_return; \
  } while (0)
#define AIO_ASSERT_NE(a, b)   \
  do {                        \
    const bool aio_differ_ = ((a) != (b)); \
    EXPECT_NE(a, b);          \
    if (!aio_differ_) co_return; \
  } while (0)
