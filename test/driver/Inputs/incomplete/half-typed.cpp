// A file caught mid-edit: one function does not compile, the coroutine above
// it does, and still blocks.
#include "napping.hpp"

aio::task<int> fetch_slowly() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return 42;
}

int half_typed() { return not_declared_yet + ; }
