#include "helpers.hpp"

aio::task<int> fetch_b() {
  nap_twice();
  answer();
  co_return 1;
}
