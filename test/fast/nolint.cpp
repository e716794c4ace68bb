// The suppression comments (the same-line, next-line and begin/end forms)
// silence findings in both engines exactly as clang-tidy reads them (the full engine IS clang-tidy's reader,
// the fast engine uses its GlobList): no list silences every check, a list
// silences the matching checks, `NOLINT()` silences none, and `-glob` entries
// are ignored (clang-tidy drops them: they could only disable the silencing).
// (This header spells no directive: clang-tidy reads one even in prose.)
// RUN: not %corolint --fast --checks=-*,async-blocking-call,async-nested-run %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: not %corolint --checks=-*,async-blocking-call,async-nested-run %s -- -std=c++20 -I%aio_include 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <aio/aio.hpp>
#include <unistd.h>

aio::task<void> silenced() {
  sleep(1); // NOLINT
  sleep(2); // NOLINT(async-blocking-call)
  sleep(3); // NOLINT(async-*)
  // NOLINTNEXTLINE(async-blocking-call)
  sleep(4);
  sleep(5); // NOLINT(async-nested-run)
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  sleep(6); // NOLINT(*,-async-blocking-call)
  // NOLINTBEGIN(async-blocking-call)
  sleep(7);
  usleep(8);
  // NOLINTEND(async-blocking-call)
  sleep(9); // NOLINTNEXT is no directive
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  sleep(10); // NOLINT()
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  sleep(11); // NOLINT(-async-blocking-call)
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  // NOLINTBEGIN(async-nested-run)
  sleep(12);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  // NOLINTEND(async-nested-run)
  co_return;
}
