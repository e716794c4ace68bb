// RUN: %check_corolint_plugin %s async-unbounded-spawn %t
// RUN: %check_corolint %s async-unbounded-spawn %t-cli
// RUN: %check_corolint_fast %s async-unbounded-spawn %t-fast
//
// jbaldwin/libcoro examples/coro_tcp_echo_server.cpp starts one server per
// core (`const std::size_t count = std::thread::hardware_concurrency();`):
// the count is the machine's, not the input's. Its tests spawn inside
// Catch's REQUIRE, whose `do { ... } while (false)` is a statement wrapper,
// not a loop (test_thread_pool.cpp: three spawns, each reported as "an
// open-ended loop"). Issue 16: five false findings on libcoro's own code.
// The fast engine knows the core count only when the bound calls
// hardware_concurrency() itself, and does not follow tasks into a gather.

#include <aio/aio.hpp>

#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

#define CHECK_SPAWNED(expr)                                                                        \
  do {                                                                                             \
    if (!(expr))                                                                                   \
      throw 1;                                                                                     \
  } while (false)

aio::task<> echo_server(int port);
aio::task<> work(int item);

aio::task<> one_server_per_core() {
  const std::size_t count = std::thread::hardware_concurrency();
  std::vector<aio::task<>> workers;
  workers.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    workers.emplace_back(echo_server(8080 + static_cast<int>(i)));
  co_await aio::gather(std::move(workers));
}

aio::task<> one_handle_per_core() {
  std::vector<aio::join_handle<>> servers;
  for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i)
    servers.push_back(aio::create_task(echo_server(9000 + static_cast<int>(i))));
  for (auto &server : servers)
    co_await server;
}

aio::task<> spawned_in_a_macro() {
  std::vector<aio::join_handle<>> handles;
  handles.push_back(aio::create_task(work(1)));
  CHECK_SPAWNED(handles.back().done() || !handles.empty());
  CHECK_SPAWNED((handles.push_back(aio::create_task(work(2))), true));
  for (auto &h : handles)
    co_await h;
}

// ---- must flag ------------------------------------------------------------------

aio::task<> one_per_request(int requests) {
  std::vector<aio::task<>> workers;
  for (int i = 0; i < requests; ++i)
    workers.emplace_back(work(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: gathers one task per iteration of a loop bounded by 'requests'
  co_await aio::gather(std::move(workers));
}

aio::task<> spawned_in_a_macro_per_item(std::vector<int> items) {
  std::vector<aio::join_handle<>> handles;
  for (int item : items)
    CHECK_SPAWNED((handles.push_back(aio::create_task(work(item))), true));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: creates one task per element of 'items'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:38: warning: creates one task per element of 'items'
  for (auto &h : handles)
    co_await h;
}
