// The guide's "Asynchronous signal handling" (graceful shutdown of a long-running program): a
// server and two workers run until SIGINT or SIGTERM; loop.add_signal_handler runs the handler
// on the loop as an ordinary callback, which sets an event. Here the program sends itself
// SIGTERM once it has started (as `kill <pid>` would); then it stops accepting connections,
// cancels the workers, lets each finish its cleanup (shielded, since cancellation is already
// under way), awaits them, prints a summary and exits with status 0.
#include <aio/aio.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;

aio::task<> echo(aio::stream client) {
  for (std::string line = co_await client.readline(); !line.empty(); line = co_await client.readline()) {
    client.write(line);
    co_await client.drain();
  }
  client.close();
  co_await client.wait_closed();
}

aio::task<> cleanup(std::string name) {  // by value: a shielded task outlives a cancelled caller
  co_await aio::sleep(100ms);  // flush, disconnect...
  std::printf("%s cleanup complete\n", name.c_str());
}

// Works until cancelled, then cleans up and lets the cancellation go on.
aio::task<int> worker(std::string name) {
  int jobs = 0;
  std::exception_ptr stopped;
  try {
    for (;;) {
      co_await aio::sleep(20ms);  // one job
      ++jobs;
    }
  } catch (const aio::cancelled_error&) {
    std::printf("%s received cancellation, cleaning up...\n", name.c_str());
    stopped = std::current_exception();  // no co_await in a handler: clean up below
  }
  co_await aio::shield(cleanup(name));
  std::rethrow_exception(stopped);
}

aio::task<> main_task() {
  auto& loop = aio::get_running_loop();
  aio::event stop;
  for (int sig : {SIGINT, SIGTERM}) {
    loop.add_signal_handler(sig, [&stop, sig] {
      std::printf("\nReceived %s, starting graceful shutdown...\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
      stop.set();
    });
  }

  aio::server server = co_await aio::start_server(echo, "127.0.0.1", 0);
  std::vector<aio::join_handle<int>> workers;
  workers.push_back(aio::create_task(worker("Worker 1")));
  workers.push_back(aio::create_task(worker("Worker 2")));

  aio::stream client = co_await aio::open_connection("127.0.0.1", server.port());
  client.write("ping\n");
  std::printf("started: echo server answers %s", (co_await client.readline()).c_str());
  client.close();
  co_await client.wait_closed();

  kill(getpid(), SIGTERM);  // as if sent from outside
  co_await stop.wait();

  server.close();  // stop accepting; wait_closed also waits for running handlers
  co_await server.wait_closed();
  try {
    aio::stream late = co_await aio::open_connection("127.0.0.1", server.port());
    late.close();
    std::puts("not reached: a connection was accepted after close");
  } catch (const aio::connection_refused_error&) {
    std::puts("stopped accepting connections");
  }

  for (auto& w : workers) w.cancel();
  std::vector<aio::result<int>> outcomes = co_await aio::gather(aio::return_exceptions, workers);
  int finished = 0;
  for (const auto& outcome : outcomes) {
    try {
      outcome.value();
    } catch (const aio::cancelled_error&) {
      ++finished;
    }
  }
  for (int sig : {SIGINT, SIGTERM}) loop.remove_signal_handler(sig);
  std::printf("Summary: %d of %zu workers stopped and cleaned up, %zu tasks left\n", finished, workers.size(),
              aio::all_tasks().size() - 1);  // all but this one
  std::puts("Application closed");
}

int main() {
  aio::run(main_task());
  return 0;
}

// CHECK:      started: echo server answers ping
// CHECK:      Received SIGTERM, starting graceful shutdown...
// CHECK-NEXT: stopped accepting connections
// CHECK-NEXT: Worker 1 received cancellation, cleaning up...
// CHECK-NEXT: Worker 2 received cancellation, cleaning up...
// CHECK-NEXT: Worker 1 cleanup complete
// CHECK-NEXT: Worker 2 cleanup complete
// CHECK-NEXT: Summary: 2 of 2 workers stopped and cleaned up, 0 tasks left
// CHECK-NEXT: Application closed
// CHECK-NOT:  not reached
