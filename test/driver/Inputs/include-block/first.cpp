// first.cpp: each file starts with its own name, as Boost's examples do, so no
// two share a preamble byte for byte; their include lines are the same.
#include "guarded.hpp"

aio::task<> first() {
  settle();
  co_return;
}
