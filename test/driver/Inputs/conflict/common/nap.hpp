#include <aio/aio.hpp>
#include <chrono>
#include <thread>

inline aio::task<int> nap() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return 1;
}
