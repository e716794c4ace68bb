#include <aio/aio.hpp>
#include <chrono>

using namespace std::chrono_literals;

aio::task<int> fetch_data() {
  co_await aio::sleep(1s);
  co_return 42;
}
