// RUN: %check_corolint_plugin %s async-unawaited-task %t
// RUN: %check_corolint %s async-unawaited-task %t-cli
// Generic code: the pattern of a template cannot know that `q.get()` makes an
// awaiter or that `c.send(...)` makes a task; its instantiations do. Reported
// once, at the line written, whatever the number of instantiations; a
// template whose every instantiation returns a plain value is left alone.

#include <aio/aio.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

// A function template over the queue type (a queue's get() is an awaiter).
template <typename Queue> aio::task<int> drain_one(Queue &queue) {
  queue.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'get' is discarded, so its operation (a lock, an acquire, a wait) never happens; 'co_await' it [async-unawaited-task]
  // CHECK-FIXES: co_await queue.get();
  co_await aio::sleep(1ms);
  co_return 0;
}
template aio::task<int> drain_one(aio::queue<int> &);
template aio::task<int> drain_one(aio::lifo_queue<int> &);

// A class template over the lock type: lock() of an aio::mutex is an awaiter.
template <typename Lock> struct guarded_counter {
  Lock lock_;
  int value_ = 0;
  aio::task<> bump() {
    lock_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'lock' is discarded
    ++value_;
    co_await aio::sleep(1ms);
    lock_.unlock();
  }
};
template struct guarded_counter<aio::mutex>;

// A task made through a dependent object.
struct client {
  aio::task<> send(std::string message) { co_return; }
};
template <typename Client> aio::task<> ping(Client &peer) {
  peer.send("ping");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'send' is discarded, so it never runs
  co_await aio::sleep(1ms);
}
template aio::task<> ping(client &);

// A generic lambda.
aio::task<> uses_generic_lambda(aio::semaphore &limit) {
  auto take = [](auto &sem) -> aio::task<> {
    sem.acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'acquire' is discarded
    co_await aio::sleep(1ms);
  };
  co_await take(limit);
}

// ---- must leave alone ------------------------------------------------------

// Every instantiation's get() returns a value: nothing to await.
struct plain_queue {
  int get() { return 1; }
};
template <typename Queue> aio::task<> pops(Queue &queue) {
  queue.get();
  co_await aio::sleep(1ms);
}
template aio::task<> pops(plain_queue &);

// Awaited in the pattern.
template <typename Queue> aio::task<int> takes(Queue &queue) { co_return co_await queue.get(); }
template aio::task<int> takes(aio::queue<int> &);

// Never instantiated: nothing is known.
template <typename Queue> aio::task<> never_used(Queue &queue) {
  queue.get();
  co_await aio::sleep(1ms);
}

int main() { return 0; }
