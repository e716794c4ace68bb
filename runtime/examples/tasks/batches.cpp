// The tutorial's "Batch Processing to Reduce Context Switching": instead of one task per item
// all at once, the items go through in fixed batches: gather one batch, pause briefly (a
// checkpoint or throttle), then the next. At most one batch runs at a time, and batches do not
// overlap: 10 items of 1 s in batches of 4 take 3 batches x (1 s + 0.1 s pause) = 3.3 s.
// (A semaphore refills a slot as soon as one frees up instead; see sync/semaphore_rate_limit.cpp.)
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<int> process_item(int item) {
  co_await aio::sleep(1s);
  co_return item * item;
}

aio::task<std::vector<int>> batch_processing(const std::vector<int>& items, std::size_t batch_size) {
  std::vector<int> results;
  for (std::size_t first = 0; first < items.size(); first += batch_size) {
    const std::size_t last = std::min(items.size(), first + batch_size);
    std::printf("[%.1f s] batch of %zu: items %d..%d\n", elapsed(), last - first, items[first], items[last - 1]);
    std::vector<aio::task<int>> batch;
    for (std::size_t i = first; i < last; ++i) batch.push_back(process_item(items[i]));
    for (int r : co_await aio::gather(std::move(batch))) results.push_back(r);
    co_await aio::sleep(100ms);  // checkpoint / throttle between batches
  }
  co_return results;
}

aio::task<> main_task() {
  elapsed();
  const std::vector<int> items{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  std::vector<int> squares = co_await batch_processing(items, 4);
  std::printf("[%.1f s] %zu results:", elapsed(), squares.size());
  for (int s : squares) std::printf(" %d", s);
  std::printf("\n");
}

int main() { aio::run(main_task()); }

// CHECK:      [0.0 s] batch of 4: items 1..4
// CHECK-NEXT: [1.1 s] batch of 4: items 5..8
// CHECK-NEXT: [2.2 s] batch of 2: items 9..10
// CHECK-NEXT: [3.3 s] 10 results: 1 4 9 16 25 36 49 64 81 100
