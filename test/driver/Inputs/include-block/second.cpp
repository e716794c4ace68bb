/* second.cpp
   (a block comment, then the same include line) */
#include "guarded.hpp" // the helpers

aio::task<> second() {
  settle();
  co_return;
}
