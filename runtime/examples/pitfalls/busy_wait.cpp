// Pitfall: waiting for a condition by polling a flag with short sleeps. It wakes up a
// hundred times a second for nothing and still reacts up to 10 ms late.
// Fix: an aio::event — `co_await ready.wait();` in the waiter, `ready.set();` in the setter.
#include <aio/aio.hpp>

#include <cstdio>

using namespace std::chrono_literals;

bool data_ready = false;

aio::task<> producer() {
  co_await aio::sleep(1s);
  data_ready = true;
}

aio::task<> consumer() {
  while (!data_ready)  // wrong: polls the flag [async-busy-wait]
    co_await aio::sleep(10ms);
  std::puts("data is ready");
}

aio::task<> main_task() { co_await aio::gather(producer(), consumer()); }

int main() { aio::run(main_task()); }
