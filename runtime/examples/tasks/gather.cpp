// The guide's gather examples: "Concurrent Execution with asyncio.gather()" (comprehensive
// guide) and "The Solution" (short post). gather runs its arguments concurrently: the results
// come back in argument order whatever order the fetches finish in, and the whole takes as
// long as the slowest fetch (3 s, not 2 + 1 + 3 = 6 s; three 1 s fetches take 1 s).
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> fetch_data(int id, std::chrono::seconds delay) {
  co_await aio::sleep(delay);
  std::printf("fetch %d finished\n", id);
  co_return "Data " + std::to_string(id);
}

aio::task<std::string> fetch(std::string url) {
  co_await aio::sleep(1s);  // a network request
  co_return "Data from " + url;
}

aio::task<> main_task() {
  // A fixed set of awaitables gives a tuple, one element per argument.
  auto start = aio::get_running_loop().time();
  auto [first, second, third] = co_await aio::gather(fetch_data(1, 2s), fetch_data(2, 1s), fetch_data(3, 3s));
  std::printf("['%s', '%s', '%s'] in %.1f s\n", first.c_str(), second.c_str(), third.c_str(), seconds_since(start));

  // A vector of tasks gives a vector of results, still in order.
  start = aio::get_running_loop().time();
  std::vector<aio::task<std::string>> fetches;
  for (const char* url : {"url1", "url2", "url3"}) fetches.push_back(fetch(url));
  std::vector<std::string> results = co_await aio::gather(std::move(fetches));
  for (const auto& r : results) std::printf("%s\n", r.c_str());
  std::printf("%zu fetches of 1 s each in %.1f s\n", results.size(), seconds_since(start));
}

int main() { aio::run(main_task()); }

// Completion order is by delay; the results are in argument order anyway.
// CHECK:      fetch 2 finished
// CHECK-NEXT: fetch 1 finished
// CHECK-NEXT: fetch 3 finished
// CHECK-NEXT: ['Data 1', 'Data 2', 'Data 3'] in 3.0 s
// CHECK-NEXT: Data from url1
// CHECK-NEXT: Data from url2
// CHECK-NEXT: Data from url3
// CHECK-NEXT: 3 fetches of 1 s each in 1.0 s
