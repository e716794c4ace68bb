#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

aio::task<int> twice(int x) {
  co_await aio::sleep(1ms);
  co_return 2 * x;
}

aio::task<> main_task() {
  auto [a, b] = co_await aio::gather(twice(20), twice(1));
  std::printf("aio consumer: %d\n", a + b);
}

int main() { aio::run(main_task()); }
