// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint %s async-dropped-exception %t-cli
// Spawn handles collected in a container and abandoned on an early-return
// path: a member function that fans out, then gives up half-way when a later
// step fails, returning before the handles it already holds are awaited. The
// fixed shape cancels and gathers them on that path too.

#include <aio/aio.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

aio::task<int> replicate(std::string key, int replica) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return replica;
}
aio::task<std::optional<int>> quorum_size() { co_return 3; }

struct replicator {
  std::vector<std::string> keys_;

  // Bad: the early return leaves 'pending' with its tasks still running.
  aio::task<int> push(std::string key) {
    std::vector<aio::join_handle<int>> pending;
    pending.push_back(aio::create_task(replicate(key, 0)));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task handles from 'aio::create_task' collected in 'pending' are abandoned on some path
    auto quorum = co_await quorum_size();
    if (!quorum)
      co_return -1;
    for (int replica = 1; replica < *quorum; ++replica)
      pending.push_back(aio::create_task(replicate(key, replica)));
    int acked = 0;
    for (auto &handle : pending)
      acked += co_await handle;
    co_return acked;
  }

  // Fixed: the early path cancels what it started and waits for it to stop.
  aio::task<int> push_fixed(std::string key) {
    std::vector<aio::join_handle<int>> pending;
    pending.push_back(aio::create_task(replicate(key, 0)));
    auto quorum = co_await quorum_size();
    if (!quorum) {
      for (auto &handle : pending)
        handle.cancel();
      co_await aio::gather(aio::return_exceptions, std::move(pending));
      co_return -1;
    }
    for (int replica = 1; replica < *quorum; ++replica)
      pending.push_back(aio::create_task(replicate(key, replica)));
    int acked = 0;
    for (auto &handle : pending)
      acked += co_await handle;
    co_return acked;
  }
};

int main() { return 0; }
