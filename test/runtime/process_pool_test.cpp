// aio::process_pool: plain functions in forked workers; results, exceptions, a crashing worker.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/process_pool.hpp>
#include <aio/testing.hpp>
#include <string>

namespace {

long square(long x) { return x * x; }
int worker_pid() { return static_cast<int>(::getpid()); }
std::string shout(std::string text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text + "!";
  return out;
}
double refuse(double) { throw std::invalid_argument("refused in the worker"); }
int crash(int) {
  ::raise(SIGKILL);
  return 0;
}

}  // namespace

AIO_TEST(ProcessPool, ResultsComeBackFromAnotherProcess) {
  aio::process_pool pool{2};
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(co_await aio::run_in_executor(pool, square, 12L), 144);
  EXPECT_EQ(co_await aio::run_in_executor(pool, shout, std::string("hey"), 2), "hey!hey!");
  EXPECT_NE(co_await aio::run_in_executor(pool, worker_pid), static_cast<int>(::getpid()));
  auto [a, b, c] = co_await aio::gather(aio::run_in_executor(pool, square, 2L), aio::run_in_executor(pool, square, 3L),
                                        aio::run_in_executor(pool, square, 4L));
  EXPECT_EQ(a + b + c, 4 + 9 + 16);
}

AIO_TEST(ProcessPool, AnExceptionInTheWorkerReachesTheAwaitingTask) {
  aio::process_pool pool{1};
  try {
    co_await aio::run_in_executor(pool, refuse, 1.0);
    ADD_FAILURE() << "no exception";
  } catch (const aio::process_call_error& e) {
    EXPECT_STREQ(e.what(), "refused in the worker");
  }
  EXPECT_EQ(co_await aio::run_in_executor(pool, square, 5L), 25);  // the worker lives on
}

AIO_TEST(ProcessPool, ACrashingWorkerIsAnExceptionAndIsReplaced) {
  aio::process_pool pool{1};
  const int before = co_await aio::run_in_executor(pool, worker_pid);
  try {
    co_await aio::run_in_executor(pool, crash, 0);
    ADD_FAILURE() << "no exception";
  } catch (const aio::process_crashed_error& e) {
    EXPECT_NE(std::string(e.what()).find("signal 9"), std::string::npos) << e.what();
  }
  const int after = co_await aio::run_in_executor(pool, worker_pid);
  EXPECT_NE(after, before);  // a fresh worker took the dead one's place
  EXPECT_EQ(co_await aio::run_in_executor(pool, square, 7L), 49);
}
