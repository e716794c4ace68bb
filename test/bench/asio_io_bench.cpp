// The workloads of aio_io_bench.cpp in Boost.Asio 1.81 C++20 awaitables (co_spawn,
// use_awaitable, one io_context on one thread, its default epoll reactor). Prints the same JSON.
#include <time.h>

#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "io_bench_main.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr std::size_t message_size = 64;
constexpr std::size_t chunk_size = 64 * 1024;
using steady = std::chrono::steady_clock;

double cpu_seconds() {
  timespec ts;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

asio::awaitable<void> echo(tcp::socket s) {
  char data[4096];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await s.async_read_some(asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    co_await asio::async_write(s, asio::buffer(data, n), asio::use_awaitable);
  }
}

asio::awaitable<void> sink(tcp::socket s, std::uint64_t& received) {
  auto data = std::make_unique<char[]>(chunk_size);
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await s.async_read_some(asio::buffer(data.get(), chunk_size),
                                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    received += n;
  }
}

asio::awaitable<void> ping_client(tcp::socket& s, steady::time_point deadline, std::uint64_t& round_trips) {
  const std::string message(message_size, 'p');
  char reply[message_size];
  while (steady::now() < deadline) {
    co_await asio::async_write(s, asio::buffer(message), asio::use_awaitable);
    co_await asio::async_read(s, asio::buffer(reply), asio::use_awaitable);
    ++round_trips;
  }
  s.close();
}

asio::awaitable<void> stream_client(tcp::socket& s, steady::time_point deadline) {
  const std::string chunk(chunk_size, 's');
  while (steady::now() < deadline) co_await asio::async_write(s, asio::buffer(chunk), asio::use_awaitable);
  s.close();
}

// Operations (round trips, or bytes) and the CPU time of one run of `seconds`.
io_run run_workload(bool streaming, int connections, double seconds) {
  asio::io_context ctx(1);
  std::uint64_t count = 0;
  double start = 0;
  asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    tcp::acceptor acceptor(ex, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = acceptor.local_endpoint().port();
    std::vector<tcp::socket> clients;
    for (int i = 0; i < connections; ++i) {
      tcp::socket client(ex);
      co_await client.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
      client.set_option(tcp::no_delay(true));
      tcp::socket served = co_await acceptor.async_accept(asio::use_awaitable);
      served.set_option(tcp::no_delay(true));
      if (streaming) asio::co_spawn(ex, sink(std::move(served), count), asio::detached);
      else asio::co_spawn(ex, echo(std::move(served)), asio::detached);
      clients.push_back(std::move(client));
    }
    const auto deadline = steady::now() + std::chrono::duration_cast<steady::duration>(
                                              std::chrono::duration<double>(seconds));
    start = cpu_seconds();
    // Asio 1.81 has no gather over a range: spawn each client, wake this one after the last.
    std::size_t remaining = clients.size();
    asio::steady_timer all_done(ex, steady::time_point::max());
    for (auto& c : clients) {
      auto client = streaming ? stream_client(c, deadline) : ping_client(c, deadline, count);
      asio::co_spawn(ex, std::move(client), [&](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
        if (--remaining == 0) all_done.cancel();
      });
    }
    boost::system::error_code ec;
    co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  ctx.run();  // returns once every server coroutine has seen its client's end
  return io_run{static_cast<double>(count), cpu_seconds() - start};
}

}  // namespace

int main(int argc, char** argv) {
  return print_io_bench(parse_io_bench_options(argc, argv, 1), [](const io_workload& w, int connections, double seconds) {
    return run_workload(w.streaming, connections, seconds);
  });
}
