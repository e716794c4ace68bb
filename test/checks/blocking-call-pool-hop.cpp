// RUN: %check_corolint_plugin %s async-blocking-call %t -- --config="{CheckOptions: {async-blocking-call.OffloadFunctions: 'app::thread_pool::schedule'}}"
// RUN: %check_corolint_fast %s async-blocking-call %t-fast -- --config="{CheckOptions: {async-blocking-call.OffloadFunctions: 'app::thread_pool::schedule'}}"

// libcoro's offload is a hop: `co_await tp->schedule()` resumes the coroutine
// on a pool thread, where the rest of its body may block (the libcoro profile
// lists coro::thread_pool::schedule). Ported from jbaldwin/libcoro
// test/test_thread_pool.cpp ("thread_pool event jump threads").

#include <aio/aio.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace app {
struct thread_pool {
  struct hop {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };
  hop schedule() { return {}; }
};
} // namespace app

// The fixed shape: blocks only after the hop, on the pool.
aio::task<> make_tp2_task(std::unique_ptr<app::thread_pool> &tp2) {
  co_await tp2->schedule();
  std::this_thread::sleep_for(std::chrono::milliseconds{10});
}

// The bad shape: blocks before hopping, on the caller's thread.
aio::task<> blocks_then_hops(std::unique_ptr<app::thread_pool> &tp) {
  std::this_thread::sleep_for(std::chrono::milliseconds{10});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'blocks_then_hops'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'blocks_then_hops'
  co_await tp->schedule();
}
