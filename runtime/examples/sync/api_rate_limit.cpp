// The comprehensive guide's "API Rate Limiting": a semaphore of 5 whose permit is held for the
// request (0.5 s) and a further 1 s pause, so requests go out in batches of 5 spaced 1.5 s
// apart: 20 requests start at 0, 1.5, 3 and 4.5 s and the last one ends at 6 s. (For a steady
// rate of R requests per second rather than batches, see token_bucket.cpp.)
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> rate_limited_fetch(std::string url, aio::semaphore& semaphore, std::map<double, int>& starts) {
  auto permit = co_await semaphore.acquire();
  ++starts[elapsed()];
  co_await aio::sleep(500ms);  // the request
  co_await aio::sleep(1s);     // wait before releasing the permit
  co_return "Data from " + url;
}

aio::task<> main_task() {
  elapsed();
  aio::semaphore semaphore{5};
  std::map<double, int> starts;  // start time -> requests started then
  std::vector<aio::task<std::string>> requests;
  for (int i = 0; i < 20; ++i)
    requests.push_back(rate_limited_fetch("https://api.example.com/item/" + std::to_string(i), semaphore, starts));
  std::vector<std::string> results = co_await aio::gather(std::move(requests));
  for (const auto& [time, count] : starts) std::printf("%d requests started at %.1f s\n", count, time);
  std::printf("%zu results in %.1f s\n", results.size(), elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      5 requests started at 0.0 s
// CHECK-NEXT: 5 requests started at 1.5 s
// CHECK-NEXT: 5 requests started at 3.0 s
// CHECK-NEXT: 5 requests started at 4.5 s
// CHECK-NEXT: 20 results in 6.0 s
