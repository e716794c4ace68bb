// scylladb/scylladb@71179ff5ab replica/distributed_loader.cc
// Story: run_resharding_jobs() awaited dir.invoke_on_all([&] (sstable_directory& d) -> future<> {...})
// at once, yet invoke_on_all() runs a copy of the callable per shard and destroys that copy when
// the call returns its future: the [&] captures were read after the first co_await from a dead
// lambda (#12175). Fix: coroutine::lambda keeps the lambda alive; ported here as a coroutine
// function taking the captured state as arguments.
#include <aio/aio.hpp>

#include <string>
#include <vector>

struct sstable_directory {
  aio::task<> reshard(std::vector<int> info, std::string table) { co_await aio::sleep(std::chrono::milliseconds(0)); (void)info, (void)table; }
  aio::task<> move_foreign_sstables() { co_await aio::sleep(std::chrono::milliseconds(0)); }
};

template <typename Service>
class sharded {
 public:
  // Like seastar: each shard gets its own copy of func, gone once the call returned its future.
  template <typename Func>
  aio::task<> invoke_on_all(Func func) {
    std::vector<aio::task<>> per_shard;
    for (auto& s : shards_) per_shard.push_back(Func(func)(s));
    co_await aio::gather(std::move(per_shard));
  }

 private:
  std::vector<Service> shards_{2};
};

namespace bad {
aio::task<> run_resharding_jobs(sharded<sstable_directory>& dir, std::vector<std::vector<int>>& reshard_jobs,
                                std::string ks_name, std::string table_name) {
  co_await dir.invoke_on_all([&](sstable_directory& d) -> aio::task<> { // BUG: async-dangling-reference
    auto info_vec = std::move(reshard_jobs[0]);
    co_await d.reshard(std::move(info_vec), ks_name + "." + table_name);
    co_await d.move_foreign_sstables();
  });
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<> reshard_one(sstable_directory& d, std::vector<int> info_vec, std::string table) {
  co_await d.reshard(std::move(info_vec), std::move(table));
  co_await d.move_foreign_sstables();
}

aio::task<> run_resharding_jobs(sharded<sstable_directory>& dir, std::vector<std::vector<int>>& reshard_jobs,
                                std::string ks_name, std::string table_name) {
  co_await dir.invoke_on_all([&](sstable_directory& d) {
    return reshard_one(d, std::move(reshard_jobs[0]), ks_name + "." + table_name);
  });
}
} // namespace fixed
