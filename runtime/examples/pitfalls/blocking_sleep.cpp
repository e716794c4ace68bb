// Pitfall "Blocking the event loop": time.sleep() inside an async function.
// While this coroutine sleeps on the thread, every other task on the loop stands still:
// the three "concurrent" fetches take 3 s instead of 1 s.
// Fix: co_await aio::sleep(1s).
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace std::chrono_literals;

aio::task<std::string> lookup(int id) {
  co_await aio::sleep(10ms);
  co_return "record " + std::to_string(id);
}

aio::task<std::string> fetch_data(int id) {
  std::this_thread::sleep_for(1s);  // wrong: blocks the loop [async-blocking-call]
  co_return co_await lookup(id);
}

aio::task<> main_task() {
  auto [a, b, c] = co_await aio::gather(fetch_data(1), fetch_data(2), fetch_data(3));
  std::printf("%s, %s, %s\n", a.c_str(), b.c_str(), c.c_str());
}

int main() { aio::run(main_task()); }
