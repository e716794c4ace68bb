// RUN: %check_corolint_plugin %s async-stale-read %t
// RUN: %check_corolint %s async-stale-read %t-cli
// Iterators into shared state across a suspension: a loop that walks a
// member (or global) container and awaits in its body, then moves on to the
// next element, while other tasks may have changed the container (redpanda
// 6a28896b4f, 9a9813b4fa).

#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <vector>

struct segment {
  long ts = 0;
  aio::task<long> timestamp() { co_await aio::sleep(std::chrono::milliseconds(1)); co_return 1; }
};

std::vector<std::shared_ptr<segment>> registry;
const std::array<int, 3> kinds{1, 2, 3};

aio::task<long> fetch(long k) { co_return k; }

namespace bad {
struct log {
  std::deque<std::shared_ptr<segment>> segs_;
  std::map<long, std::shared_ptr<segment>> manifest_;

  aio::task<> adjust(long threshold) {
    for (const auto &s : segs_) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop iterates the shared container 'segs_' across a suspension point: other tasks may change it meanwhile and invalidate the iterator; copy what the loop needs first and await outside the loop over it, or hold one 'aio::mutex' lock across the loop [async-stale-read]
      if (s->ts > threshold)
        s->ts = co_await s->timestamp();
      else
        break;
    }
  }

  aio::task<std::vector<long>> range(long begin, long end) {
    std::vector<long> out;
    for (auto it = manifest_.lower_bound(begin); it != manifest_.end(); ++it) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop iterates the shared container 'manifest_'
      if (it->first > end)
        break;
      out.push_back(co_await it->second->timestamp());
    }
    co_return out;
  }
};

aio::task<> sweep() {
  for (auto &s : registry)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop iterates the shared container 'registry'
    s->ts = co_await s->timestamp();
}
} // namespace bad

namespace fixed {
struct log {
  std::deque<std::shared_ptr<segment>> segs_;
  std::map<long, std::shared_ptr<segment>> manifest_;
  aio::mutex lock_;

  // Collect first, then await over the local copy.
  aio::task<> adjust(long threshold) {
    std::vector<std::shared_ptr<segment>> picked;
    for (const auto &s : segs_) {
      if (s->ts > threshold)
        picked.push_back(s);
      else
        break;
    }
    for (const auto &s : picked)
      s->ts = co_await s->timestamp();
  }

  // Suspends only on the way out of the loop: the iterator is not used again.
  aio::task<long> first_late(long threshold) {
    for (auto &s : segs_) {
      if (s->ts > threshold) {
        long t = co_await s->timestamp();
        co_return t;
      }
    }
    co_return 0;
  }

  // Under the async mutex every writer of segs_ takes.
  aio::task<> adjust_locked() {
    auto guard = co_await lock_.lock();
    for (auto &s : segs_)
      s->ts = co_await s->timestamp();
  }

  // A constant nobody can change.
  aio::task<long> over_constants() {
    long sum = 0;
    for (int k : kinds)
      sum += co_await fetch(k);
    co_return sum;
  }
};
} // namespace fixed
