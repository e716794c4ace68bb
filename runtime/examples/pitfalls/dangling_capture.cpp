// C++'s own pitfall (no asyncio counterpart): a lambda coroutine that captures by reference
// and is spawned. The task outlives the scope that owns the captured variables, so it reads
// freed stack memory after its first suspension (concurrencpp#113, libcoro#285).
// Fix: pass what the task needs as parameters by value —
//   aio::create_task([](std::string name) -> aio::task<> {...}(name));
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

using namespace std::chrono_literals;

aio::join_handle<> start_greeter(std::string name) {
  return aio::create_task([&name]() -> aio::task<> {  // wrong: 'name' dies when this returns [async-dangling-reference]
    co_await aio::sleep(1s);
    std::printf("hello, %s\n", name.c_str());
  }());
}

aio::task<> main_task() {
  auto greeter = start_greeter("world");
  co_await greeter;
}

int main() { aio::run(main_task()); }
