// redpanda-data/redpanda@6a28896b4f src/v/cloud_storage/remote_partition.cc
// Story: aborted_transactions() iterated the partition manifest and the member map _segments
// with iterators across co_await: truncation or spillover could change them meanwhile.
// Fix: collect the segments first, then await for each one.
#include <aio/aio.hpp>

#include <deque>
#include <iterator>
#include <map>
#include <memory>
#include <vector>

struct remote_segment {
  aio::task<std::vector<int>> aborted_transactions(long, long) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return {}; }
};
struct materialized_segment { std::shared_ptr<remote_segment> segment = std::make_shared<remote_segment>(); };

namespace bad {
struct remote_partition {
  std::map<long, materialized_segment> _manifest;
  std::map<long, materialized_segment> _segments;
  aio::task<std::vector<int>> aborted_transactions(long begin, long end) {
    std::vector<int> result;
    for (auto it = _manifest.lower_bound(begin); it != _manifest.end(); ++it) { // BUG: async-stale-read
      if (it->first > end) break;
      auto m = _segments.find(it->first);
      if (m == _segments.end()) m = _segments.emplace(it->first, materialized_segment{}).first;
      auto tx = co_await m->second.segment->aborted_transactions(begin, end);
      std::copy(tx.begin(), tx.end(), std::back_inserter(result));
    }
    co_return result;
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct remote_partition {
  std::map<long, materialized_segment> _manifest;
  std::map<long, materialized_segment> _segments;
  aio::task<std::vector<int>> aborted_transactions(long begin, long end) {
    std::vector<int> result;
    std::deque<std::shared_ptr<remote_segment>> remote_segs;
    for (auto it = _manifest.lower_bound(begin); it != _manifest.end(); ++it) {
      if (it->first > end) break;
      auto m = _segments.find(it->first);
      if (m == _segments.end()) m = _segments.emplace(it->first, materialized_segment{}).first;
      remote_segs.emplace_back(m->second.segment);
    }
    for (const auto& segment : remote_segs) {
      auto tx = co_await segment->aborted_transactions(begin, end);
      std::copy(tx.begin(), tx.end(), std::back_inserter(result));
    }
    co_return result;
  }
};
} // namespace fixed
