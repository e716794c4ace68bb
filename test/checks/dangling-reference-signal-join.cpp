// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli
//
// jbaldwin/libcoro test/bench.cpp (tcp echo server benchmarks): the server
// spawns a detached task per connection, hands each the latch (or the event)
// it counts down when the connection ends, and awaits that latch before it
// returns. The tasks refer to the spawner's locals, but the spawner is still
// there when the last one reports its end (issue 16: two false findings on
// libcoro's own tests). The await must be a statement after the spawn's (not
// one a condition may skip), of a signal the task was given.

#include <aio/aio.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

struct connection {
  aio::task<std::string> read();
};

aio::task<> serve(connection c, int &remaining, aio::event &all_done) {
  co_await c.read();
  if (--remaining == 0)
    all_done.set();
}

aio::task<> serve_all(connection *clients, int count) {
  int remaining = count;
  aio::event all_done;
  for (int i = 0; i < count; ++i) {
    auto handle = aio::create_task(serve(clients[i], remaining, all_done));
  }
  co_await all_done.wait();
}

// The task's captures live in the local lambda; the spawner awaits the event.
struct server_state {
  aio::event wait_for_clients;
  int live_clients = 0;
};

aio::task<> make_server_task(server_state &s, connection *clients, int count) {
  int accepted = 0;
  auto make_on_connection_task = [&accepted](server_state &s, connection c) -> aio::task<> {
    ++accepted;
    co_await c.read();
    if (--s.live_clients == 0)
      s.wait_for_clients.set();
  };
  for (int i = 0; i < count; ++i) {
    ++s.live_clients;
    auto handle = aio::create_task(make_on_connection_task(s, clients[i]));
  }
  co_await s.wait_for_clients.wait();
}

// ---- must flag ------------------------------------------------------------------

aio::task<> awaits_something_else(connection *clients, int count) {
  int remaining = count;
  aio::event all_done;
  for (int i = 0; i < count; ++i) {
    auto handle = aio::create_task(serve(clients[i], remaining, all_done));
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'remaining' of coroutine 'serve' refers to local 'remaining'
  }
  co_await aio::sleep(10ms);
}

aio::task<> awaits_only_sometimes(connection *clients, int count, bool wait) {
  int remaining = count;
  aio::event all_done;
  for (int i = 0; i < count; ++i) {
    auto handle = aio::create_task(serve(clients[i], remaining, all_done));
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'remaining' of coroutine 'serve' refers to local 'remaining'
  }
  if (wait)
    co_await all_done.wait();
}

aio::task<> awaits_another_event(connection *clients, int count, aio::event &stop) {
  int remaining = count;
  aio::event all_done;
  for (int i = 0; i < count; ++i) {
    auto handle = aio::create_task(serve(clients[i], remaining, all_done));
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'remaining' of coroutine 'serve' refers to local 'remaining'
  }
  co_await stop.wait();
}
