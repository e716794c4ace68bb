// CPython Lib/test/test_asyncio/test_locks.py, SemaphoreTests, translated case by case (the
// other classes are in test_locks.cpp, with the list of skips). A semaphore permit a task keeps
// goes into `held`.
#include "conformance.hpp"

using namespace conformance;

// ---- SemaphoreTests ----

AIO_TEST(SemaphoreTests, test_initial_value_zero) {
  aio::semaphore sem(0);
  EXPECT_TRUE(sem.locked());
  co_return;
}

AIO_TEST(SemaphoreTests, test_semaphore_value) {
  EXPECT_THROW(aio::semaphore(-1), std::invalid_argument);
  co_return;
}

AIO_TEST(SemaphoreTests, test_acquire) {
  aio::semaphore sem(3);
  results result;
  std::vector<aio::semaphore::permit> held;
  held.push_back(co_await sem.acquire());
  held.push_back(co_await sem.acquire());
  EXPECT_FALSE(sem.locked());
  auto c = [&](int n) -> aio::task<bool> {
    held.push_back(co_await sem.acquire());
    result.push_back(n);
    co_return true;
  };
  auto t1 = aio::create_task(c(1));
  auto t2 = aio::create_task(c(2));
  auto t3 = aio::create_task(c(3));
  co_await yield();
  EXPECT_EQ(result, results{1});
  EXPECT_TRUE(sem.locked());
  EXPECT_EQ(sem.value(), 0u);
  auto t4 = aio::create_task(c(4));
  sem.release();
  sem.release();
  EXPECT_EQ(sem.value(), 0u);
  co_await yield();
  EXPECT_EQ(sem.value(), 0u);
  EXPECT_EQ(result.size(), 3u);
  EXPECT_TRUE(sem.locked());
  EXPECT_TRUE(t1.done() && t1.result());
  int done = 0;
  for (auto* t : {&t2, &t3, &t4}) done += t->done() ? 1 : 0;
  EXPECT_EQ(done, 2);
  sem.release();
  co_await aio::gather(t2, t3, t4);
}

AIO_TEST(SemaphoreTests, test_acquire_cancel) {
  aio::semaphore sem;
  auto p = co_await sem.acquire();
  auto acquire = spawn([&]() -> aio::task<> { auto q = co_await sem.acquire(); });
  aio::get_running_loop().call_soon([acquire]() mutable { acquire.cancel(); });
  EXPECT_THROW(co_await acquire, aio::cancelled_error);
  p.release();
  EXPECT_FALSE(sem.locked());  // Python: no waiter left
}

AIO_TEST(SemaphoreTests, test_acquire_cancel_before_awoken) {
  aio::semaphore sem(0);
  std::vector<aio::semaphore::permit> held;
  auto acq = [&]() -> aio::task<> { held.push_back(co_await sem.acquire()); };
  auto t1 = aio::create_task(acq());
  auto t2 = aio::create_task(acq());
  auto t3 = aio::create_task(acq());
  auto t4 = aio::create_task(acq());
  co_await yield();
  t1.cancel();
  t2.cancel();
  sem.release();
  co_await yield();
  co_await yield();
  EXPECT_EQ((t3.done() ? 1 : 0) + (t4.done() ? 1 : 0), 1);
  EXPECT_TRUE(t3.done());
  EXPECT_FALSE(t4.done());
  t3.cancel();
  t4.cancel();
  co_await yield();
}

AIO_TEST(SemaphoreTests, test_acquire_hang) {
  aio::semaphore sem(0);
  std::vector<aio::semaphore::permit> held;
  auto acq = [&]() -> aio::task<> { held.push_back(co_await sem.acquire()); };
  auto t1 = aio::create_task(acq());
  auto t2 = aio::create_task(acq());
  co_await yield();
  t1.cancel();
  sem.release();
  co_await yield();
  co_await yield();
  EXPECT_TRUE(sem.locked());
  EXPECT_TRUE(t2.done());
}
