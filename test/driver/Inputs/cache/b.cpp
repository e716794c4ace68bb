#include "two.hpp"

aio::task<> poll_b() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
