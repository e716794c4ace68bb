// The guide's wait_for examples: "wait_for() - Timeout a coroutine" and "Timeouts with
// wait_for()" (comprehensive guide), "Timeout Control" (tutorial), "Timeouts" (short post).
// When the timeout fires, the awaited coroutine is cancelled (its cancellation handler runs)
// and aio::timeout_error comes out at the deadline; a timeout that does not fire changes
// nothing: the result comes back as soon as it is ready.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> slow_operation(std::chrono::seconds duration) {
  try {
    co_await aio::sleep(duration);
  } catch (const aio::cancelled_error&) {
    std::printf("slow_operation cancelled at %.1f s\n", elapsed());
    throw;  // finish the cancellation
  }
  co_return "Done";
}

aio::task<> main_task() {
  elapsed();
  try {
    std::string result = co_await aio::wait_for(slow_operation(5s), 2s);
    std::printf("Got %s\n", result.c_str());
  } catch (const aio::timeout_error&) {
    std::printf("Operation timed out at %.1f s\n", elapsed());
  }

  std::string result = co_await aio::wait_for(slow_operation(1s), 2s);
  std::printf("Got %s at %.1f s: within the timeout\n", result.c_str(), elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      slow_operation cancelled at 2.0 s
// CHECK-NEXT: Operation timed out at 2.0 s
// CHECK-NEXT: Got Done at 3.0 s: within the timeout
