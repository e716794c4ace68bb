// aio under the workloads scripts/bench compares with Boost.Asio, asyncio and uvloop.
#include <benchmark/benchmark.h>

#include <aio/aio.hpp>

using namespace std::chrono_literals;

namespace {

aio::task<> noop() { co_return; }

// One op = create_task of a no-op coroutine and awaiting its handle.
void spawn_await(benchmark::State& state) {
  aio::run([](benchmark::State& s) -> aio::task<> {
    for (auto _ : s) co_await aio::create_task(noop());
  }(state));
  state.SetItemsProcessed(state.iterations());
}

// One op = one child of a gather over range(0) no-op tasks.
void gather(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  aio::run([](benchmark::State& s, std::size_t count) -> aio::task<> {
    for (auto _ : s) {
      std::vector<aio::task<>> tasks;
      tasks.reserve(count);
      for (std::size_t i = 0; i < count; ++i) tasks.push_back(noop());
      auto results = co_await aio::gather(std::move(tasks));
      benchmark::DoNotOptimize(results.data());
    }
  }(state, n));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// One op = one sleep(0) yield; two tasks take turns, so an iteration is two yields.
void yield(benchmark::State& state) {
  aio::run([](benchmark::State& s) -> aio::task<> {
    bool stop = false;
    auto partner = aio::create_task([](bool& done) -> aio::task<> {
      while (!done) co_await aio::sleep(0s);
    }(stop));
    for (auto _ : s) co_await aio::sleep(0s);
    stop = true;
    co_await partner;
  }(state));
  state.SetItemsProcessed(state.iterations() * 2);
}

// One op = one round trip: the main task puts into `ping`, its partner gets it and puts it
// into `pong`, the main task gets it back (two hand-overs, two task switches).
void queue_ping_pong(benchmark::State& state) {
  aio::run([](benchmark::State& s) -> aio::task<> {
    aio::queue<int> ping, pong;
    auto partner = aio::create_task([](aio::queue<int>& in, aio::queue<int>& out) -> aio::task<> {
      for (;;) {
        int v = co_await in.get();
        if (v < 0) co_return;
        co_await out.put(v);
      }
    }(ping, pong));
    int i = 0;
    for (auto _ : s) {
      co_await ping.put(i++);
      benchmark::DoNotOptimize(co_await pong.get());
    }
    co_await ping.put(-1);
    co_await partner;
  }(state));
  state.SetItemsProcessed(state.iterations());
}

// One op = lock() and the guard's unlock of a mutex nobody else wants.
void mutex(benchmark::State& state) {
  aio::run([](benchmark::State& s) -> aio::task<> {
    aio::mutex m;
    for (auto _ : s) {
      auto guard = co_await m.lock();
      benchmark::DoNotOptimize(guard);
    }
  }(state));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(spawn_await);
BENCHMARK(gather)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(yield);
BENCHMARK(queue_ping_pong);
BENCHMARK(mutex);

BENCHMARK_MAIN();
