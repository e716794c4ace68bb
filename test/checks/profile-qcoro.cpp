// RUN: %check_corolint_plugin %s async-blocking-call,async-dangling-reference %t -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore -I/usr/include/x86_64-linux-gnu/qt6/QtConcurrent
// RUN: %check_corolint %s async-blocking-call,async-dangling-reference %t-cli -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore -I/usr/include/x86_64-linux-gnu/qt6/QtConcurrent
//
// The qcoro profile against QCoro 0.8's installed headers (qcoro-qt6-dev) and
// Qt 6's QtConcurrent (issue 16). QtConcurrent::run is QCoro's documented way
// off the loop (`co_await QtConcurrent::run(...)`, QCoro's qfuture docs), so
// it is the advice for blocking work; QCoro::Task::then moves its callback
// into the frame of the continuation (thenImpl's `auto thenCb = ...`), so a
// lambda coroutine handed to it keeps its captures until it has finished.

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTimer>
#include <QtConcurrent/QtConcurrent>

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

static QString readConfig(const QString &path) {
  std::ifstream in(path.toStdString());
  std::string line;
  std::getline(in, line);
  return QString::fromStdString(line);
}

// Blocking work in the coroutine: the advice names the profile's offload.
QCoro::Task<QString> loadConfigBlocking(QString path) {
  co_await QCoro::sleepFor(1ms);
  co_return readConfig(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'readConfig' in coroutine 'loadConfigBlocking' blocks the event loop: it reaches blocking 'std::basic_ifstream'; move it off the loop with 'co_await QtConcurrent::run(...)' [async-blocking-call]
}

// Fixed as QCoro's documentation does it: the work runs on Qt's thread pool.
QCoro::Task<QString> loadConfig(QString path) {
  const QString text = co_await QtConcurrent::run(readConfig, path);
  co_return text;
}

// QCoro's own qfuture test: the sleeps run on the pool, not on the loop.
QCoro::Task<> waitsForConcurrentWork() {
  auto future = QtConcurrent::run([] { std::this_thread::sleep_for(100ms); });
  co_await future;
  const QString result = co_await QtConcurrent::run([] {
    std::this_thread::sleep_for(100ms);
    return QStringLiteral("42");
  });
}

class Widget : public QObject {
public:
  QCoro::Task<int> compute();

  // The continuation is kept alive by then() until it finishes.
  void start() {
    compute().then([this](int value) -> QCoro::Task<> {
      QTimer timer;
      timer.start(10ms);
      co_await timer;
      mValue = value;
    });
  }

  // A lambda coroutine called on the spot: QCoro::Task is eager, so it runs
  // to its first suspension and the temporary lambda dies at the ';' while
  // the task is still pending.
  QCoro::Task<> startedInPlace() {
    auto pending = [this]() -> QCoro::Task<> {
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is kept in 'pending' and runs later
      co_await QCoro::sleepFor(10ms);
      mValue = 1;
    }();
    co_await pending;
  }

  int mValue = 0;
};

