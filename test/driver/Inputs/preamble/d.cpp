#include <vector>
#include "helpers.hpp"

aio::task<> fetch_d() {
  std::vector<int> v{1, 2};
  for (int i : v)
    nap();
  co_return;
}
