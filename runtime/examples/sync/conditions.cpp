// The tutorial's "Asynchronous Condition Variable": a queue built from an aio::mutex, a
// std::deque and an aio::condition_variable. The consumer waits, with the lock released, until
// the producer has added an item and notified; it re-checks the condition when it wakes (the
// wait loop, or the predicate form). The second part is notify_all() with predicates: each
// buyer waits for its own condition (enough stock) and only the ones it holds for go on.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <string>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

class async_queue {
 public:
  aio::task<> produce(std::string item) {
    auto guard = co_await mutex_.lock();
    items_.push_back(std::move(item));
    std::printf("[%.1f s] Produced: %s, queue length: %zu\n", elapsed(), items_.back().c_str(), items_.size());
    condition_.notify_one();
  }

  aio::task<std::string> consume() {
    auto guard = co_await mutex_.lock();
    while (items_.empty()) {
      std::printf("[%.1f s] Queue is empty, waiting...\n", elapsed());
      co_await condition_.wait(guard);
    }
    std::string item = std::move(items_.front());
    items_.pop_front();
    std::printf("[%.1f s] Consumed: %s, queue length: %zu\n", elapsed(), item.c_str(), items_.size());
    co_return item;
  }

 private:
  aio::mutex mutex_;
  aio::condition_variable condition_;
  std::deque<std::string> items_;
};

aio::task<> producer(async_queue& queue, int n) {
  for (int i = 0; i < n; ++i) {
    co_await aio::sleep(500ms);
    co_await queue.produce("item_" + std::to_string(i));
  }
}

aio::task<> consumer(async_queue& queue, int n) {
  for (int i = 0; i < n; ++i) {
    co_await queue.consume();
    co_await aio::sleep(1200ms);  // processing
  }
}

class store {
 public:
  aio::task<> buy(std::string buyer, int units) {
    auto guard = co_await mutex_.lock();
    co_await restocked_.wait(guard, [&] { return stock_ >= units; });
    stock_ -= units;
    std::printf("[%.1f s] %s bought %d, stock left %d\n", elapsed(), buyer.c_str(), units, stock_);
  }
  aio::task<> supply(int deliveries) {
    for (int i = 0; i < deliveries; ++i) {
      co_await aio::sleep(1s);
      auto guard = co_await mutex_.lock();
      ++stock_;
      restocked_.notify_all();  // every buyer re-checks its own predicate
    }
  }

 private:
  aio::mutex mutex_;
  aio::condition_variable restocked_;
  int stock_ = 0;
};

aio::task<> main_task() {
  elapsed();
  async_queue queue;
  co_await aio::gather(producer(queue, 5), consumer(queue, 5));
  std::printf("[%.1f s] Producer and consumer done\n", elapsed());

  store shop;
  co_await aio::gather(shop.buy("Ann", 1), shop.buy("Bob", 3), shop.buy("Cid", 2), shop.supply(6));
  std::printf("[%.1f s] All buyers served\n", elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      [0.0 s] Queue is empty, waiting...
// CHECK-NEXT: [0.5 s] Produced: item_0, queue length: 1
// CHECK-NEXT: [0.5 s] Consumed: item_0, queue length: 0
// CHECK-NEXT: [1.0 s] Produced: item_1, queue length: 1
// CHECK-NEXT: [1.5 s] Produced: item_2, queue length: 2
// CHECK-NEXT: [1.7 s] Consumed: item_1, queue length: 1
// CHECK-NEXT: [2.0 s] Produced: item_3, queue length: 2
// CHECK-NEXT: [2.5 s] Produced: item_4, queue length: 3
// CHECK-NEXT: [2.9 s] Consumed: item_2, queue length: 2
// CHECK-NEXT: [4.1 s] Consumed: item_3, queue length: 1
// CHECK-NEXT: [5.3 s] Consumed: item_4, queue length: 0
// CHECK-NEXT: [6.5 s] Producer and consumer done
// CHECK-NEXT: [7.5 s] Ann bought 1, stock left 0
// CHECK-NEXT: [9.5 s] Cid bought 2, stock left 0
// CHECK-NEXT: [12.5 s] Bob bought 3, stock left 0
// CHECK-NEXT: [12.5 s] All buyers served
