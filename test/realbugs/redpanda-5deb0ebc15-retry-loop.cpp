// redpanda-data/redpanda@5deb0ebc15 src/v/cluster/data_migration_backend.cc
// Story: retry_loop() took its callable as TryFunc&&; delete_topic() returned the task
// without awaiting it, so the coroutine kept a reference to a lambda temporary that died
// at the end of the return statement. Fix: take TryFunc by value (it lives in the frame).
#include <aio/aio.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

enum class errc { success, shutting_down, topic_not_exists, topic_operation_error };

struct retry_chain_node {
  int attempts = 3;
  bool retry() { return --attempts > 0; }
};

struct topics_frontend {
  aio::task<errc> delete_topic_after_migration(const std::string&) { co_return errc::success; }
};

namespace bad {
template <class TryFunc>
aio::task<errc> retry_loop(retry_chain_node& rcn, TryFunc&& try_func) {
  while (true) {
    errc ec;
    try {
      ec = co_await try_func();
      if (ec == errc::success || ec == errc::shutting_down) co_return ec;
    } catch (...) {
      ec = errc::topic_operation_error;
    }
    if (rcn.retry()) {
      co_await aio::sleep(100ms);
    } else {
      co_return ec;
    }
  }
}

struct backend {
  topics_frontend _topics_frontend;
  aio::task<errc> delete_topic(const std::string& nt, retry_chain_node& rcn) {
    return retry_loop(rcn, [this, &nt]() { // BUG: async-dangling-reference
      return _topics_frontend.delete_topic_after_migration(nt);
    });
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
template <class TryFunc>
aio::task<errc> retry_loop(retry_chain_node& rcn, TryFunc try_func) {
  while (true) {
    errc ec;
    try {
      ec = co_await try_func();
      if (ec == errc::success || ec == errc::shutting_down) co_return ec;
    } catch (...) {
      ec = errc::topic_operation_error;
    }
    if (rcn.retry()) {
      co_await aio::sleep(100ms);
    } else {
      co_return ec;
    }
  }
}

struct backend {
  topics_frontend _topics_frontend;
  aio::task<errc> delete_topic(const std::string& nt, retry_chain_node& rcn) {
    return retry_loop(rcn, [this, &nt]() {
      return _topics_frontend.delete_topic_after_migration(nt);
    });
  }
};
} // namespace fixed
