// third.cpp
#include "guarded.hpp"
#include "unguarded.hpp"

aio::task<int> third() {
  settle();
  co_return settle_count();
}
