// redpanda-data/redpanda@9a9813b4fa src/v/storage/disk_log_impl.cc
// Story: retention_adjust_timestamps() range-for'ed over the member container _segs and
// co_awaited get_file_timestamp() inside: nothing kept _segs' iterators valid across that
// scheduling point. Fix: collect the segments, then await outside the loop over _segs.
#include <aio/aio.hpp>

#include <deque>
#include <memory>
#include <vector>

struct segment {
  long retention_ts = 0;
  aio::task<long> get_file_timestamp() { co_await aio::sleep(std::chrono::milliseconds(1)); co_return 1; }
};

namespace bad {
struct disk_log_impl {
  std::deque<std::shared_ptr<segment>> _segs;
  aio::task<> retention_adjust_timestamps(long threshold) {
    for (const auto& s : _segs) { // BUG: async-stale-read
      if (s->retention_ts > threshold) {
        auto file_timestamp = co_await s->get_file_timestamp();
        s->retention_ts = file_timestamp;
      } else {
        break;
      }
    }
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct disk_log_impl {
  std::deque<std::shared_ptr<segment>> _segs;
  aio::task<> retention_adjust_timestamps(long threshold) {
    std::vector<std::shared_ptr<segment>> segs_all_bogus;
    for (const auto& s : _segs) {
      if (s->retention_ts > threshold) {
        segs_all_bogus.emplace_back(s);
      } else {
        break;
      }
    }
    for (const auto& s : segs_all_bogus) {
      auto file_timestamp = co_await s->get_file_timestamp();
      s->retention_ts = file_timestamp;
    }
  }
};
} // namespace fixed
