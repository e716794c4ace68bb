// fourth.cpp, with another first line
#include "guarded.hpp"
#include "unguarded.hpp"

aio::task<int> fourth() {
  settle();
  co_return settle_count();
}
