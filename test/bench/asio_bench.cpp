// The same workloads in Boost.Asio 1.81 C++20 awaitables: co_spawn/use_awaitable, post to yield.
#include <benchmark/benchmark.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/channel.hpp>

namespace asio = boost::asio;

namespace {

asio::awaitable<void> noop() { co_return; }

template <class Body>
void run_in_context(Body body) {
  asio::io_context ctx(1);
  asio::co_spawn(ctx, body(ctx.get_executor()), asio::detached);
  ctx.run();
}

void spawn_await(benchmark::State& state) {
  run_in_context([&](auto ex) -> asio::awaitable<void> {
    for (auto _ : state) co_await asio::co_spawn(ex, noop(), asio::use_awaitable);
  });
  state.SetItemsProcessed(state.iterations());
}

// Asio has no gather over a range in 1.81: spawn each child with a counting completion
// handler and wake the parent through a timer when the last one finishes.
void gather(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  run_in_context([&](auto ex) -> asio::awaitable<void> {
    for (auto _ : state) {
      std::size_t remaining = n;
      asio::steady_timer all_done(ex, asio::steady_timer::time_point::max());
      for (std::size_t i = 0; i < n; ++i)
        asio::co_spawn(ex, noop(), [&](std::exception_ptr) {
          if (--remaining == 0) all_done.cancel();
        });
      boost::system::error_code ec;
      co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  });
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void yield(benchmark::State& state) {
  bool stop = false;  // outlives both coroutines: the partner may run after the main one ends
  run_in_context([&](auto ex) -> asio::awaitable<void> {
    asio::co_spawn(ex, [&stop, ex]() -> asio::awaitable<void> {
      while (!stop) co_await asio::post(ex, asio::use_awaitable);
    }, asio::detached);
    for (auto _ : state) co_await asio::post(ex, asio::use_awaitable);
    stop = true;
  });
  state.SetItemsProcessed(state.iterations() * 2);
}

// Ping-pong over two experimental::channel objects (Asio's nearest thing to a queue between
// coroutines). Asio has no async mutex, so the mutex workload has no Asio column.
void queue_ping_pong(benchmark::State& state) {
  using channel = asio::experimental::channel<void(boost::system::error_code, int)>;
  asio::io_context ctx(1);
  channel ping(ctx, 1), pong(ctx, 1);  // outlive both coroutines
  asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
    for (;;) {
      int v = co_await ping.async_receive(asio::use_awaitable);
      if (v < 0) co_return;
      co_await pong.async_send(boost::system::error_code{}, v, asio::use_awaitable);
    }
  }, asio::detached);
  asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
    int i = 0;
    for (auto _ : state) {
      co_await ping.async_send(boost::system::error_code{}, i++, asio::use_awaitable);
      benchmark::DoNotOptimize(co_await pong.async_receive(asio::use_awaitable));
    }
    co_await ping.async_send(boost::system::error_code{}, -1, asio::use_awaitable);
  }, asio::detached);
  ctx.run();
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(spawn_await);
BENCHMARK(gather)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(yield);
BENCHMARK(queue_ping_pong);

BENCHMARK_MAIN();
