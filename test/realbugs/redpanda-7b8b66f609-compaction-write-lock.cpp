// redpanda-data/redpanda@7b8b66f609 src/v/storage/disk_log_impl.cc
// Story: sliding_window_compact() rewrote a segment after `auto write_lock = seg->write_lock();`
// where segment::write_lock() returns a future: without co_await the segment was rewritten
// while readers and appenders still used it.
#include <aio/aio.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

class segment {
 public:
  aio::task<aio::mutex::guard> write_lock() { co_return co_await lock_.lock(); }
  int get_generation_id() const { return generation_; }
  aio::task<> rewrite() { ++generation_; co_return; }

 private:
  aio::mutex lock_;
  int generation_ = 0;
};

struct readers_cache {
  aio::task<int> evict_segment_readers(std::shared_ptr<segment>) { co_return 0; }
};

namespace bad {
struct disk_log_impl {
  std::unique_ptr<readers_cache> _readers_cache = std::make_unique<readers_cache>();
  aio::task<> sliding_window_compact(std::vector<std::shared_ptr<segment>> segs) {
    for (auto& seg : segs) {
      const auto initial_generation_id = seg->get_generation_id();
      auto rdr_holder = co_await _readers_cache->evict_segment_readers(seg);
      auto write_lock = seg->write_lock(); // BUG: async-unawaited-task
      if (initial_generation_id != seg->get_generation_id()) {
        throw std::runtime_error("Aborting compaction of a segment that changed");
      }
      co_await seg->rewrite();
    }
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct disk_log_impl {
  std::unique_ptr<readers_cache> _readers_cache = std::make_unique<readers_cache>();
  aio::task<> sliding_window_compact(std::vector<std::shared_ptr<segment>> segs) {
    for (auto& seg : segs) {
      const auto initial_generation_id = seg->get_generation_id();
      auto rdr_holder = co_await _readers_cache->evict_segment_readers(seg);
      auto write_lock = co_await seg->write_lock();
      if (initial_generation_id != seg->get_generation_id()) {
        throw std::runtime_error("Aborting compaction of a segment that changed");
      }
      co_await seg->rewrite();
    }
  }
};
} // namespace fixed
