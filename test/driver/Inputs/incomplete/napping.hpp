// Included by a unit that compiles and by one that does not: its finding is
// complete, because one unit saw the whole program around it.
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

inline aio::task<void> nap_in_header() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return;
}
