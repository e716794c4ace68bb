// Timeout scopes: asyncio.timeout()/timeout_at() as aio::timeout(d, aw) and
// aio::timeout_at(deadline, aw) (the guides time out single calls with wait_for; see
// wait_for.cpp). A timeout that is not reached changes nothing; one that is reached cancels the
// work and comes out as aio::timeout_error at the deadline. timeout_at gives several steps one
// shared deadline. Nested, the earlier deadline wins: an inner timeout that fires is handled
// inside and the outer work goes on; an outer one that fires reaches the inner code as plain
// cancellation (its timeout_error handler does not run) and comes out only at the outer level.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> fetch(std::string what, std::chrono::milliseconds duration) {
  co_await aio::sleep(duration);
  co_return what + " done";
}

aio::task<> with_inner_timeout(std::chrono::seconds inner_limit) {
  try {
    co_await aio::timeout(inner_limit, aio::sleep(10s));
  } catch (const aio::timeout_error&) {
    std::printf("inner timeout (%lld s) fired at %.1f s\n", static_cast<long long>(inner_limit.count()), elapsed());
  }
  co_await aio::sleep(1s);
  std::printf("body finished at %.1f s\n", elapsed());
}

aio::task<> main_task() {
  elapsed();
  std::string fast = co_await aio::timeout(2s, fetch("fast", 1s));
  std::printf("%s at %.1f s, within 2 s\n", fast.c_str(), elapsed());

  try {
    co_await aio::timeout(2s, fetch("slow", 5s));
  } catch (const aio::timeout_error&) {
    std::printf("slow timed out at %.1f s\n", elapsed());
  }

  // One deadline for a sequence of steps: 3 s in all, whatever each step takes.
  const auto deadline = aio::get_running_loop().time() + 3s;
  try {
    std::printf("%s at %.1f s\n", (co_await aio::timeout_at(deadline, fetch("connect", 1200ms))).c_str(), elapsed());
    std::printf("%s at %.1f s\n", (co_await aio::timeout_at(deadline, fetch("handshake", 1200ms))).c_str(), elapsed());
    std::printf("%s at %.1f s\n", (co_await aio::timeout_at(deadline, fetch("download", 1200ms))).c_str(), elapsed());
  } catch (const aio::timeout_error&) {
    std::printf("deadline reached at %.1f s\n", elapsed());
  }

  // Nested: the inner limit (1 s) is the earlier one.
  co_await aio::timeout(5s, with_inner_timeout(1s));
  std::printf("outer timeout (5 s) not reached\n");

  // Nested: the outer limit (1 s) is the earlier one.
  try {
    co_await aio::timeout(1s, with_inner_timeout(5s));
  } catch (const aio::timeout_error&) {
    std::printf("outer timeout (1 s) fired at %.1f s\n", elapsed());
  }
}

int main() { aio::run(main_task()); }

// CHECK:      fast done at 1.0 s, within 2 s
// CHECK-NEXT: slow timed out at 3.0 s
// CHECK-NEXT: connect done at 4.2 s
// CHECK-NEXT: handshake done at 5.4 s
// CHECK-NEXT: deadline reached at 6.0 s
// CHECK-NEXT: inner timeout (1 s) fired at 7.0 s
// CHECK-NEXT: body finished at 8.0 s
// CHECK-NEXT: outer timeout (5 s) not reached
// CHECK-NEXT: outer timeout (1 s) fired at 9.0 s
