// RUN: %check_corolint_plugin %s async-lock-across-await %t -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore
// RUN: %check_corolint %s async-lock-across-await %t-cli -- --config="{CheckOptions: {AsyncProfile: qcoro}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore
// RUN: %check_corolint --check-suffix=LOCK %s async-lock-across-await %t-off -- --config="{CheckOptions: {AsyncProfile: qcoro, async-lock-across-await.LockMethods: 'lock'}}" -- -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore
//
// Qt's QReadWriteLock, as QCoro code uses it (the qcoro profile, against the
// installed Qt 6 and QCoro headers): lockForRead()/lockForWrite() are the
// profile's LockMethods, so a manual lock held over a co_await is reported as
// m.lock() is; QReadLocker/QWriteLocker are its guards. With LockMethods set
// to 'lock' alone (the third run) only the guard is reported.

#include <QCoro/QCoroTimer>

#include <QMap>
#include <QReadLocker>
#include <QReadWriteLock>
#include <QString>
#include <QTimer>

class SettingsCache {
public:
  // Bad: the write lock is held while the coroutine waits for the timer; any
  // reader on the loop's thread then blocks the loop itself.
  QCoro::Task<> refresh(QTimer &timer) {
    mLock.lockForWrite();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking lock of 'mLock' ('QReadWriteLock') is held across a suspension point in coroutine 'refresh'{{.*}} [async-lock-across-await]
    co_await timer;
    mValues.insert(QStringLiteral("refreshed"), QStringLiteral("yes"));
    mLock.unlock();
  }

  // Fixed: wait first, then lock only around the update.
  QCoro::Task<> refreshFixed(QTimer &timer) {
    co_await timer;
    mLock.lockForWrite();
    mValues.insert(QStringLiteral("refreshed"), QStringLiteral("yes"));
    mLock.unlock();
  }

  // Bad: a read guard alive across the suspension.
  QCoro::Task<QString> lookup(QTimer &timer, QString key) {
    QReadLocker locker(&mLock);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking lock of 'mLock' ('QReadWriteLock') is held across a suspension point in coroutine 'lookup'{{.*}} [async-lock-across-await]
    // CHECK-MESSAGES-LOCK: :[[@LINE-2]]:17: warning: blocking lock of 'mLock' ('QReadWriteLock') is held across a suspension point in coroutine 'lookup'{{.*}} [async-lock-across-await]
    co_await timer;
    co_return mValues.value(key);
  }

  // Fixed: the guard's scope ends before the co_await.
  QCoro::Task<QString> lookupFixed(QTimer &timer, QString key) {
    QString value;
    {
      QReadLocker locker(&mLock);
      value = mValues.value(key);
    }
    co_await timer;
    co_return value;
  }

  // Read lock taken and released between two suspensions: nothing held.
  QCoro::Task<QString> readBetween(QTimer &timer, QString key) {
    co_await timer;
    mLock.lockForRead();
    QString value = mValues.value(key);
    mLock.unlock();
    co_await timer;
    co_return value;
  }

private:
  QReadWriteLock mLock;
  QMap<QString, QString> mValues;
};
