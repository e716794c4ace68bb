// A macro before the includes: the shared part stops at it, the rest is parsed here.
#include "helpers.hpp"
#define SLEEPY nap()

aio::task<> fetch_c() {
  SLEEPY;
  co_return;
}
