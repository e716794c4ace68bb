// The guide's locks: "Semaphores and Locks for Synchronization" (comprehensive guide, the
// `temp = counter; await sleep; counter = temp + 1` increment) and "Asynchronous Lock"
// (tutorial, the Counter that logs who holds the lock). The read, the await and the write
// happen under an aio::mutex, so no increment is lost: ten increments give 10. The lock is
// handed over in FIFO order, and it serialises the critical sections: 10 x 0.1 s = 1 s.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

class counter {
 public:
  aio::task<> increment(int id) {
    auto guard = co_await lock_.lock();
    std::printf("Task %d acquired lock at %.1f s\n", id, elapsed());
    const int temp = value_;
    co_await aio::sleep(100ms);  // simulate work while holding the lock
    value_ = temp + 1;
    std::printf("Task %d released lock, current value: %d\n", id, value_);
  }
  int value() const { return value_; }

 private:
  aio::mutex lock_;
  int value_ = 0;
};

aio::task<> main_task() {
  elapsed();
  counter c;
  std::vector<aio::task<>> increments;
  for (int i = 0; i < 10; ++i) increments.push_back(c.increment(i));
  co_await aio::gather(std::move(increments));
  std::printf("Final value: %d after %.1f s\n", c.value(), elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      Task 0 acquired lock at 0.0 s
// CHECK-NEXT: Task 0 released lock, current value: 1
// CHECK-NEXT: Task 1 acquired lock at 0.1 s
// CHECK-NEXT: Task 1 released lock, current value: 2
// CHECK-NEXT: Task 2 acquired lock at 0.2 s
// CHECK-NEXT: Task 2 released lock, current value: 3
// CHECK-NEXT: Task 3 acquired lock at 0.3 s
// CHECK-NEXT: Task 3 released lock, current value: 4
// CHECK-NEXT: Task 4 acquired lock at 0.4 s
// CHECK-NEXT: Task 4 released lock, current value: 5
// CHECK-NEXT: Task 5 acquired lock at 0.5 s
// CHECK-NEXT: Task 5 released lock, current value: 6
// CHECK-NEXT: Task 6 acquired lock at 0.6 s
// CHECK-NEXT: Task 6 released lock, current value: 7
// CHECK-NEXT: Task 7 acquired lock at 0.7 s
// CHECK-NEXT: Task 7 released lock, current value: 8
// CHECK-NEXT: Task 8 acquired lock at 0.8 s
// CHECK-NEXT: Task 8 released lock, current value: 9
// CHECK-NEXT: Task 9 acquired lock at 0.9 s
// CHECK-NEXT: Task 9 released lock, current value: 10
// CHECK-NEXT: Final value: 10 after 1.0 s
