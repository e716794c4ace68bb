// TCP echo over loopback with aio, on the backend named on the command line (epoll | io_uring).
// Server and clients share one loop on one thread, as in asio_io_bench.cpp and
// asyncio_io_bench.py. Prints one JSON object: ping-pong round trips and streamed MB per second
// of process CPU time, with 1 to 10,000 connections (the best of --repeat runs of --seconds each).
#include <time.h>

#include <aio/aio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "io_bench_main.hpp"

namespace {

constexpr std::size_t message_size = 64;       // one ping-pong message
constexpr std::size_t chunk_size = 64 * 1024;  // one streamed write

double cpu_seconds() {
  timespec ts;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

aio::task<> echo(aio::stream s) {
  for (;;) {
    std::string data = co_await s.read(4096);
    if (data.empty()) break;
    s.write(data);
    co_await s.drain();
  }
  s.close();
}

aio::task<> sink(aio::stream s, std::uint64_t* received) {
  for (;;) {
    std::string data = co_await s.read(chunk_size);
    if (data.empty()) break;
    *received += data.size();
  }
  s.close();
}

aio::task<> ping_client(aio::stream& s, aio::clock::time_point deadline, std::uint64_t& round_trips) {
  const std::string message(message_size, 'p');
  while (aio::clock::now() < deadline) {
    s.write(message);
    co_await s.drain();
    std::string reply = co_await s.read_exactly(message_size);
    if (reply.size() != message_size) std::abort();
    ++round_trips;
  }
  s.close();
  co_await s.wait_closed();
}

aio::task<> stream_client(aio::stream& s, aio::clock::time_point deadline) {
  const std::string chunk(chunk_size, 's');
  while (aio::clock::now() < deadline) {
    s.write(chunk);
    co_await s.drain();
  }
  s.close();
  co_await s.wait_closed();
}

// Operations (round trips, or bytes) and the CPU time of one run of `seconds`.
aio::task<io_run> run_workload(bool streaming, int connections, double seconds) {
  std::uint64_t count = 0;
  aio::connection_handler handler;
  if (streaming) handler = [&count](aio::stream s) { return sink(std::move(s), &count); };
  else handler = echo;
  aio::server server = co_await aio::start_server(handler, "127.0.0.1", 0);
  std::vector<aio::stream> streams;
  for (int i = 0; i < connections; ++i) streams.push_back(co_await aio::open_connection("127.0.0.1", server.port()));
  const auto deadline = aio::clock::now() + std::chrono::duration_cast<aio::clock::duration>(
                                                std::chrono::duration<double>(seconds));
  const double start = cpu_seconds();
  std::vector<aio::task<>> clients;
  for (auto& s : streams) clients.push_back(streaming ? stream_client(s, deadline) : ping_client(s, deadline, count));
  co_await aio::gather(std::move(clients));
  server.close();
  co_await server.wait_closed();  // every sink has counted its last byte
  co_return io_run{static_cast<double>(count), cpu_seconds() - start};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: aio-io-bench epoll|io_uring [--seconds S] [--repeat N] [--only WORKLOAD] [--count]\n");
    return 2;
  }
  aio::run_options options;
  options.backend = std::strcmp(argv[1], "io_uring") == 0 ? aio::backend::io_uring : aio::backend::epoll;
  return print_io_bench(parse_io_bench_options(argc, argv, 2), [&](const io_workload& w, int connections,
                                                                     double seconds) {
    aio::event_loop loop(options);
    if (loop.backend() != options.backend) {
      std::fprintf(stderr, "aio-io-bench: the kernel refused io_uring\n");
      return io_run{-1, 0};
    }
    io_run result = loop.run_until_complete(run_workload(w.streaming, connections, seconds));
    loop.close();
    return result;
  });
}
