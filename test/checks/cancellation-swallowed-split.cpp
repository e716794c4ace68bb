// async-cancellation-swallowed and async-dropped-exception never report the
// same handler: the empty `catch (...)` is dropped-exception's, the rest ours.
// RUN: %check_corolint_plugin %s async-cancellation-swallowed,async-dropped-exception %t

#include <aio/aio.hpp>

#include <string>

aio::task<int> fetch(int id) { co_return id; }
void log_error(const std::string &) {}

aio::task<> empty_catch_all() {
  try {
    co_await fetch(1);
  } catch (...) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: exception caught around a suspension point in coroutine 'empty_catch_all' is swallowed{{.*}}[async-dropped-exception]
}

aio::task<> logging_catch_all() {
  try {
    co_await fetch(2);
  } catch (...) {
    log_error("failed");
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'catch (...)' also catches 'aio::cancelled_error'{{.*}}[async-cancellation-swallowed]
}

aio::task<> empty_cancelled_handler() {
  try {
    co_await fetch(3);
  } catch (const aio::cancelled_error &) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: handler of 'aio::cancelled_error'{{.*}}[async-cancellation-swallowed]
}
