#include <aio/aio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

aio::task<int> suppressed() {
  std::this_thread::sleep_for(1s); // NOLINT(async-blocking-call)
  // NOLINTNEXTLINE(async-blocking-call)
  std::this_thread::sleep_for(2s);
  // NOLINTBEGIN(async-*)
  std::this_thread::sleep_for(3s);
  std::this_thread::sleep_for(4s);
  // NOLINTEND(async-*)
  std::this_thread::sleep_for(5s); // NOLINT(some-other-check)
  std::this_thread::sleep_for(6s); // NOLINT
  co_return 1;
}
