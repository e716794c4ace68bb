// RUN: %check_corolint_plugin %s async-unbounded-spawn %t
// RUN: %check_corolint %s async-unbounded-spawn %t-cli
// RUN: %check_corolint_fast %s async-unbounded-spawn %t-fast
//
// In test and benchmark code a counted fan-out is the load the author chose,
// not something input can grow (alibaba/async_simple benchmarks/Lazy.bench.cpp,
// Mutex.bench.cpp, ReadFile.bench.cpp; async_simple/coro/test/SleepTest.cpp):
// `for (i = 0; i < 5000; ++i) input.push_back(...)`, a `loop_num` local, one task
// per core. A fan-out over the elements of a collection is still reported:
// that one grows with its data wherever it is written.

#include <aio/aio.hpp>
#include <benchmark/benchmark.h>

#include <string>
#include <thread>
#include <vector>

aio::task<int> work(int i) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return i;
}

// Lazy.bench.cpp's collectAll benchmark: a literal count above MaxStaticFanout.
aio::task<> gathers_a_fixed_batch() {
  std::vector<aio::task<int>> input;
  for (int i = 0; i < 5000; i++)
    input.push_back(work(i));
  co_await aio::gather(std::move(input));
}

// Mutex.bench.cpp: the count is a local the benchmark sets.
aio::task<> spawns_loop_num(int loop_num) {
  std::vector<aio::join_handle<int>> handles;
  for (int i = 0; i < loop_num; i++)
    handles.push_back(aio::create_task(work(i)));
  co_await aio::gather(std::move(handles));
}

// ReadFile.bench.cpp: one task per core.
aio::task<> one_per_core() {
  auto core_num = std::thread::hardware_concurrency();
  std::vector<aio::task<int>> input;
  for (unsigned i = 0; i < core_num; ++i)
    input.push_back(work(static_cast<int>(i)));
  co_await aio::gather(std::move(input));
}

// One task per element of the data: reported in benchmark code too.
aio::task<> fetches_every_url(const std::vector<std::string> &urls) {
  std::vector<aio::join_handle<int>> handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task(work(static_cast<int>(url.size()))));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates one task per element of 'urls' with no bound on how many run at once
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:23: warning: creates one task per element of 'urls' with no bound on how many run at once
  co_await aio::gather(std::move(handles));
}

static void BM_gather(benchmark::State &state) {
  for (auto _ : state)
    aio::run(gathers_a_fixed_batch());
}
BENCHMARK(BM_gather);
