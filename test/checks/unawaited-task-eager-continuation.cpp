// RUN: %check_corolint_plugin %s async-unawaited-task %t -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore
// RUN: %check_corolint %s async-unawaited-task %t-cli -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore
//
// QCoro's Task is eager: a discarded one has started, and what is lost is its
// result and the exception that leaves the code it runs. danvratil/qcoro
// tests/qcorotask.cpp (testMultipleAwaiters) drops the Task<> of
// `task.then([&called]() { called = true; })` and awaits `task` itself: the
// callback yields nothing and cannot throw, and `task`'s own exception (which
// then() rethrows into the dropped task) reaches the `co_await task`. Nothing
// is lost (issue 16: two debatable findings in the ledger). A callback that
// throws or returns a value, or a source task nobody awaits, still loses
// something.

#include <QCoro/QCoroTask>
#include <QCoro/QCoroTimer>

#include <chrono>
#include <stdexcept>

using namespace std::chrono_literals;

QCoro::Task<> testMultipleAwaiters() {
  auto task = QCoro::sleepFor(100ms);
  bool called = false;
  // Internally co_awaits task
  task.then([&called]() { called = true; });
  co_await task;
}

QCoro::Task<> withErrorCallback() {
  auto task = QCoro::sleepFor(10ms);
  bool failed = false;
  task.then([]() {}, [&failed](const std::exception &) { failed = true; });
  co_await task;
}

QCoro::Task<> mark(bool &flag) {
  flag = true;
  co_return;
}

QCoro::Task<> dropsACoroutineThatCannotThrow() {
  bool flag = false;
  mark(flag); // ran to its end at once: nothing to report, nothing to lose
  co_await QCoro::sleepFor(1ms);
}

// ---- must flag ------------------------------------------------------------------

QCoro::Task<> callbackThrows() {
  auto task = QCoro::sleepFor(10ms);
  task.then([]() { throw std::runtime_error("lost"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'then' is discarded: it starts, but this coroutine goes on without waiting for it and its result and exceptions are lost; 'co_await' it [async-unawaited-task]
  co_await task;
}

QCoro::Task<> callbackReturnsAValue() {
  auto task = QCoro::sleepFor(10ms);
  task.then([]() { return 42; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'then' is discarded
  co_await task;
}

QCoro::Task<> sourceNeverAwaited() {
  auto task = QCoro::sleepFor(10ms);
  bool called = false;
  task.then([&called]() { called = true; }); // the only place task's exception could go
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'then' is discarded
  co_return;
}

QCoro::Task<> callbackAwaits() {
  auto task = QCoro::sleepFor(10ms);
  task.then([]() -> QCoro::Task<> { co_await QCoro::sleepFor(1ms); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'then' is discarded
  co_await task;
}

QCoro::Task<> fails(bool &flag) {
  co_await QCoro::sleepFor(1ms);
  flag = true;
  throw std::runtime_error("lost");
}

QCoro::Task<> dropsACoroutineThatThrows() {
  bool flag = false;
  fails(flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fails' is discarded
  co_await QCoro::sleepFor(1ms);
}
