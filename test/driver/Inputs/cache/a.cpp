#include "one.hpp"

aio::task<> poll_a() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
