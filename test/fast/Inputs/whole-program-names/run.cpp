#include "names.h"

aio::task<void> app::Store::run() {
  flush();
  co_return;
}

namespace app {
aio::task<void> Cache::evict() {
  compact();
  co_return;
}
} // namespace app
