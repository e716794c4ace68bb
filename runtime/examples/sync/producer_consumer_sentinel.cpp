// The tutorial's "Asynchronous Queue": consumers stop on an end signal instead of being
// cancelled. The sentinel is an empty std::optional; a consumer that takes it puts it back for
// the next consumer and returns, so one sentinel stops them all. It must go in only after
// every producer has finished: the tutorial has each producer send it when that producer is
// done, which stops the consumers while the other producer still has items coming. Producers
// and consumers work at different paces (fixed delays, so the run is reproducible).
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

using message = std::optional<std::string>;  // std::nullopt: no more items

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> producer(aio::queue<message>& queue, int producer_id, std::chrono::milliseconds pace) {
  for (int i = 0; i < 5; ++i) {
    std::string item = "P" + std::to_string(producer_id) + "-Item" + std::to_string(i);
    co_await queue.put(item);
    std::printf("Producer %d produced: %s\n", producer_id, item.c_str());
    co_await aio::sleep(pace);
  }
}

aio::task<int> consumer(aio::queue<message>& queue, int consumer_id, std::chrono::milliseconds pace) {
  int consumed = 0;
  for (;;) {
    message item = co_await queue.get();
    if (!item) {
      co_await queue.put(std::nullopt);  // pass the end signal on
      std::printf("Consumer %d got the end signal\n", consumer_id);
      co_return consumed;
    }
    std::printf("Consumer %d consumed: %s\n", consumer_id, item->c_str());
    co_await aio::sleep(pace);
    ++consumed;
  }
}

aio::task<> main_task() {
  elapsed();
  aio::queue<message> queue{10};
  std::vector<aio::join_handle<int>> consumers;
  // The group owns the consumers, so none of them outlives `queue`, even if a producer fails.
  co_await aio::with(aio::task_group{}, [&](aio::task_group& group) -> aio::task<> {
    for (int i = 0; i < 3; ++i) consumers.push_back(group.create_task(consumer(queue, i, 200ms * (i + 2))));
    co_await aio::gather(producer(queue, 0, 100ms), producer(queue, 1, 500ms));
    std::printf("Producers finished at %.1f s, sending the end signal\n", elapsed());
    co_await queue.put(std::nullopt);
  });  // returns once every consumer has stopped
  int total = 0;
  for (const auto& c : consumers) total += c.result();
  std::printf("Consumers stopped after %d items\n", total);
}

int main() { aio::run(main_task()); }

// Every item is consumed before the end signal goes in; then all three consumers stop.
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P0-Item0
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P0-Item1
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P0-Item2
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P0-Item3
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P0-Item4
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P1-Item0
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P1-Item1
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P1-Item2
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P1-Item3
// CHECK-DAG:  Consumer {{[0-2]}} consumed: P1-Item4
// CHECK:      Producers finished at 2.5 s, sending the end signal
// CHECK-DAG:  Consumer 0 got the end signal
// CHECK-DAG:  Consumer 1 got the end signal
// CHECK-DAG:  Consumer 2 got the end signal
// CHECK:      Consumers stopped after 10 items
