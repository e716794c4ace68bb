#pragma once
#include <aio/aio.hpp>

aio::task<int> rebuild_index_async(int shards);
int rebuild_index(int shards);
