#include "helpers.hpp"

aio::task<int> fetch_a() {
  nap();
  co_return co_await answer();
}
