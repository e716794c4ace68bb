// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli
//
// facebook/folly@f0c238dbf AsyncPipeTest: handles of tasks that refer to a
// local are moved into a local container, and a range-for then awaits every
// element before the local dies. Each task has finished by then, so nothing
// dangles (the fixed shape of test/realbugs/folly-f0c238dbf, once reported).
// A loop that may skip elements (a condition around the await, a break) or a
// container nobody awaits leaves tasks running past the local's scope.

#include <aio/aio.hpp>

#include <chrono>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

struct bounded_pipe {
  aio::task<bool> write(int value);
};

aio::task<bool> write_value(bounded_pipe &p, int value) { co_return co_await p.write(value); }

aio::task<> publisher_awaits_all() {
  bounded_pipe p;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto write_future = aio::create_task(write_value(p, 20));
    futures.push_back(std::move(write_future));
  }
  for (auto &f : futures)
    co_await f;
}

aio::task<> publisher_awaits_all_in_a_block() {
  bounded_pipe p;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto write_future = aio::create_task(write_value(p, i));
    futures.emplace_back(std::move(write_future));
  }
  int written = 0;
  for (auto &f : futures) {
    bool ok = co_await f;
    written += ok ? 1 : 0;
  }
}

// ---- must flag ------------------------------------------------------------------

aio::task<> publisher_awaits_some() {
  bounded_pipe p;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto write_future = aio::create_task(write_value(p, 20));
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'p' of coroutine 'write_value' refers to local 'p'
    futures.push_back(std::move(write_future));
  }
  for (auto &f : futures)
    if (f.done())
      co_await f;
}

aio::task<> publisher_stops_early() {
  bounded_pipe p;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto write_future = aio::create_task(write_value(p, 20));
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'p' of coroutine 'write_value' refers to local 'p'
    futures.push_back(std::move(write_future));
  }
  for (auto &f : futures) {
    if (!co_await f)
      break;
  }
}

aio::task<> publisher_never_awaits() {
  bounded_pipe p;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto write_future = aio::create_task(write_value(p, 20));
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'p' of coroutine 'write_value' refers to local 'p'
    futures.push_back(std::move(write_future));
  }
  co_await aio::sleep(1ms);
}
