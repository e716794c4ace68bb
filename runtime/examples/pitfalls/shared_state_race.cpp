// Pitfall "Shared mutable state": read the counter, suspend, write back what was read. Every
// other increment that ran during the suspension is lost: fifty increments count 1.
// Fix: hold an aio::mutex across the read, the suspension and the write — or avoid the
// shared state and sum the tasks' results.
#include <aio/aio.hpp>

#include <cstdio>
#include <vector>

int counter = 0;

aio::task<> increment() {
  int temp = counter;
  co_await aio::sleep(std::chrono::seconds(0));  // yields to the other increments
  counter = temp + 1;  // wrong: writes back a stale value [async-stale-read]
}

aio::task<> main_task() {
  std::vector<aio::task<>> increments;
  for (int i = 0; i < 50; ++i) increments.push_back(increment());
  co_await aio::gather(std::move(increments));
  std::printf("counter = %d (expected 50)\n", counter);
}

int main() { aio::run(main_task()); }
