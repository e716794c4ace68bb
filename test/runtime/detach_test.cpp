#include <aio/aio.hpp>
#include <aio/testing.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

namespace {

aio::task<int> fails_after(std::chrono::milliseconds delay) {
  co_await aio::sleep(delay);
  throw std::runtime_error("boom");
}

aio::task<int> succeeds() { co_return 7; }

std::string message_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

AIO_TEST(Detach, FailureReachesTheHandlerNotTheLoop) {
  std::string seen;
  int loop_reports = 0;
  aio::get_running_loop().set_exception_handler(
      [&](aio::event_loop&, const aio::exception_context&) { ++loop_reports; });
  // Waits for the handler itself, not for a real-time delay that a loaded machine may outrun.
  aio::event handled;
  aio::detach(aio::create_task(fails_after(1ms)), [&](std::exception_ptr e) {
    seen = message_of(e);
    handled.set();
  });
  co_await aio::wait_for(handled.wait(), 60s);
  AIO_ASSERT_EQ(seen, "boom");
  AIO_ASSERT_EQ(loop_reports, 0);  // retrieved by the handler: not "never retrieved"
}

AIO_TEST(Detach, SuccessAndCancellationCallNothing) {
  int calls = 0;
  aio::detach(aio::create_task(succeeds()), [&](std::exception_ptr) { ++calls; });
  auto sleeper = aio::create_task(fails_after(1h));
  aio::detach(sleeper, [&](std::exception_ptr) { ++calls; });
  co_await aio::sleep(1ms);
  sleeper.cancel();
  co_await aio::sleep(1ms);
  AIO_ASSERT_TRUE(sleeper.cancelled());
  AIO_ASSERT_EQ(calls, 0);
}
