#pragma once
#include <aio/task.hpp>
#include <chrono>
#include <thread>

inline aio::task<> wait_in_one() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
