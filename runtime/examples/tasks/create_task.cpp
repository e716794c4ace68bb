// The guide's create_task examples: "asyncio.create_task()" (comprehensive guide) and
// "Creating Tasks" (tutorial). create_task schedules a coroutine and returns at once; the task
// starts as soon as the creator suspends and runs in the background while the creator does
// other work, so the waits overlap: 1 s of other work plus a 2 s task take 2 s, not 3 s.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

// Seconds of loop time since the first call (main_task makes it first).
double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> background_work() {
  co_await aio::sleep(2s);
  std::printf("Background work done at %.1f s\n", elapsed());
}

aio::task<std::string> process_data(std::string name, std::chrono::seconds delay) {
  std::printf("%s starting processing\n", name.c_str());
  co_await aio::sleep(delay);
  std::printf("%s processing complete at %.1f s\n", name.c_str(), elapsed());
  co_return name + "_result";
}

aio::task<> main_task() {
  elapsed();
  // The comprehensive guide: start the task, do other things, then wait for it.
  auto task = aio::create_task(background_work(), "background");
  std::puts("Doing other things...");
  co_await aio::sleep(1s);
  std::printf("Other things done at %.1f s\n", elapsed());
  co_await task;
  std::printf("Background task awaited at %.1f s\n", elapsed());

  // The tutorial: two tasks, created before either runs; they start when main_task suspends.
  auto task1 = aio::create_task(process_data("Task 1", 2s));
  auto task2 = aio::create_task(process_data("Task 2", 1s));
  std::puts("Tasks created, doing other things...");
  co_await aio::sleep(500ms);
  std::string result1 = co_await task1;
  std::string result2 = co_await task2;  // finished long ago: no wait
  std::printf("Results: %s, %s at %.1f s\n", result1.c_str(), result2.c_str(), elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      Doing other things...
// CHECK-NEXT: Other things done at 1.0 s
// CHECK-NEXT: Background work done at 2.0 s
// CHECK-NEXT: Background task awaited at 2.0 s
// CHECK-NEXT: Tasks created, doing other things...
// CHECK-NEXT: Task 1 starting processing
// CHECK-NEXT: Task 2 starting processing
// CHECK-NEXT: Task 2 processing complete at 3.0 s
// CHECK-NEXT: Task 1 processing complete at 4.0 s
// CHECK-NEXT: Results: Task 1_result, Task 2_result at 4.0 s
