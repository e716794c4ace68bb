#include "one.hpp"
#include "two.hpp"

aio::task<> poll_c() {
  co_await wait_in_one();
  co_await wait_in_two();
}
