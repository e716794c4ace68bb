// async-no-await in test code (a file that includes a test framework or a test-support
// header, checks/utils/SourceKind.h): its trivial coroutines are fixtures and stubs that
// exist to be awaited by the test of the task machinery, so their task signature is
// imposed. The same file without the include is plain code, and the shapes awaited on
// the spot are flagged there (the SOURCE runs).
// RUN: %check_corolint_plugin %s async-no-await %t -- -- -- -I%S
// RUN: %check_corolint_fast %s async-no-await %t-fast
// RUN: sed -e 's|^#include "Inputs/unittest.h"$|//|' %s > %t-source.cpp
// RUN: %check_corolint_plugin --check-suffix=SOURCE %t-source.cpp async-no-await %t-s -- -- -- -include %S/Inputs/unittest.h
// RUN: %check_corolint_fast --check-suffix=SOURCE %t-source.cpp async-no-await %t-s-fast

#include <aio/aio.hpp>

#include "Inputs/unittest.h"

#include <string>

namespace {

// facebook/folly folly/coro/test/GtestHelpersTest.cpp: a stub the test awaits.
aio::task<int> co_getInt(int x) {
  co_return x;
}
// CHECK-MESSAGES-SOURCE: :[[@LINE-3]]:16: warning: coroutine 'co_getInt' never suspends
// CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-4]]:16: warning: coroutine 'co_getInt' never suspends

// GtestHelpersTest.cpp: a typed fixture's member, awaited through `this->`.
template <typename T>
struct TypedFixture {
  aio::task<std::string> type_str() const { co_return std::string("T"); }
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:26: warning: coroutine 'type_str' never suspends
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-2]]:26: warning: coroutine 'type_str' never suspends
};

} // namespace

// folly/coro/test/AsyncStackTest.cpp: the innermost frame of an async stack under test.
void normalFunction() {}
aio::task<void> coro1() {
  normalFunction();
  co_return;
}
// CHECK-MESSAGES-SOURCE: :[[@LINE-4]]:17: warning: coroutine 'coro1' never suspends
// CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-5]]:17: warning: coroutine 'coro1' never suspends
aio::task<void> coro2() { co_await coro1(); }

// async_simple/coro/test/LazyTest.cpp: awaited by a lambda the test runs.
struct LazyTest {
  aio::task<int> testFunc() { co_return 3; }
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:18: warning: coroutine 'testFunc' never suspends
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-2]]:18: warning: coroutine 'testFunc' never suspends
  int run() {
    auto test = [this]() -> aio::task<int> { co_return co_await testFunc(); };
    return aio::run(test());
  }
};

aio::task<int> multiply() { co_return co_await co_getInt(2) * co_await co_getInt(3); }
aio::task<std::string> typed() { co_return co_await TypedFixture<int>{}.type_str(); }

TEST(GtestHelpers, Multiply) {
  EXPECT_EQ(aio::run(multiply()), 6);
  EXPECT_EQ(aio::run(typed()), "T");
  aio::run(coro2());
  EXPECT_EQ(LazyTest{}.run(), 3);
}
