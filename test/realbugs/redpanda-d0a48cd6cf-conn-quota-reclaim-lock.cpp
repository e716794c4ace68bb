// redpanda-data/redpanda@d0a48cd6cf src/v/net/conn_quota.cc
// Story: reclaim_to() reached the per-address allowance through a pointer and wrote
// `auto locked = allowance->reclaim_lock.get_units();` without co_await: concurrent
// reclaims of one address were not serialised.
#include <aio/aio.hpp>

#include <memory>
#include <string>

struct home_allowance {
  aio::mutex reclaim_lock;
  bool reclaim = false;
  int borrowed = 0;
};

aio::task<int> cross_shard_reclaim(std::string addr) { co_return static_cast<int>(addr.size()); }

namespace bad {
struct conn_quota {
  aio::task<> reclaim_to(std::shared_ptr<home_allowance> allowance, std::string addr, bool one_time) {
    auto locked = allowance->reclaim_lock.lock(); // BUG: async-unawaited-task
    if (allowance->reclaim) co_return;
    allowance->reclaim = !one_time;
    allowance->borrowed += co_await cross_shard_reclaim(addr);
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct conn_quota {
  aio::task<> reclaim_to(std::shared_ptr<home_allowance> allowance, std::string addr, bool one_time) {
    auto locked = co_await allowance->reclaim_lock.lock();
    if (allowance->reclaim) co_return;
    allowance->reclaim = !one_time;
    allowance->borrowed += co_await cross_shard_reclaim(addr);
  }
};
} // namespace fixed
