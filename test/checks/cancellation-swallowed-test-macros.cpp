// RUN: %check_corolint_plugin %s async-cancellation-swallowed %t
// RUN: %check_corolint_fast %s async-cancellation-swallowed %t-fast
//
// Coroutine tests: a test framework's "expect a throw" assertion writes its
// own `catch (...)` around the awaited expression (doctest's CHECK_THROWS_AS,
// GoogleTest's EXPECT_THROW, here with their real expansions' structure).
// What it catches is the test's verdict, not a cancellation swallowed. A
// handler the test's author wrote, or a macro that only logs, is still one.
// The fast engine sees no macro's expansion: neither kind of macro's handler.

#include <aio/aio.hpp>

#include <stdexcept>
#include <string>

namespace doctest::detail {
struct ResultBuilder {
  bool m_threw = false;
  bool m_threw_as = false;
  void translateException() {}
  bool log() { return false; }
};
} // namespace doctest::detail

// doctest.h: DOCTEST_ASSERT_THROWS_AS, shortened to what shapes the code.
#define DOCTEST_ASSERT_THROWS_AS(expr, ...)                                                        \
  do {                                                                                             \
    doctest::detail::ResultBuilder DOCTEST_RB;                                                     \
    try {                                                                                          \
      static_cast<void>(expr);                                                                     \
    } catch (const __VA_ARGS__ &) {                                                                \
      DOCTEST_RB.translateException();                                                             \
      DOCTEST_RB.m_threw_as = true;                                                                \
    } catch (...) {                                                                                \
      DOCTEST_RB.translateException();                                                             \
    }                                                                                              \
    DOCTEST_RB.log();                                                                              \
  } while (false)
#define CHECK_THROWS_AS(expr, ...) DOCTEST_ASSERT_THROWS_AS(expr, __VA_ARGS__)

// gtest-internal.h: GTEST_TEST_THROW_, without the goto/label plumbing.
#define GTEST_TEST_THROW_(statement, expected_exception)                                           \
  if (bool gtest_caught_expected = false; true) {                                                  \
    try {                                                                                          \
      statement;                                                                                   \
    } catch (expected_exception const &) {                                                         \
      gtest_caught_expected = true;                                                                \
    } catch (...) {                                                                                \
    }                                                                                              \
    (void)gtest_caught_expected;                                                                   \
  }
#define EXPECT_THROW(statement, expected_exception) GTEST_TEST_THROW_(statement, expected_exception)

// A project's own macro that logs and goes on: no test verdict.
void log_failure(const std::string &) {}
#define LOG_AND_CONTINUE(statement)                                                                \
  try {                                                                                            \
    statement;                                                                                     \
  } catch (...) {                                                                                  \
    log_failure(#statement);                                                                       \
  }

aio::task<int> fails() {
  throw std::runtime_error("boom");
  co_return 0;
}

// ---- must leave alone ------------------------------------------------------

aio::task<> doctest_case() {
  CHECK_THROWS_AS(co_await fails(), std::runtime_error);
}

aio::task<> gtest_case() {
  EXPECT_THROW(co_await fails(), std::runtime_error);
}

// ---- must flag ---------------------------------------------------------------

aio::task<> hand_written_in_a_test() {
  try {
    co_await fails();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point
    log_failure("fails() threw");
  }
}

aio::task<> logged_by_a_macro() {
  LOG_AND_CONTINUE(co_await fails());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'catch (...)' also catches 'aio::cancelled_error' around a suspension point
  // The fast engine does not expand macros: it sees no handler here.
}

int main() { return 0; }
