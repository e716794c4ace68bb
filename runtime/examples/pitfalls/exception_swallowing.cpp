// Pitfall "Exception swallowing": a task started in the background and never awaited. If
// it fails, its exception is seen by nobody (at best a report when the task is destroyed).
// Fix: keep the handle and co_await it, gather it, or start it in an aio::task_group.
#include <aio/aio.hpp>

#include <stdexcept>

using namespace std::chrono_literals;

aio::task<> may_fail() {
  co_await aio::sleep(1s);
  throw std::runtime_error("disk full");
}

aio::task<> main_task() {
  auto task = aio::create_task(may_fail());  // wrong: its failure is never observed [async-dropped-exception]
  co_await aio::sleep(5s);
}

int main() { aio::run(main_task()); }
