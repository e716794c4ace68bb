#include <aio/aio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

aio::task<int> twice() {
  std::this_thread::sleep_for(1s);
  std::this_thread::sleep_for(1s);
  co_return 2;
}
