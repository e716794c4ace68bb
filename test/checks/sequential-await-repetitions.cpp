// RUN: %check_corolint_plugin %s async-sequential-await %t
// RUN: %check_corolint %s async-sequential-await %t-cli
// RUN: %check_corolint_fast %s async-sequential-await %t-fast

// A loop whose iterations repeat the same await has no items to gather: the
// benchmarks of folly (folly/coro/test/TaskBenchmark.cpp, CollectAllTryBenchmark.cpp)
// and async_simple (coro/test/LazyTest.cpp) measure exactly that sequence. Their
// shapes, ported to aio: a template coroutine in a lambda handed to the runner,
// a counter that only counts, an accumulating result.

#include <aio/aio.hpp>

#include <cstddef>

template <std::size_t N>
aio::task<> staticNestedCalls() {
  if constexpr (N > 0)
    co_await staticNestedCalls<N - 1>();
  co_return;
}

template <std::size_t N>
static void benchStaticNestedCalls(std::size_t iters) {
  aio::run([iters]() -> aio::task<> {
    for (std::size_t i = 0; i < iters; ++i) {
      co_await staticNestedCalls<N>();
    }
  }());
}

void benchStaticNestedCalls3(std::size_t iters) { benchStaticNestedCalls<3>(iters / 3); }

static aio::task<> nestedCalls(std::size_t depth) {
  if (depth > 0)
    co_await nestedCalls(depth - 1);
  co_return;
}

static void benchNestedCalls(std::size_t depth, std::size_t iters) {
  aio::run([depth, iters]() -> aio::task<> {
    for (std::size_t i = 0; i < iters; ++i) {
      co_await nestedCalls(depth);
    }
  }());
}

template <int Depth>
aio::task<int> lazy_fn() {
  if constexpr (Depth > 0)
    co_return 1 + co_await lazy_fn<Depth - 1>();
  else
    co_return 0;
}

int chain_call(int test_loop) {
  int total = 0;
  auto chain_starter = [&]() -> aio::task<> {
    for (auto i = 0; i < test_loop; ++i) {
      total += co_await lazy_fn<30>();
    }
  };
  aio::run(chain_starter());
  return total;
}

// The same loops over items are still reported: the counter picks the work.
aio::task<int> fetch_id(std::size_t id) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return static_cast<int>(id);
}

static void benchFetchEach(std::size_t iters) {
  aio::run([iters]() -> aio::task<> {
    for (std::size_t i = 0; i < iters; ++i) {
      co_await fetch_id(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: loop awaits 'fetch_id' once per iteration of a loop bounded by 'iters'
      // CHECK-FAST-MESSAGES: :[[@LINE-2]]:7: warning: loop awaits 'fetch_id' once per iteration of a loop bounded by 'iters'
    }
  }());
}
