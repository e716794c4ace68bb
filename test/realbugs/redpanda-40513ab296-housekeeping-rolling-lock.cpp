// redpanda-data/redpanda@40513ab296 src/v/storage/disk_log_impl.cc
// Story: do_housekeeping() races with maybe_roll(), so it takes _segments_rolling_lock, but
// wrote `auto lock = _segments_rolling_lock.get_units();` with no co_await: no lock was held.
#include <aio/aio.hpp>

#include <deque>
#include <memory>

struct segment { bool closed = false; aio::task<> flush() { co_return; } };

// ssx::semaphore::get_units(): an awaitable that yields the units.
class semaphore {
 public:
  explicit semaphore(int n) : sem_(n) {}
  auto get_units() { return sem_.acquire(); }

 private:
  aio::semaphore sem_;
};

namespace bad {
class disk_log_impl {
 public:
  aio::task<> do_housekeeping() {
    // do_housekeeping races with maybe_roll to use new_segment.
    // take a lock to prevent problems
    auto lock = _segments_rolling_lock.get_units(); // BUG: async-unawaited-task
    if (_segs.empty()) co_return;
    co_await _segs.back()->flush();
  }

 private:
  semaphore _segments_rolling_lock{1};
  std::deque<std::shared_ptr<segment>> _segs;
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
class disk_log_impl {
 public:
  aio::task<> do_housekeeping() {
    auto lock = co_await _segments_rolling_lock.get_units();
    if (_segs.empty()) co_return;
    co_await _segs.back()->flush();
  }

 private:
  semaphore _segments_rolling_lock{1};
  std::deque<std::shared_ptr<segment>> _segs;
};
} // namespace fixed
