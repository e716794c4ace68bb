// redpanda-data/redpanda@fac579e930 src/v/kafka/server/usage_aggregator.cc
// Story: in the class template usage_aggregator<clock_type>, grab_data() wrote
// `auto units = _m.get_units();` without co_await: `units` held the not-yet-acquired
// mutex operation, nothing was locked, and its failure was never observed (#12733).
#include <aio/aio.hpp>

#include <chrono>
#include <cstddef>
#include <vector>

struct usage_window { long begin = 0; long bytes = 0; };

namespace bad {
template <typename clock_type>
class usage_aggregator {
 public:
  aio::task<> grab_data(std::size_t idx);

 private:
  aio::mutex _m;
  std::vector<usage_window> _buckets{8};
  aio::task<long> get_usage_stats() { co_return 42; }
};

template <typename clock_type>
aio::task<> usage_aggregator<clock_type>::grab_data(std::size_t idx) {
  try {
    auto units = _m.lock(); // BUG: async-unawaited-task
    const auto ts = _buckets[idx].begin;
    auto bytes = co_await get_usage_stats();
    if (_buckets[idx].begin == ts) _buckets[idx].bytes = bytes;
  } catch (const std::exception&) {
    throw;
  }
}

template class usage_aggregator<std::chrono::steady_clock>;
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
template <typename clock_type>
class usage_aggregator {
 public:
  aio::task<> grab_data(std::size_t idx);

 private:
  aio::mutex _m;
  std::vector<usage_window> _buckets{8};
  aio::task<long> get_usage_stats() { co_return 42; }
};

template <typename clock_type>
aio::task<> usage_aggregator<clock_type>::grab_data(std::size_t idx) {
  try {
    auto units = co_await _m.lock();
    const auto ts = _buckets[idx].begin;
    auto bytes = co_await get_usage_stats();
    if (_buckets[idx].begin == ts) _buckets[idx].bytes = bytes;
  } catch (const std::exception&) {
    throw;
  }
}

template class usage_aggregator<std::chrono::steady_clock>;
} // namespace fixed
