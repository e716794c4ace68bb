// scylladb/scylladb@05a00fe140 compaction/compaction_manager.cc
// Story: enable() stored the postponed_compactions_reevaluation() fiber in a member, overwriting
// the previous one that drain() had signalled but never awaited: the orphan resumed after the
// compaction_manager was destroyed (use-after-free). Fix: keep an optional handle, assert it is
// empty in enable(), and await it (std::exchange) in drain() and stop().
#include <aio/aio.hpp>

#include <cassert>
#include <optional>
#include <utility>

namespace bad {
class compaction_manager {
 public:
  void enable() {
    _state = 1;
    _waiting_reevalution = aio::create_task(postponed_compactions_reevaluation()); // BUG: async-dropped-exception
  }
  aio::task<> drain() {
    _postponed_reevaluation.set();  // signals the fiber but does not wait for it
    co_return;
  }
  aio::task<> stop() { co_await _waiting_reevalution; }

 private:
  aio::task<> postponed_compactions_reevaluation() {
    while (_state) {
      co_await _postponed_reevaluation.wait();
      _postponed_reevaluation.clear();
    }
  }
  int _state = 0;
  aio::event _postponed_reevaluation;
  aio::join_handle<void> _waiting_reevalution;
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
class compaction_manager {
 public:
  void enable() {
    _state = 1;
    assert(!_waiting_reevaluation);
    _waiting_reevaluation.emplace(aio::create_task(postponed_compactions_reevaluation()));
  }
  aio::task<> drain() { co_await stop_postponed_compactions(); }
  aio::task<> stop() { co_await stop_postponed_compactions(); }

 private:
  aio::task<> stop_postponed_compactions() {
    auto waiting = std::exchange(_waiting_reevaluation, std::nullopt);
    if (!waiting) co_return;
    _state = 0;
    _postponed_reevaluation.set();
    co_await *waiting;
  }
  aio::task<> postponed_compactions_reevaluation() {
    while (_state) {
      co_await _postponed_reevaluation.wait();
      _postponed_reevaluation.clear();
    }
  }
  int _state = 0;
  aio::event _postponed_reevaluation;
  std::optional<aio::join_handle<void>> _waiting_reevaluation;
};
} // namespace fixed
