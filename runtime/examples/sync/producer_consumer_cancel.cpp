// The guide's producer/consumer with cancellation: "Queues for Producer-Consumer Patterns"
// (comprehensive guide) and "Queue - Producer/Consumer" (short post). Two producers put 5
// items each on a bounded aio::queue, 0.5 s apart; three consumers take 1 s per item and call
// task_done(). Once the producers are done, q.join() waits until every item has been
// processed, and only then are the consumers (idle in get()) cancelled. Three consumers at
// 1 item/s against 4 items/s arriving: the last item is done at 4 s. In C++ the consumers
// belong to an aio::task_group, so they cannot outlive the queue they hold a reference to.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> producer(aio::queue<std::string>& queue, int producer_id) {
  for (int i = 0; i < 5; ++i) {
    std::string item = "item-" + std::to_string(producer_id) + "-" + std::to_string(i);
    co_await queue.put(item);
    std::printf("[%.1f s] Produced: %s\n", elapsed(), item.c_str());
    co_await aio::sleep(500ms);
  }
}

aio::task<> consumer(aio::queue<std::string>& queue, int consumer_id, int& consumed) {
  for (;;) {
    std::string item = co_await queue.get();
    std::printf("[%.1f s] Consumer %d consumed: %s\n", elapsed(), consumer_id, item.c_str());
    co_await aio::sleep(1s);
    ++consumed;
    queue.task_done();
  }
}

aio::task<> main_task() {
  elapsed();
  aio::queue<std::string> queue{10};
  int consumed = 0;
  std::vector<aio::join_handle<>> consumers;
  // The group owns the consumers, so none of them outlives `queue`, even if a producer fails.
  co_await aio::with(aio::task_group{}, [&](aio::task_group& group) -> aio::task<> {
    for (int i = 0; i < 3; ++i) consumers.push_back(group.create_task(consumer(queue, i, consumed)));
    co_await aio::gather(producer(queue, 0), producer(queue, 1));
    std::printf("Producers finished at %.1f s\n", elapsed());
    co_await queue.join();
    std::printf("All %d items processed at %.1f s\n", consumed, elapsed());
    for (auto& c : consumers) c.cancel();
  });  // returns once the cancelled consumers have finished
  int cancelled = 0;
  for (const auto& c : consumers) cancelled += c.cancelled() ? 1 : 0;
  std::printf("%d consumers cancelled at %.1f s, queue empty: %s\n", cancelled, elapsed(),
              queue.empty() ? "yes" : "no");
}

int main() { aio::run(main_task()); }

// Items arrive 2 every 0.5 s; a consumer is free at 0 (two of them), 0.5 (the third), then
// 1 s after each take. The claim is when items are taken, not which consumer takes which.
// CHECK:      [0.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [0.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [0.5 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [1.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [1.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [1.5 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [2.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [2.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      [2.5 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      Producers finished at 2.5 s
// CHECK:      [3.0 s] Consumer {{[0-2]}} consumed: item-{{[01]-[0-4]}}
// CHECK:      All 10 items processed at 4.0 s
// CHECK-NEXT: 3 consumers cancelled at 4.0 s, queue empty: yes
