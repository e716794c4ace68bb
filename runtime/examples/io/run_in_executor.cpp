// The guide's "Executing synchronous functions in asynchronous code" (run_in_executor with a
// ThreadPoolExecutor for blocking I/O, a ProcessPoolExecutor for CPU-bound work): blocking calls
// run on a thread pool and overlap, a CPU-bound pure function runs in worker processes, and all
// the while the loop stays free: a ticker task keeps ticking through every call.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace std::chrono_literals;

// A blocking, synchronous function (a legacy client, a blocking driver...).
std::string blocking_io_task(int n) {
  std::this_thread::sleep_for(200ms);
  return "result_" + std::to_string(n);
}

// A CPU-bound pure function (plain function, trivially copyable argument and result): the
// primes below `limit`, by trial division.
int count_primes(int limit) {
  int count = 0;
  for (int n = 2; n < limit; ++n) {
    bool prime = true;
    for (int d = 2; d * d <= n && prime; ++d) prime = n % d != 0;
    count += prime ? 1 : 0;
  }
  return count;
}

int ticks = 0;

aio::task<> ticker() {
  for (;;) {
    co_await aio::sleep(10ms);
    ++ticks;
  }
}

aio::task<> main_task() {
  auto& loop = aio::get_running_loop();
  auto ticking = aio::create_task(ticker());

  // Three blocking calls on a pool of three threads: they overlap (about 200 ms, not 600 ms).
  aio::thread_pool pool{3};
  const auto start = loop.time();
  auto [a, b, c] = co_await aio::gather(aio::run_in_executor(pool, blocking_io_task, 0),
                                        aio::run_in_executor(pool, blocking_io_task, 1),
                                        aio::run_in_executor(pool, blocking_io_task, 2));
  const auto elapsed = loop.time() - start;
  std::printf("Results: %s, %s, %s\n", a.c_str(), b.c_str(), c.c_str());
  if (elapsed < 600ms) std::puts("the three 200 ms calls overlapped");
  else std::printf("the calls did not overlap: %lld ms\n", static_cast<long long>(elapsed / 1ms));
  std::printf("ticker kept ticking during the blocking calls: %s\n", ticks > 0 ? "yes" : "no");

  // The loop's default executor: loop.run_in_executor(None, ...) and asyncio.to_thread.
  std::string d = co_await loop.run_in_executor(nullptr, blocking_io_task, 3);
  std::string e = co_await aio::to_thread(blocking_io_task, 4);
  std::printf("Default executor: %s, %s\n", d.c_str(), e.c_str());

  // CPU-bound work in two worker processes (each a few hundred milliseconds).
  aio::process_pool processes{2};
  const int ticks_before = ticks;
  auto [small, large] = co_await aio::gather(aio::run_in_executor(processes, count_primes, 250'000),
                                             aio::run_in_executor(processes, count_primes, 500'000));
  std::printf("Primes below 250000: %d, below 500000: %d\n", small, large);
  std::printf("ticker kept ticking during the process calls: %s\n", ticks > ticks_before ? "yes" : "no");

  ticking.cancel();
  try {
    co_await ticking;
  } catch (const aio::cancelled_error&) {
    std::puts("ticker stopped");
  }
}

int main() { aio::run(main_task()); }

// CHECK:      Results: result_0, result_1, result_2
// CHECK-NEXT: the three 200 ms calls overlapped
// CHECK-NEXT: ticker kept ticking during the blocking calls: yes
// CHECK-NEXT: Default executor: result_3, result_4
// pi(250000) and pi(500000), as a sieve of Eratosthenes counts them:
// CHECK-NEXT: Primes below 250000: 22044, below 500000: 41538
// CHECK-NEXT: ticker kept ticking during the process calls: yes
// CHECK-NEXT: ticker stopped
