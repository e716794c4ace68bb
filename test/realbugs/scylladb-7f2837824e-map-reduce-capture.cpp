// scylladb/scylladb@7f2837824e db/system_keyspace.cc
// Story: the mapper handed to _db.map_reduce() was a lambda coroutine with a by-value init
// capture [ks_name = ks_data.name]; a newer map_reduce() destroys the mapper copy once it
// returned the future, so ks_name was read after a co_await from freed memory.
// Fix: move the capture into a local of the coroutine frame before the first suspension.
// Seastar's coroutines start at once (they run to their first suspension inside the call),
// and that fix relies on it: this port declares aio::task eager, as Seastar's future is.
// CONFIG: {CheckOptions: {async-dangling-reference.EagerTaskTypes: '::aio::task', async-unawaited-task.EagerTaskTypes: '::aio::task'}}
#include <aio/aio.hpp>

#include <map>
#include <string>
#include <vector>

struct table { std::string ks; std::string name; };
struct database {
  std::vector<table> tables{{"ks", "t"}};
  aio::task<long> snapshot_size(const table&) { co_await aio::sleep(std::chrono::milliseconds(0)); co_return 1; }
};
using snapshots_by_tables_map = std::map<std::string, long>;

struct sharded_database {
  std::vector<database> shards{2};
  template <typename Reducer, typename Mapper>
  aio::task<snapshots_by_tables_map> map_reduce(Reducer reduce, Mapper mapper) {
    snapshots_by_tables_map acc;
    for (auto& db : shards) {
      auto f = Mapper(mapper)(db);  // the mapper copy dies at the end of this statement
      reduce(acc, co_await std::move(f));
    }
    co_return acc;
  }
};

struct snapshot_reducer {
  void operator()(snapshots_by_tables_map& acc, snapshots_by_tables_map v) const { acc.merge(v); }
};
struct ks_data_t { std::string name; };

namespace bad {
aio::task<snapshots_by_tables_map> snapshots_of(sharded_database& _db, ks_data_t ks_data) {
  co_return co_await _db.map_reduce(snapshot_reducer(), [ks_name = ks_data.name](database& db) -> aio::task<snapshots_by_tables_map> { // BUG: async-dangling-reference
    snapshots_by_tables_map snapshots_by_tables;
    for (auto& t : db.tables) {
      if (t.ks != ks_name) continue;
      snapshots_by_tables[t.name] = co_await db.snapshot_size(t);
    }
    co_return snapshots_by_tables;
  });
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<snapshots_by_tables_map> snapshots_of(sharded_database& _db, ks_data_t ks_data) {
  co_return co_await _db.map_reduce(snapshot_reducer(), [ks_name_ = ks_data.name](database& db) -> aio::task<snapshots_by_tables_map> {
    auto ks_name = std::move(ks_name_);
    snapshots_by_tables_map snapshots_by_tables;
    for (auto& t : db.tables) {
      if (t.ks != ks_name) continue;
      snapshots_by_tables[t.name] = co_await db.snapshot_size(t);
    }
    co_return snapshots_by_tables;
  });
}
} // namespace fixed
