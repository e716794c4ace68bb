#include "indexer.h"

aio::task<int> rebuild_index_async(int shards) {
  co_await aio::sleep(std::chrono::milliseconds(shards));
  co_return shards;
}

int rebuild_index(int shards) {
  return aio::run(rebuild_index_async(shards));
}
