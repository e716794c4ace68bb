// async-no-await in a header (an include guard or `#pragma once` first,
// checks/utils/SourceKind.h): its coroutines are an interface whose callers, and the
// uses that need a task, are in other translation units. The same text as a source
// file is flagged (the SOURCE runs drop the guard).
// RUN: %check_corolint_plugin %s async-no-await %t
// RUN: %check_corolint_fast %s async-no-await %t-fast
// RUN: sed -e 's|^#ifndef NO_AWAIT_HEADER_H$|//|' -e 's|^#define NO_AWAIT_HEADER_H$|//|' -e 's|^#endif$|//|' %s > %t-source.cpp
// RUN: %check_corolint_plugin --check-suffix=SOURCE %t-source.cpp async-no-await %t-s
// RUN: %check_corolint_fast --check-suffix=SOURCE %t-source.cpp async-no-await %t-s-fast
#ifndef NO_AWAIT_HEADER_H
#define NO_AWAIT_HEADER_H

#include <aio/aio.hpp>

namespace coro {

// facebook/folly folly/coro/Task.h: helpers that make a task trivially.
/// Make a task that trivially returns a value.
template <class T>
aio::task<T> makeTask(T t) {
  co_return t;
}
// CHECK-MESSAGES-SOURCE: :[[@LINE-3]]:14: warning: coroutine 'makeTask' never suspends
// CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-4]]:14: warning: coroutine 'makeTask' never suspends

/// Make a task that trivially returns with no return value.
inline aio::task<void> makeTask() {
  co_return;
}
// CHECK-MESSAGES-SOURCE: :[[@LINE-3]]:24: warning: coroutine 'makeTask' never suspends
// CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-4]]:24: warning: coroutine 'makeTask' never suspends

namespace detail {
// folly/coro/AutoCleanup.h: the no-op cleanup of a protocol generic code awaits.
template <typename T>
struct ScopeExitArg {
  explicit ScopeExitArg(T &) {}

  aio::task<> cleanup() && { co_return; }
  // CHECK-MESSAGES-SOURCE: :[[@LINE-1]]:15: warning: coroutine 'cleanup' never suspends
  // CHECK-FAST-MESSAGES-SOURCE: :[[@LINE-2]]:15: warning: coroutine 'cleanup' never suspends

  void update(T &) {}
};
} // namespace detail

} // namespace coro

#endif
