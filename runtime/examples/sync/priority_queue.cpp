// The tutorial's "Priority Queue": aio::priority_queue gives the smallest item first (like
// asyncio.PriorityQueue, unlike std::priority_queue), so priority 1 is served before 2 and 3
// whatever order they were put in. Items compare by (priority, sequence number), as asyncio
// code uses (priority, count) tuples, so equal priorities keep their order. The second part is
// a worker serving jobs as they come: an urgent job submitted while the worker is busy goes
// ahead of the jobs already waiting.
#include <aio/aio.hpp>

#include <chrono>
#include <compare>
#include <cstdio>
#include <string>
#include <tuple>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

struct job {
  int priority;
  int sequence;  // ties between equal priorities: first come, first served
  std::string data;

  friend std::weak_ordering operator<=>(const job& a, const job& b) {
    return std::tie(a.priority, a.sequence) <=> std::tie(b.priority, b.sequence);
  }
  friend bool operator==(const job& a, const job& b) { return (a <=> b) == 0; }
};

aio::task<> worker(aio::priority_queue<job>& jobs) {
  try {
    for (;;) {
      job next = co_await jobs.get();
      std::printf("[%.1f s] Processing: %s (priority %d)\n", elapsed(), next.data.c_str(), next.priority);
      co_await aio::sleep(1s);
      jobs.task_done();
    }
  } catch (const aio::queue_shut_down&) {
    std::printf("[%.1f s] Queue shut down, worker stops\n", elapsed());
  }
}

aio::task<> main_task() {
  elapsed();
  aio::priority_queue<job> queue;
  co_await queue.put({3, 0, "Low priority"});
  co_await queue.put({1, 1, "High priority"});
  co_await queue.put({2, 2, "Medium priority"});
  while (!queue.empty()) {
    job item = co_await queue.get();
    std::printf("Processing: %s (Priority: %d)\n", item.data.c_str(), item.priority);
    queue.task_done();
  }

  aio::priority_queue<job> jobs;
  auto serving = aio::create_task(worker(jobs), "worker");
  jobs.put_nowait({3, 0, "nightly report"});
  jobs.put_nowait({3, 1, "cleanup"});
  jobs.put_nowait({2, 2, "resize images"});
  co_await aio::sleep(500ms);
  jobs.put_nowait({1, 3, "security patch"});  // the worker is busy: this goes to the front
  co_await jobs.join();
  std::printf("[%.1f s] All jobs done\n", elapsed());
  jobs.shutdown();
  co_await serving;
}

int main() { aio::run(main_task()); }

// CHECK:      Processing: High priority (Priority: 1)
// CHECK-NEXT: Processing: Medium priority (Priority: 2)
// CHECK-NEXT: Processing: Low priority (Priority: 3)
// CHECK-NEXT: [0.0 s] Processing: resize images (priority 2)
// CHECK-NEXT: [1.0 s] Processing: security patch (priority 1)
// CHECK-NEXT: [2.0 s] Processing: nightly report (priority 3)
// CHECK-NEXT: [3.0 s] Processing: cleanup (priority 3)
// CHECK-NEXT: [4.0 s] All jobs done
// CHECK-NEXT: [4.0 s] Queue shut down, worker stops
