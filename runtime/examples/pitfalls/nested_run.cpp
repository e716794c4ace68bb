// Pitfall "Mixing sync and async incorrectly": starting a new event loop inside a coroutine
// (asyncio.run inside an async function). aio::run throws here — a loop is already running —
// and even where a nested loop could run, it would stop every task of the outer one.
// Fix: co_await another_async();
#include <aio/aio.hpp>

aio::task<int> another_async() {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return 1;
}

aio::task<int> async_function() {
  co_await aio::sleep(std::chrono::milliseconds(10));
  int result = aio::run(another_async());  // wrong: a loop inside the loop [async-nested-run]
  co_return result;
}

int main() { return aio::run(async_function()); }
