// Helpers defined in a header that every unit below includes first: with
// shared preambles their bodies come from the precompiled preamble, and the
// checks that search helpers must still see into them.
#pragma once
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

inline void nap() { std::this_thread::sleep_for(std::chrono::seconds(1)); }

inline void nap_twice() {
  nap();
  nap();
}

inline aio::task<int> answer() { co_return 42; }

inline aio::task<> blocks_in_header() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
