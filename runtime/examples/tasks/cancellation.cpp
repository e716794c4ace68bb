// The guide's cancellation examples: "Cancellation and Timeouts" (comprehensive guide), "Task
// Cancellation" and the workers of "Asynchronous Signal Handling" (tutorial), plus shield.
// cancel() delivers aio::cancelled_error at the point where the task waits; the task may clean
// up and must rethrow. C++ forbids co_await in a catch handler, so a cleanup that awaits records
// the exception in the handler, awaits after it (shielded, so a second cancel() cannot cut the
// cleanup short) and then rethrows. aio::shield keeps a task running when its awaiter gives up.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> long_running() {
  try {
    std::puts("Starting...");
    co_await aio::sleep(10s);
    std::puts("Finished!");
  } catch (const aio::cancelled_error&) {
    std::printf("Task was cancelled at %.1f s!\n", elapsed());
    throw;  // re-raise to complete the cancellation
  }
}

aio::task<> cleanup(std::string name) {  // by value: it may outlive the worker (see main_task)
  co_await aio::sleep(1s);
  std::printf("%s cleanup complete at %.1f s\n", name.c_str(), elapsed());
}

aio::task<> worker(std::string name) {
  std::exception_ptr cancelled;
  try {
    for (;;) {
      std::printf("%s working at %.1f s\n", name.c_str(), elapsed());
      co_await aio::sleep(2s);
    }
  } catch (const aio::cancelled_error&) {
    std::printf("%s received cancellation, cleaning up...\n", name.c_str());
    cancelled = std::current_exception();
  }
  co_await aio::shield(cleanup(name));
  std::rethrow_exception(cancelled);
}

aio::task<> save_state() {
  co_await aio::sleep(3s);
  std::printf("State saved at %.1f s\n", elapsed());
}

aio::task<> main_task() {
  elapsed();
  // Cancel a task and confirm it ended cancelled.
  auto task = aio::create_task(long_running());
  co_await aio::sleep(2s);
  task.cancel();
  try {
    co_await task;
  } catch (const aio::cancelled_error&) {
    if (!task.cancelled()) throw;  // main_task itself is being cancelled: let it go
    std::printf("Main: task was cancelled (done: %s)\n", task.done() ? "yes" : "no");
  }

  // Workers that clean up with an await before they finish cancelling.
  auto worker1 = aio::create_task(worker("Worker 1"));
  auto worker2 = aio::create_task(worker("Worker 2"));
  co_await aio::sleep(3s);
  worker1.cancel();
  worker2.cancel();
  co_await aio::sleep(500ms);
  // Cancelled again mid-cleanup: worker 1 stops waiting at once, its shielded cleanup runs on.
  worker1.cancel();
  co_await aio::wait(std::vector{worker1, worker2});  // until both have finished; throws nothing
  std::printf("Workers stopped at %.1f s, both cancelled: %s\n", elapsed(),
              worker1.cancelled() && worker2.cancelled() ? "yes" : "no");

  // shield: the timeout gives up waiting at 1 s, the save itself runs on to 3 s.
  auto save = aio::create_task(save_state());
  try {
    co_await aio::wait_for(aio::shield(save), 1s);
  } catch (const aio::timeout_error&) {
    std::printf("Stopped waiting for the save at %.1f s\n", elapsed());
  }
  co_await save;
  std::printf("Save finished: %s\n", save.done() ? "yes" : "no");
}

int main() { aio::run(main_task()); }

// CHECK:      Starting...
// CHECK-NEXT: Task was cancelled at 2.0 s!
// CHECK-NEXT: Main: task was cancelled (done: yes)
// CHECK-NEXT: Worker 1 working at 2.0 s
// CHECK-NEXT: Worker 2 working at 2.0 s
// CHECK-NEXT: Worker 1 working at 4.0 s
// CHECK-NEXT: Worker 2 working at 4.0 s
// CHECK-NEXT: Worker 1 received cancellation, cleaning up...
// CHECK-NEXT: Worker 2 received cancellation, cleaning up...
// CHECK-NEXT: Worker 1 cleanup complete at 6.0 s
// CHECK-NEXT: Worker 2 cleanup complete at 6.0 s
// CHECK-NEXT: Workers stopped at 6.0 s, both cancelled: yes
// CHECK-NEXT: Stopped waiting for the save at 7.0 s
// CHECK-NEXT: State saved at 9.0 s
// CHECK-NEXT: Save finished: yes
