#include <aio/aio.hpp>

aio::task<int> fetch_data() {
  co_return undeclared_name +;
}
