// The guide's "Batch processing to reduce context switching" (and "Batch operations"): 250
// items are processed in batches of 100; the items of a batch run concurrently with gather,
// the batches one after another with a 0.1 s pause between them for a checkpoint or for
// throttling. Each item takes 1 s, so the whole run takes 3 batches * 1 s + 2 pauses * 0.1 s,
// with never more than 100 items in flight.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <vector>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

int in_flight = 0;
int max_in_flight = 0;

aio::task<long> process_item(int item) {
  max_in_flight = std::max(max_in_flight, ++in_flight);
  co_await aio::sleep(1s);
  --in_flight;
  co_return 2L * item;
}

aio::task<long> batch_processing(std::vector<int> items, std::size_t batch_size) {
  const auto start = aio::get_running_loop().time();
  long total = 0;
  for (std::size_t first = 0; first < items.size(); first += batch_size) {
    if (first > 0) co_await aio::sleep(100ms);  // checkpoint or throttling between batches
    const std::size_t last = std::min(items.size(), first + batch_size);
    std::vector<aio::task<long>> batch;
    for (std::size_t i = first; i < last; ++i) batch.push_back(process_item(items[i]));
    std::vector<long> results = co_await aio::gather(std::move(batch));
    total += std::accumulate(results.begin(), results.end(), 0L);
    std::printf("items %zu-%zu done at %.1f s\n", first, last - 1, seconds_since(start));
  }
  co_return total;
}

aio::task<> main_task() {
  std::vector<int> items(250);
  std::iota(items.begin(), items.end(), 0);
  const long total = co_await batch_processing(items, 100);
  std::printf("total %ld, at most %d items at once\n", total, max_in_flight);
}

int main() { aio::run(main_task()); }

// CHECK:      items 0-99 done at 1.0 s
// CHECK-NEXT: items 100-199 done at 2.1 s
// CHECK-NEXT: items 200-249 done at 3.2 s
// 2 * (0 + 1 + ... + 249) = 62250
// CHECK-NEXT: total 62250, at most 100 items at once
