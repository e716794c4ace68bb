// The guide's semaphores: "Semaphores and Locks for Synchronization" (comprehensive guide),
// "Asynchronous Semaphore" (tutorial) and "Semaphore - Limit Concurrency" (short post). Ten
// 1 s fetches share an aio::semaphore of 3 permits: never more than 3 run at once, they go in
// waves of 3 (permits are handed on in FIFO order), and the whole takes ceil(10 / 3) = 4 s.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

struct concurrency_meter {
  int running = 0;
  int most = 0;
};

aio::task<std::string> fetch_url(std::string url, aio::semaphore& semaphore, concurrency_meter& meter) {
  auto permit = co_await semaphore.acquire();  // only 3 tasks get past this line at once
  meter.most = std::max(meter.most, ++meter.running);
  std::printf("[%.1f s] Fetching %s (%d running)\n", elapsed(), url.c_str(), meter.running);
  co_await aio::sleep(1s);
  --meter.running;
  co_return "Content from " + url;
}

aio::task<> main_task() {
  elapsed();
  aio::semaphore semaphore{3};
  concurrency_meter meter;
  std::vector<aio::task<std::string>> fetches;
  for (int i = 0; i < 10; ++i)
    fetches.push_back(fetch_url("http://example.com/" + std::to_string(i), semaphore, meter));
  std::vector<std::string> pages = co_await aio::gather(std::move(fetches));
  std::printf("%zu pages in %.1f s, at most %d fetches at once\n", pages.size(), elapsed(), meter.most);
}

int main() { aio::run(main_task()); }

// CHECK:      [0.0 s] Fetching http://example.com/0 (1 running)
// CHECK-NEXT: [0.0 s] Fetching http://example.com/1 (2 running)
// CHECK-NEXT: [0.0 s] Fetching http://example.com/2 (3 running)
// CHECK-NEXT: [1.0 s] Fetching http://example.com/3 (1 running)
// CHECK-NEXT: [1.0 s] Fetching http://example.com/4 (2 running)
// CHECK-NEXT: [1.0 s] Fetching http://example.com/5 (3 running)
// CHECK-NEXT: [2.0 s] Fetching http://example.com/6 (1 running)
// CHECK-NEXT: [2.0 s] Fetching http://example.com/7 (2 running)
// CHECK-NEXT: [2.0 s] Fetching http://example.com/8 (3 running)
// CHECK-NEXT: [3.0 s] Fetching http://example.com/9 (1 running)
// CHECK-NEXT: 10 pages in 4.0 s, at most 3 fetches at once
