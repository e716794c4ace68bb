// A loop that calls a plain function which spawns (a `start(url)` keeping the
// handle in a member, the background-task helpers of asyncio code) creates one
// task per iteration as surely as a spawn in the loop: reported at the call,
// with a note where the helper spawns. Bounds are looked for as for a spawn
// in the loop: a permit the spawned work takes, a limited group, a fixed pool.
// RUN: %check_corolint_plugin %s async-unbounded-spawn %t
// RUN: %check_corolint %s async-unbounded-spawn %t-cli
// RUN: %check_corolint_fast %s async-unbounded-spawn %t-fast

#include <aio/aio.hpp>

#include <string>
#include <vector>

aio::task<std::string> fetch(std::string url) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return url;
}
aio::task<int> next_connection();
aio::task<> serve(int connection);

class Crawler {
public:
  // ---- must flag ------------------------------------------------------------

  aio::task<> crawl(std::vector<std::string> urls) {
    for (const auto &url : urls)
      start(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: creates one task per element of 'urls' with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'aio::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:7: warning: creates one task per element of 'urls'
    // The note is where start() spawns, below (each note follows its warning).
    // CHECK-MESSAGES: :{{[0-9]+}}:52: note: each call of 'start' creates a task here with 'aio::create_task'
    // CHECK-FAST-MESSAGES: :{{[0-9]+}}:52: note: each call of 'start' creates a task here with 'aio::create_task'
    co_await aio::gather(std::move(pending_));
  }

  // Two helpers deep.
  void enqueue_all(const std::vector<std::string> &urls) {
    for (const auto &url : urls)
      enqueue(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: creates one task per element of 'urls'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:7: warning: creates one task per element of 'urls'
    // CHECK-MESSAGES: :{{[0-9]+}}:27: note: each call of 'enqueue' creates a task here with 'aio::create_task'
    // CHECK-FAST-MESSAGES: :{{[0-9]+}}:27: note: each call of 'enqueue' creates a task here with 'aio::create_task'
  }

  // ---- must leave alone -----------------------------------------------------

  // The spawned work takes a permit of a semaphore every task shares.
  aio::task<> crawl_limited(std::vector<std::string> urls) {
    for (const auto &url : urls)
      start_limited(url);
    co_await aio::gather(std::move(pending_));
  }

  // A small constant count.
  void start_three() {
    for (int i = 0; i < 3; ++i)
      start("https://example.com/" + std::to_string(i));
  }

  // The handle the helper returns is awaited in the iteration: one at a time.
  aio::task<> one_by_one(std::vector<std::string> urls) {
    for (const auto &url : urls) {
      auto handle = launch(url);
      co_await handle;
    }
  }

  // One task per connection, paced by accept: how servers work.
  aio::task<> accept_loop() {
    while (true) {
      int connection = co_await next_connection();
      handle(connection);
    }
  }

  // A helper that spawns nothing.
  void log_all(const std::vector<std::string> &urls) {
    for (const auto &url : urls)
      remember(url);
  }

private:
  void start(std::string url) { pending_.push_back(aio::create_task(fetch(std::move(url)))); }
  void enqueue(const std::string &url) { launch_detached(url); }
  void launch_detached(const std::string &url) {
    background_.push_back(aio::create_task(fetch(url)));
  }
  aio::join_handle<std::string> launch(const std::string &url) {
    return aio::create_task(fetch(url));
  }
  void handle(int connection) { connections_.push_back(aio::create_task(serve(connection))); }
  void remember(const std::string &url) { seen_.push_back(url); }

  aio::task<std::string> fetch_limited(std::string url) {
    auto permit = co_await limit_.acquire();
    co_return co_await fetch(std::move(url));
  }
  void start_limited(std::string url) {
    pending_.push_back(aio::create_task(fetch_limited(std::move(url))));
  }

  aio::semaphore limit_{8};
  std::vector<aio::join_handle<std::string>> pending_, background_;
  std::vector<aio::join_handle<void>> connections_;
  std::vector<std::string> seen_;
};
