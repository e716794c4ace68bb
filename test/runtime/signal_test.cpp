// loop.add_signal_handler / remove_signal_handler: a signal sent to the process runs the handler
// on the loop (as a callback), never in signal context.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>
#include <thread>

#include "io_backends.hpp"

using namespace std::chrono_literals;

AIO_IO_TEST(Signal, ASignalSentToTheProcessReachesTheHandlerOnTheLoop) {
  auto& loop = aio::get_running_loop();
  const auto loop_thread = std::this_thread::get_id();
  int calls = 0;
  std::thread::id ran_on;
  auto sleeper = aio::create_task(aio::detail::as_task(aio::sleep(1h)));
  loop.add_signal_handler(SIGUSR1, [&] {
    ++calls;
    ran_on = std::this_thread::get_id();
    sleeper.cancel();
  });
  ::kill(::getpid(), SIGUSR1);
  EXPECT_THROW(co_await sleeper, aio::cancelled_error);  // woken by the handler, not by time
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ran_on, loop_thread);
  EXPECT_TRUE(loop.remove_signal_handler(SIGUSR1));
  EXPECT_FALSE(loop.remove_signal_handler(SIGUSR1));
}

AIO_IO_TEST(Signal, ASignalFromAnotherThreadAndASecondHandlerReplacingTheFirst) {
  auto& loop = aio::get_running_loop();
  std::string seen;
  auto sleeper = aio::create_task(aio::detail::as_task(aio::sleep(1h)));
  loop.add_signal_handler(SIGUSR2, [&] { seen += "first"; });
  loop.add_signal_handler(SIGUSR2, [&] {
    seen += "second";
    sleeper.cancel();
  });
  std::thread sender([] { ::kill(::getpid(), SIGUSR2); });
  EXPECT_THROW(co_await sleeper, aio::cancelled_error);
  sender.join();
  EXPECT_EQ(seen, "second");
  loop.remove_signal_handler(SIGUSR2);
}

AIO_IO_TEST(Signal, SignalsThatCannotBeCaughtAreRefused) {
  auto& loop = aio::get_running_loop();
  EXPECT_THROW(loop.add_signal_handler(SIGKILL, [] {}), std::invalid_argument);
  EXPECT_THROW(loop.add_signal_handler(0, [] {}), std::invalid_argument);
  co_return;
}

TEST(Signal, ClosingTheLoopRemovesItsHandlers) {
  {
    aio::event_loop loop;
    loop.add_signal_handler(SIGUSR1, [] {});
    loop.close();
  }
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  EXPECT_FALSE(sigismember(&mask, SIGUSR1));  // unblocked again, as before the loop
}
