// Anti-pattern "Async over everything": coroutines that never suspend. Each call allocates
// a coroutine frame and forces every caller to co_await, for work that has no I/O.
// Fix: plain functions — `double calculate_total(const std::vector<double>&)`.
#include <aio/aio.hpp>

#include <numeric>
#include <vector>

aio::task<double> calculate_total(std::vector<double> prices) {  // wrong: no I/O, never suspends [async-no-await]
  double total = 0.0;
  for (double price : prices) total += price;
  co_return total;
}

aio::task<int> async_sum(std::vector<int> numbers) {  // wrong: an async wrapper for a sum [async-no-await]
  co_return std::accumulate(numbers.begin(), numbers.end(), 0);
}

aio::task<> main_task() {
  double total = co_await calculate_total({1.5, 2.5});
  int sum = co_await async_sum({1, 2, 3});
  std::printf("%.1f %d\n", total, sum);
}

int main() { aio::run(main_task()); }
