// scylladb/scylladb@7d6f734a51 api/storage_service.cc, replica/database.cc
// Story: `auto ticket = get_units(limiter, 1);` (a free function template returning a future
// of semaphore units) without co_await, in a REST handler and in a lambda coroutine handed to
// invoke_on_all: the concurrency limiter limited nothing.
#include <aio/aio.hpp>

#include <string>
#include <vector>

template <typename Semaphore>
aio::task<typename Semaphore::permit> get_units(Semaphore& sem, int) {
  co_return co_await sem.acquire();
}

aio::task<double> estimate(std::string ks) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return ks.size(); }

struct storage_service { aio::semaphore limiter{1}; };
struct database { aio::semaphore local_limiter{1}; };
struct sharded_db {
  std::vector<database> shards{2};
  template <typename Func>
  aio::task<> invoke_on_all(Func func) {
    for (auto& db : shards) co_await func(db);
  }
};

namespace bad {
aio::task<double> rest_estimate_compression_ratios(storage_service& ss, std::string ks) {
  auto ticket = get_units(ss.limiter, 1); // BUG: async-unawaited-task
  co_return co_await estimate(ks);
}

aio::task<> sample_data_files(sharded_db& db) {
  co_await db.invoke_on_all([](database& local_db) -> aio::task<> {
    auto ticket = get_units(local_db.local_limiter, 1); // BUG: async-unawaited-task
    co_await estimate("chunk");
  });
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<double> rest_estimate_compression_ratios(storage_service& ss, std::string ks) {
  auto ticket = co_await get_units(ss.limiter, 1);
  co_return co_await estimate(ks);
}

aio::task<> sample_data_files(sharded_db& db) {
  co_await db.invoke_on_all([](database& local_db) -> aio::task<> {
    auto ticket = co_await get_units(local_db.local_limiter, 1);
    co_await estimate("chunk");
  });
}
} // namespace fixed
