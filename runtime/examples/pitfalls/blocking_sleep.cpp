// Pitfall: "Blocking the event loop" — time.sleep() inside an async function.
// Every task on the loop stops while this coroutine sleeps on the thread.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

aio::task<int> fetch_data(int id) { // [async-no-await]: it never suspends either
  std::this_thread::sleep_for(1s); // wrong: blocks the loop; co_await aio::sleep(1s) [async-blocking-call]
  co_return id * 10;
}

aio::task<> main_task() {
  int total = 0;
  for (int id = 0; id < 3; ++id)
    total += co_await fetch_data(id);
  std::printf("total %d\n", total);
}

int main() { aio::run(main_task()); }
