// RUN: %check_corolint_plugin %s async-unawaited-task %t
// RUN: %check_corolint %s async-unawaited-task %t-cli
// RUN: %check_corolint_fast %s async-unawaited-task %t-fast
//
// danvratil/qcoro tests/qcorolazytask.cpp and qcorosignal.cpp: a test makes a task,
// checks something with a coroutine assertion macro, then awaits the task. The macro
// expands to `if (!check) co_return;`: that path is the test's failure exit, not a
// task abandoned (issue 16). A plain early return still abandons it.

#include <aio/aio.hpp>

#define QCORO_VERIFY(statement)                                                                    \
  do {                                                                                             \
    if (!(statement))                                                                              \
      co_return;                                                                                   \
  } while (false)

aio::task<int> compute(bool &started) {
  started = true;
  co_return 42;
}

aio::task<> lazy_coroutine_starts_when_awaited() {
  bool started = false;
  auto task = compute(started);
  QCORO_VERIFY(!started);
  int value = co_await std::move(task);
  QCORO_VERIFY(started && value == 42);
}

aio::task<> gives_up_early(bool cached) {
  bool started = false;
  auto task = compute(started);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'task' returned by 'compute' is not awaited on every path
  if (cached)
    co_return;
  co_await std::move(task);
}
