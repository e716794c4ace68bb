// redpanda-data/redpanda@aa279b2a87 src/v/cluster/distributed_kv_stm.h
// Story: two overrides of the state machine took `auto units = _snapshot_lock.hold_write_lock();`
// without co_await: the write lock was never taken, so snapshots raced with applies.
#include <aio/aio.hpp>

#include <map>
#include <string>
#include <utility>

// ss::rwlock's hold_write_lock() returns a future of the lock units.
class rwlock {
 public:
  aio::task<aio::mutex::guard> hold_write_lock() { co_return co_await m_.lock(); }

 private:
  aio::mutex m_;
};

struct gate { struct holder {}; holder hold() { return {}; } };
struct stm_snapshot { std::string data; };

class persisted_stm {
 public:
  virtual ~persisted_stm() = default;
  virtual aio::task<> apply_local_snapshot(std::string&& bytes) = 0;
  virtual aio::task<stm_snapshot> take_local_snapshot() = 0;
};

namespace bad {
class distributed_kv_stm final : public persisted_stm {
 public:
  aio::task<> apply_local_snapshot(std::string&& bytes) override {
    auto holder = _gate.hold();
    auto units = _snapshot_lock.hold_write_lock(); // BUG: async-unawaited-task
    _kvs.clear();
    _kvs.emplace(std::move(bytes), 1);
    co_await aio::sleep(std::chrono::milliseconds(0));
  }
  aio::task<stm_snapshot> take_local_snapshot() override {
    auto holder = _gate.hold();
    auto units = _snapshot_lock.hold_write_lock(); // BUG: async-unawaited-task
    stm_snapshot result;
    for (auto& [k, v] : _kvs) result.data += k;
    co_return result;
  }

 private:
  gate _gate;
  rwlock _snapshot_lock;
  std::map<std::string, int> _kvs;
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
class distributed_kv_stm final : public persisted_stm {
 public:
  aio::task<> apply_local_snapshot(std::string&& bytes) override {
    auto holder = _gate.hold();
    auto units = co_await _snapshot_lock.hold_write_lock();
    _kvs.clear();
    _kvs.emplace(std::move(bytes), 1);
    co_await aio::sleep(std::chrono::milliseconds(0));
  }
  aio::task<stm_snapshot> take_local_snapshot() override {
    auto holder = _gate.hold();
    auto units = co_await _snapshot_lock.hold_write_lock();
    stm_snapshot result;
    for (auto& [k, v] : _kvs) result.data += k;
    co_return result;
  }

 private:
  gate _gate;
  rwlock _snapshot_lock;
  std::map<std::string, int> _kvs;
};
} // namespace fixed
