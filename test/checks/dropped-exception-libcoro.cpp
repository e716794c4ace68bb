// RUN: %check_corolint_plugin %s async-dropped-exception %t -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
// RUN: %check_corolint %s async-dropped-exception %t-cli -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
//
// jbaldwin/libcoro 277467f (0.15): `scheduler::spawn_detached(task)` returns a
// bool, not a handle, and runs the task in a self-deleting wrapper whose
// `unhandled_exception()` ignores the exception ("the user cannot access the
// promise anyway"); `task_group::start` does the same. So a detached coroutine
// that can throw fails silently (reported at the spawn), and the bool it
// returns is no handle to keep (it was reported as "handle discarded" with the
// advice to await it). Awaits that fail only as a value (`auto [status, span] =
// co_await client.read_some(buf)`, an `expected<client, io_status>`), the
// library's sleep (`scheduler->yield_for`) and an event's wait throw nothing,
// as in libcoro's tcp echo server example and its scheduler tests.

#include <chrono>
#include <coroutine>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

namespace coro {
template <typename T = void> class task {
public:
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const;
};

class event {
public:
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  void set();
};

class scheduler {
public:
  auto schedule() -> task<void>;
  auto spawn_detached(coro::task<void> &&task) -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  auto yield_for(std::chrono::milliseconds amount) -> task<void>;
};

namespace net {
struct io_status {
  bool is_ok() const;
};
namespace tcp {
class client {
public:
  auto read_some(std::string &buffer) -> task<std::pair<io_status, std::span<char>>>;
  auto write_all(std::span<const char> data) -> task<std::pair<io_status, std::span<const char>>>;
};
} // namespace tcp
} // namespace net
} // namespace coro

using namespace std::chrono_literals;

// examples/coro_tcp_echo_server.cpp: every failure comes back as a status.
void echo(coro::scheduler &scheduler, coro::net::tcp::client client) {
  auto make_on_connection_task = [](coro::net::tcp::client client) -> coro::task<void> {
    std::string buf(1024, '\0');
    while (true) {
      auto [rstatus, rspan] = co_await client.read_some(buf);
      if (!rstatus.is_ok())
        co_return;
      co_await client.write_all(rspan);
    }
  };
  scheduler.spawn_detached(make_on_connection_task(std::move(client)));
}

// test_scheduler.cpp: a background task that only sleeps and waits.
void background(coro::scheduler &scheduler, coro::event &e) {
  auto background_task = [](coro::scheduler *s, coro::event &e) -> coro::task<void> {
    co_await s->yield_for(20ms);
    co_await e;
  };
  scheduler.spawn_detached(background_task(&scheduler, e));
}

// ---- must flag ------------------------------------------------------------------

coro::task<void> flush(std::string data);

void detached_failure(coro::scheduler &scheduler) {
  auto save = [](std::string data) -> coro::task<void> {
    if (data.empty())
      throw std::invalid_argument("nothing to save");
    co_await flush(std::move(data));
  };
  scheduler.spawn_detached(save("state"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'coro::scheduler::spawn_detached' runs the lambda coroutine detached and drops its exception: if it fails, nothing reports it; catch and report failures inside it, or spawn it where the result is awaited [async-dropped-exception]
}

// The joinable spawn hands back the task that carries the outcome.
void joinable_dropped(coro::scheduler &scheduler) {
  scheduler.spawn_joinable(flush("state"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: handle returned by 'coro::scheduler::spawn_joinable' is discarded
}
