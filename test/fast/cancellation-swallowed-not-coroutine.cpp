// A function written to return void is no coroutine: clang's own test suite
// has `co_await` in such functions to test its errors. The fast engine must
// not call their `catch (...)` a swallowed aio cancellation (issue 21).
// RUN: not %corolint --fast --checks=-*,async-cancellation-swallowed %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

struct awaitable {};
awaitable a;
void log_and_go_on();

void invalid_await_beside_a_lambda() {
  try {
    auto done = [] { co_return; };
    co_await a;
  } catch (...) {
    log_and_go_on();
  }
}

static void invalid_await_in_function_try_block() try {
  co_await a;
} catch (...) {
  log_and_go_on();
}

// A real coroutine of aio's task type: its handler is still reported.
namespace aio { template <class T = void> struct task {}; }
aio::task<> real_coroutine() {
  try {
    co_await a;
  } catch (...) {
    // CHECK: :[[@LINE-1]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error' {{.*}} in coroutine 'real_coroutine'
    log_and_go_on();
  }
}
// CHECK: 1 finding(s).
