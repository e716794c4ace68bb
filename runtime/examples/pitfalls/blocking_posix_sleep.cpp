// Pitfall "Blocking the event loop": a retry loop that naps with POSIX sleep() between
// attempts, inside a coroutine lambda. The nap stops the whole loop, not just this task.
// Fix: co_await aio::sleep(1s).
#include <aio/aio.hpp>

#include <unistd.h>

aio::task<bool> try_connect(int attempt) {
  co_await aio::sleep(std::chrono::milliseconds(5));
  co_return attempt == 2;
}

aio::task<> main_task() {
  auto connect_with_retries = []() -> aio::task<bool> {
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (co_await try_connect(attempt))
        co_return true;
      sleep(1);  // wrong: blocks the loop [async-blocking-call]
    }
    co_return false;
  };
  co_await connect_with_retries();
}

int main() { aio::run(main_task()); }
