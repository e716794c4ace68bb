// scylladb/scylladb@a0a4711b74 db/snapshot-ctl.cc
// Story: run_snapshot_list_operation(Func&&) runs the callable under a gate as a continuation and
// drops it once it returned; get_snapshot_details() passed it a [this] lambda coroutine that
// used `this` (a capture) after its first co_await. Fix: coroutine::lambda (here: a member
// coroutine the lambda forwards to).
#include <aio/aio.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

struct snapshot_details { std::string name; long size; };

struct database {
  aio::task<std::vector<snapshot_details>> get_snapshot_details() { co_await aio::sleep(std::chrono::milliseconds(0)); co_return {}; }
};

using snapshot_map = std::map<std::string, std::vector<snapshot_details>>;

class snapshot_ctl_base {
 protected:
  database _db;
  aio::mutex _lock;
  template <typename Func>
  std::invoke_result_t<Func> run_snapshot_list_operation(Func&& f) {
    auto continuation = std::forward<Func>(f);  // the continuation object, destroyed on return
    return continuation();
  }
};

namespace bad {
class snapshot_ctl : snapshot_ctl_base {
 public:
  aio::task<snapshot_map> get_snapshot_details() {
    co_return co_await run_snapshot_list_operation([this]() -> aio::task<snapshot_map> { // BUG: async-dangling-reference
      snapshot_map result;
      for (auto& r : co_await _db.get_snapshot_details()) result[r.name].push_back(r);
      co_return result;
    });
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
class snapshot_ctl : snapshot_ctl_base {
 public:
  aio::task<snapshot_map> get_snapshot_details() {
    co_return co_await run_snapshot_list_operation([this] { return do_get_snapshot_details(); });
  }

 private:
  aio::task<snapshot_map> do_get_snapshot_details() {
    snapshot_map result;
    for (auto& r : co_await _db.get_snapshot_details()) result[r.name].push_back(r);
    co_return result;
  }
};
} // namespace fixed
