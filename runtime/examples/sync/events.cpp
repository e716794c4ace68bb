// The tutorial's "Asynchronous Event": several waiters blocked on one aio::event are all
// released by a single set(), in the order they started waiting, at the moment it is set (2 s).
// While the event stays set, a later wait() passes at once; after clear() it blocks again.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> waiter(aio::event& event, std::string name) {
  std::printf("%s waiting for event...\n", name.c_str());
  co_await event.wait();
  std::printf("%s received event at %.1f s, starting execution\n", name.c_str(), elapsed());
}

aio::task<> setter(aio::event& event) {
  co_await aio::sleep(2s);
  std::printf("Triggering event at %.1f s\n", elapsed());
  event.set();
}

aio::task<> main_task() {
  elapsed();
  aio::event event;
  co_await aio::gather(waiter(event, "Task 1"), waiter(event, "Task 2"), waiter(event, "Task 3"), setter(event));

  co_await waiter(event, "Late task");  // still set: no wait
  event.clear();
  co_await aio::gather(waiter(event, "Task 4"), setter(event));
}

int main() { aio::run(main_task()); }

// CHECK:      Task 1 waiting for event...
// CHECK-NEXT: Task 2 waiting for event...
// CHECK-NEXT: Task 3 waiting for event...
// CHECK-NEXT: Triggering event at 2.0 s
// CHECK-NEXT: Task 1 received event at 2.0 s, starting execution
// CHECK-NEXT: Task 2 received event at 2.0 s, starting execution
// CHECK-NEXT: Task 3 received event at 2.0 s, starting execution
// CHECK-NEXT: Late task waiting for event...
// CHECK-NEXT: Late task received event at 2.0 s, starting execution
// CHECK-NEXT: Task 4 waiting for event...
// CHECK-NEXT: Triggering event at 4.0 s
// CHECK-NEXT: Task 4 received event at 4.0 s, starting execution
