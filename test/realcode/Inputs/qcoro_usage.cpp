// Uses QCoro 0.8's installed headers (qcoro-qt6-dev) the way QCoro's documentation does:
// awaiting a QNetworkReply, a QTimer, a QProcess and a signal from QCoro::Task coroutines,
// and starting a task from a slot. Linted by qcoro.test with AsyncProfile qcoro.
#include <QCoro/QCoroCore>
#include <QCoro/QCoroNetwork>
#include <QCoro/QCoroTimer>
#include <QCoro/QCoroProcess>
#include <QCoro/QCoroSignal>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>

#include <chrono>
#include <memory>

using namespace std::chrono_literals;

class Fetcher : public QObject {
  Q_OBJECT
 public:
  QCoro::Task<QByteArray> fetch(QUrl url) {
    auto* reply = co_await mNam.get(QNetworkRequest{url});
    const auto data = reply->readAll();
    reply->deleteLater();
    co_return data;
  }

  QCoro::Task<> tick(int times) {
    QTimer timer;
    timer.setInterval(100ms);
    timer.start();
    for (int i = 0; i < times; ++i) co_await qCoro(timer).waitForTimeout();
  }

  QCoro::Task<QByteArray> runProcess() {
    QProcess process;
    process.start(QStringLiteral("true"), {});
    co_await qCoro(process).waitForStarted();
    co_await qCoro(process).waitForFinished();
    co_return process.readAllStandardOutput();
  }

  QCoro::Task<> waitForDone() { co_await qCoro(this, &Fetcher::done); }

  void start() {
    // the documentation's way to start a coroutine from a slot: QCoro::Task is eager
    fetch(QUrl(QStringLiteral("http://localhost/"))).then([this](const QByteArray& data) { mLast = data; Q_EMIT done(); });
  }

 Q_SIGNALS:
  void done();

 private:
  QNetworkAccessManager mNam;
  QByteArray mLast;
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  Fetcher f;
  f.start();
  return 0;
}
