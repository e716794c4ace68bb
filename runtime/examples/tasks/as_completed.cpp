// The guide's as_completed examples: "as_completed() - Process results as they finish"
// (comprehensive guide) and "as_completed - Process as Ready" (short post). Each result is
// handled the moment its task finishes: in completion order (3, 2, 1), not creation order,
// and each at its own time (0 s, 1 s, 2 s) instead of all at the end.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> fetch_data(int id, std::chrono::seconds delay) {
  co_await aio::sleep(delay);
  co_return "Data " + std::to_string(id);
}

aio::task<> main_task() {
  elapsed();
  std::vector<aio::task<std::string>> coros;
  for (int i = 1; i <= 3; ++i) coros.push_back(fetch_data(i, std::chrono::seconds(3 - i)));

  auto completed = aio::as_completed(std::move(coros));
  while (auto result = co_await completed.next())
    std::printf("Got result: %s at %.1f s\n", result->c_str(), elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      Got result: Data 3 at 0.0 s
// CHECK-NEXT: Got result: Data 2 at 1.0 s
// CHECK-NEXT: Got result: Data 1 at 2.0 s
