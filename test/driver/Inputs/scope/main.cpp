#include "user_header.hpp"
#include <system_header.hpp>

aio::task<> poll_in_main_file() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
