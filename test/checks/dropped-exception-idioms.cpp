// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint_fast %s async-dropped-exception %t-fast
//
// Idioms of other projects that look at failures without the shapes the
// guide uses: gathering cancelled handles to wait for a shutdown, results
// tested with has_value() / operator bool in an assertion or a failure
// branch, a done-callback written as a generic lambda. Each beside the shape
// that still loses a failure.

#include <aio/aio.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> fetch(int id) {
  if (id < 0)
    throw std::runtime_error("bad id");
  co_return id;
}
aio::task<> serve(int port) {
  co_await aio::sleep(1s);
  (void)port;
}
void log_error(const std::string &) {}
void expect_true(bool) {}

// ---- shutdown: cancel, then gather to wait until they have stopped ---------

struct server {
  std::vector<aio::join_handle<void>> listeners;

  aio::task<> stop() {
    for (auto &listener : listeners)
      listener.cancel();
    co_await aio::gather(aio::return_exceptions, std::move(listeners));
  }
};

aio::task<> stop_two(aio::join_handle<void> a, aio::join_handle<void> b) {
  a.cancel();
  b.cancel();
  co_await aio::gather(aio::return_exceptions, a, b);
}

// Only one of the two was cancelled: the other's failure is lost.
aio::task<> stops_one_of_two(aio::join_handle<void> a, aio::join_handle<void> b) {
  a.cancel();
  co_await aio::gather(aio::return_exceptions, a, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: results of 'aio::gather(return_exceptions, ...)' are discarded, so every failure vanishes
}

// ---- results tested ---------------------------------------------------------

// In an assertion (a test of the gathered outcomes).
aio::task<> asserts_outcomes() {
  auto [ok, bad] = co_await aio::gather(aio::return_exceptions, fetch(1), fetch(-1));
  expect_true(ok.has_value());
  expect_true(!bad);
}

// The failure branch acts.
aio::task<int> handles_the_failure() {
  auto [first] = co_await aio::gather(aio::return_exceptions, fetch(1));
  if (!first)
    co_return -1;
  co_return first.value();
}

// A filter that skips failures without a word still loses them.
aio::task<int> skips_failures() {
  auto [a, b] = co_await aio::gather(aio::return_exceptions, fetch(1), fetch(-1));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: errors in the results of 'aio::gather(return_exceptions, ...)' are never looked at
  int total = 0;
  if (a.has_value())
    total += a.value();
  if (b)
    total += b.value();
  co_return total;
}

// ---- done-callbacks written as generic lambdas -------------------------------

aio::task<> generic_callback_inspects() {
  auto handle = aio::create_task(fetch(-1));
  handle.add_done_callback([](auto &done) {
    if (auto error = done.exception())
      std::puts("fetch failed");
  });
  co_await aio::sleep(1ms);
}

aio::task<> generic_callback_ignores() {
  auto handle = aio::create_task(fetch(-1));
  handle.add_done_callback([](auto &) { std::puts("finished"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: done-callback never calls 'exception()' or 'result()'
  co_await aio::sleep(1ms);
}

int main() { return 0; }
