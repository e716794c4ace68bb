#pragma once
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

inline aio::task<> poll_in_user_header() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
