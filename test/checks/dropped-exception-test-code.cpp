// async-dropped-exception in test code (a file that includes a test framework or a
// test-support header, checks/utils/SourceKind.h): an empty handler around an await
// swallows a failure the test provoked on purpose. The same file without the include
// is plain code, and the handlers are flagged there (the SOURCE runs).
// RUN: %check_corolint_plugin %s async-dropped-exception %t -- -- -- -I%S
// RUN: %check_corolint_fast %s async-dropped-exception %t-fast
// RUN: sed -e 's|^#include "Inputs/unittest.h"$|//|' %s > %t-source.cpp
// RUN: %check_corolint_plugin --check-suffix=SOURCE %t-source.cpp async-dropped-exception %t-s -- -- -- -include %S/Inputs/unittest.h
// RUN: %check_corolint_fast --check-suffix=SOURCE %t-source.cpp async-dropped-exception %t-s-fast

#include <aio/aio.hpp>

#include "Inputs/unittest.h"

#include <stdexcept>

// chriskohlhoff/asio src/tests/unit/experimental/awaitable_operators.cpp: operands
// that throw, combined and awaited to see the combination propagate the failure.
aio::task<void> void_ok() { co_await aio::sleep(std::chrono::milliseconds(1)); }
aio::task<void> void_ex() {
  co_await aio::sleep(std::chrono::milliseconds(1));
  throw std::runtime_error("exception");
}

aio::task<void> do_test_and_awaitable_operator() {
  co_await aio::gather(void_ok(), void_ok());
  try { co_await aio::gather(void_ex(), void_ok()); } catch (...) {}
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:55: warning: exception caught around a suspension point in coroutine 'do_test_and_awaitable_operator' is swallowed
  // CHECK-MESSAGES-SOURCE: :[[@LINE-2]]:9: note: a failure of this operation is lost
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-3]]:55: warning: exception caught around a suspension point in coroutine 'do_test_and_awaitable_operator' is swallowed
  try { co_await aio::gather(void_ex(), void_ok(), void_ok()); } catch (...) {}
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:66: warning: exception caught around a suspension point in coroutine 'do_test_and_awaitable_operator' is swallowed
  // CHECK-MESSAGES-SOURCE: :[[@LINE-2]]:9: note: a failure of this operation is lost
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-3]]:66: warning: exception caught around a suspension point in coroutine 'do_test_and_awaitable_operator' is swallowed
}

// redpanda-data/redpanda src/v/storage/tests/storage_e2e_fixture_test.cc: a fixture
// helper that ignores a failed roll on purpose.
struct disk_log_impl {
  aio::task<> force_roll() { co_await aio::sleep(std::chrono::milliseconds(1)); }
};
namespace {
aio::task<> force_roll_log(disk_log_impl *log) {
  try {
    co_await log->force_roll();
  } catch (...) {
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:5: warning: exception caught around a suspension point in coroutine 'force_roll_log' is swallowed
  // CHECK-MESSAGES-SOURCE: :[[@LINE-3]]:5: note: a failure of this operation is lost
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-3]]:5: warning: exception caught around a suspension point in coroutine 'force_roll_log' is swallowed
  }
}
} // namespace

TEST(awaitable_operators, and_operator) {
  aio::run(do_test_and_awaitable_operator());
  disk_log_impl log;
  aio::run(force_roll_log(&log));
}
