// Pitfall "Handling cancellation signals incorrectly": catching the cancellation to clean up
// and not re-raising it. The task then carries on as if nothing happened: whoever cancelled
// it (a timeout, a task group, shutdown) waits for a task that refuses to stop.
// Fix: rethrow at the end of the handler (corolint's fix-it inserts `throw;`).
#include <aio/aio.hpp>

#include <cstdio>

using namespace std::chrono_literals;

aio::task<> worker() {
  for (int tick = 0;; ++tick) {
    try {
      co_await aio::sleep(1s);
    } catch (const aio::cancelled_error&) {  // wrong: swallowed [async-cancellation-swallowed]
      std::puts("worker: cleaning up");
    }
  }
}

aio::task<> main_task() {
  auto handle = aio::create_task(worker());
  co_await aio::sleep(3s);
  handle.cancel();
  co_await aio::wait_for(std::move(handle), 1s);  // times out: the worker never stops
}

int main() { aio::run(main_task()); }
