#include <aio/aio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

void nap() { std::this_thread::sleep_for(1s); }

aio::task<int> fetch_data() {
  nap();
  std::this_thread::sleep_for(1s);
  co_return 42;
}
