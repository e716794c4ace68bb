#pragma once
#include <aio/task.hpp>
#include <chrono>
#include <thread>

inline aio::task<> wait_in_two() {
  co_return;
}
