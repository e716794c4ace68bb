// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END silence the fast engine's
// findings as clang-tidy's do, for every check or the listed ones (globs).
// RUN: not %corolint --fast --checks=-*,async-blocking-call,async-nested-run %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

aio::task<void> silenced() {
  sleep(1); // NOLINT
  sleep(2); // NOLINT(async-blocking-call)
  sleep(3); // NOLINT(async-*)
  // NOLINTNEXTLINE(async-blocking-call)
  sleep(4);
  sleep(5); // NOLINT(async-nested-run)
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  sleep(6); // NOLINT(*,-async-blocking-call)
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  // NOLINTBEGIN(async-blocking-call)
  sleep(7);
  usleep(8);
  // NOLINTEND(async-blocking-call)
  sleep(9); // NOLINTNEXT is no directive
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep'
  co_return;
}
