// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint_fast %s async-dropped-exception %t-fast

// Empty handlers around an await whose failure is expected or reported
// elsewhere (utils/ExpectedFailures.h), beside the bad shape they resemble.

#include <aio/aio.hpp>

#include <cassert>
#include <exception>
#include <vector>

aio::task<int> fetch(int id) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  if (id < 0)
    throw std::runtime_error("bad id");
  co_return id;
}
aio::task<> close_sink(int) { co_await aio::sleep(std::chrono::milliseconds(1)); }
void assert_true(bool value) { assert(value); }

// scylladb/seastar tests/unit/socket_test.cc: the handler says why.
aio::task<> explained() {
  try {
    co_await fetch(-1);
  } catch (...) {
    // expected on abort_accept
  }
}

// David-Haim/concurrencpp test/include/utils/test_ready_lazy_result.h: the
// outcome is asserted right after.
aio::task<> asserted_after() {
  try {
    co_await fetch(-1);
  } catch (...) {
  }
  assert_true(false);
}

// scylladb/seastar tests/unit/futures_test.cc: the try block ends in a failure assertion.
#define BOOST_FAIL(message) assert(!message)
aio::task<> fails_if_not_thrown() {
  try {
    co_await fetch(-1);
    BOOST_FAIL("should have thrown");
  } catch (...) {
  }
}

// scylladb/scylladb streaming/stream_blob.cc: best-effort close of every sink
// on an error path that rethrows the primary error just after.
aio::task<> close_then_rethrow(std::vector<int> sinks, std::exception_ptr sender_error) {
  for (int sink : sinks) {
    try {
      co_await close_sink(sink);
    } catch (...) {
    }
  }
  std::rethrow_exception(sender_error);
}

// The bad shape: redpanda-data/redpanda src/v/storage/segment.cc (the
// disk-usage figure goes stale with no trace).
aio::task<int> disk_usage(int id) {
  int size = 0;
  try {
    size = co_await fetch(id);
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exception caught around a suspension point in coroutine 'disk_usage' is swallowed
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: a failure of this operation is lost
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: exception caught around a suspension point in coroutine 'disk_usage' is swallowed
  }
  co_return size;
}

// redpanda-data/redpanda src/v/cluster/cloud_metadata/cluster_recovery_backend.cc
// (recover_until_abort): the wait is only a wake-up; it fails when it is aborted, and
// the next statement tests the abort request itself.
struct abort_source {
  bool abort_requested() const { return requested; }
  bool requested = false;
};
class recovery_backend {
public:
  aio::task<> recover_until_abort() {
    while (!_as.abort_requested()) {
      if (!_is_leader) {
        try {
          co_await _leader_cond.wait();
        } catch (...) {
        }
        if (_as.abort_requested()) {
          co_return;
        }
        continue;
      }
      co_await aio::sleep(std::chrono::milliseconds(1));
    }
  }
  // The same wait followed by anything else: a failure is lost.
  aio::task<> wait_for_leadership() {
    try {
      co_await _leader_cond.wait();
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught around a suspension point in coroutine 'wait_for_leadership' is swallowed
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: a failure of this operation is lost
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:7: warning: exception caught around a suspension point in coroutine 'wait_for_leadership' is swallowed
    }
    _is_leader = true;
  }

private:
  abort_source _as;
  aio::event _leader_cond;
  bool _is_leader = false;
};
