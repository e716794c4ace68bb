// RUN: %check_corolint_plugin %s async-stale-read %t
// RUN: %check_corolint %s async-stale-read %t-cli
//
// An iterator, reference or pointer into shared state (a member or global
// container) taken before a suspension point and used after it: while the
// coroutine was suspended another task may have erased the element or made
// the container reallocate. The shape of a cache eviction and of a session
// table, each beside its fixed form (look it up again after the co_await).

#include <aio/aio.hpp>

#include <map>
#include <string>
#include <vector>

aio::task<> flush(int value) { co_await aio::sleep(std::chrono::milliseconds(1)); }
aio::task<int> read_frame(int id) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return id; }

struct session {
  long bytes = 0;
  bool healthy = false;
};

std::vector<int> pending_ids;

struct cache {
  std::map<std::string, int> entries_;
  std::map<int, session> sessions_;
  std::vector<session> replicas_;
  aio::mutex mutex_;

  // ---- must flag -------------------------------------------------------------

  aio::task<> evict(std::string key) {
    auto it = entries_.find(key);
    if (it == entries_.end())
      co_return;
    co_await flush(it->second);
    entries_.erase(it);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: iterator 'it' into the shared container 'entries_' is used after a suspension point: other tasks may have erased or inserted meanwhile and invalidated it; look it up again after the 'co_await', or hold one 'aio::mutex' lock from the lookup to this use [async-stale-read]
  }

  aio::task<> account(int id) {
    auto &state = sessions_[id];
    int n = co_await read_frame(id);
    state.bytes += n;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: reference 'state' into the shared container 'sessions_' is used after a suspension point
  }

  aio::task<> probe_leader() {
    auto *leader = &replicas_.front();
    co_await flush(0);
    leader->healthy = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: pointer 'leader' into the shared container 'replicas_' is used after a suspension point
  }

  // ---- must leave alone --------------------------------------------------------

  aio::task<> evict_fixed(std::string key) {
    auto it = entries_.find(key);
    if (it == entries_.end())
      co_return;
    int value = it->second;
    co_await flush(value);
    entries_.erase(key);
  }

  aio::task<> evict_relookup(std::string key) {
    auto it = entries_.find(key);
    if (it == entries_.end())
      co_return;
    co_await flush(it->second);
    it = entries_.find(key);
    if (it != entries_.end())
      entries_.erase(it);
  }

  aio::task<> account_fixed(int id) {
    int n = co_await read_frame(id);
    sessions_[id].bytes += n;
  }

  // One lock from the lookup to the use: nobody else changes the map.
  aio::task<> evict_locked(std::string key) {
    auto guard = co_await mutex_.lock();
    auto it = entries_.find(key);
    if (it == entries_.end())
      co_return;
    co_await flush(it->second);
    entries_.erase(it);
  }

  // Taken anew each iteration, used before the suspension.
  aio::task<> drain(std::vector<std::string> keys) {
    for (const auto &key : keys) {
      auto it = entries_.find(key);
      if (it != entries_.end())
        entries_.erase(it);
      co_await flush(0);
    }
  }
};

// A global container is shared too.
aio::task<> first_pending() {
  auto it = pending_ids.begin();
  co_await flush(0);
  if (it != pending_ids.end())
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: iterator 'it' into the shared container 'pending_ids' is used after a suspension point
    co_await flush(*it);
}

// A local container belongs to this coroutine alone.
aio::task<> local_only() {
  std::map<std::string, int> local{{"a", 1}};
  auto it = local.find("a");
  co_await flush(0);
  local.erase(it);
}

// A member container of a class template: its type (`std::map<K, V>`) is
// dependent in the pattern, where the check reads it (issue 16).
template <typename K, typename V> class lru_cache {
public:
  aio::task<> evict(K key) {
    auto it = items_.find(key);
    if (it == items_.end())
      co_return;
    co_await flush(1);
    items_.erase(it);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: iterator 'it' into the shared container 'items_' is used after a suspension point
  }
  aio::task<> evict_fixed(K key) {
    co_await flush(1);
    auto it = items_.find(key);
    if (it != items_.end())
      items_.erase(it);
  }
  aio::task<> touch(K key) {
    auto &entry = items_[key];
    co_await flush(1);
    entry = V{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: reference 'entry' into the shared container 'items_' is used after a suspension point
  }

private:
  std::map<K, V> items_;
};

aio::task<> use_lru_cache() {
  lru_cache<int, std::string> cache;
  co_await cache.evict(1);
  co_await cache.evict_fixed(1);
  co_await cache.touch(1);
}

int main() { return 0; }
