// async-unawaited-task on the shapes other libraries' own tests and examples have:
// references to tasks that already exist, pipe operators that consume a task, and
// eager task types (QCoro::Task starts at once).
// RUN: %check_corolint_plugin --check-suffix=LIBCORO %s async-unawaited-task %t-libcoro -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
// RUN: %check_corolint_fast --check-suffix=LIBCORO %s async-unawaited-task %t-libcoro-fast -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
// RUN: %check_corolint_plugin --check-suffix=CPPCORO %s async-unawaited-task %t-cppcoro -- --config="{CheckOptions: {AsyncProfile: cppcoro}}"
// RUN: %check_corolint_fast --check-suffix=CPPCORO %s async-unawaited-task %t-cppcoro-fast -- --config="{CheckOptions: {AsyncProfile: cppcoro}}"
// RUN: %check_corolint_plugin --check-suffix=QCORO %s async-unawaited-task %t-qcoro -- --config="{CheckOptions: {AsyncProfile: qcoro}}"
// RUN: %check_corolint_fast --check-suffix=QCORO %s async-unawaited-task %t-qcoro-fast -- --config="{CheckOptions: {AsyncProfile: qcoro}}"

#include <coroutine>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#define TASK_TYPE(Name, Initial)                                                                   \
  template <typename T = void> struct [[nodiscard]] Name {                                         \
    struct promise_type {                                                                          \
      Name get_return_object() { return {}; }                                                      \
      Initial initial_suspend() noexcept { return {}; }                                            \
      std::suspend_always final_suspend() noexcept { return {}; }                                  \
      template <typename U> void return_value(U &&) {}                                             \
      void unhandled_exception() {}                                                                \
    };                                                                                             \
    bool await_ready() const noexcept { return true; }                                             \
    void await_suspend(std::coroutine_handle<>) const noexcept {}                                  \
    T await_resume() const noexcept { return T{}; }                                                \
  };                                                                                               \
  template <> struct Name<void>::promise_type {                                                    \
    Name get_return_object() { return {}; }                                                        \
    Initial initial_suspend() noexcept { return {}; }                                              \
    std::suspend_always final_suspend() noexcept { return {}; }                                    \
    void return_void() {}                                                                          \
    void unhandled_exception() {}                                                                  \
  };                                                                                               \
  template <> inline void Name<void>::await_resume() const noexcept {}

namespace coro {
TASK_TYPE(task, std::suspend_always)
struct thread_pool {
  struct schedule_operation {
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };
  schedule_operation schedule() { return {}; }
};
template <typename T> task<> when_all(std::vector<task<T>>) { co_return; }
template <typename A> void sync_wait(A &&) {}
} // namespace coro

namespace cppcoro {
TASK_TYPE(task, std::suspend_always)
template <typename F> struct fmap_transform { F func; };
template <typename F> fmap_transform<F> fmap(F f) { return {f}; }
template <typename A, typename F> struct fmap_awaitable {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 0; }
};
// cppcoro/fmap.hpp: the pipe takes the awaitable by forwarding reference.
template <typename A, typename F> fmap_awaitable<A, F> operator|(A &&awaitable, fmap_transform<F> &&t) {
  return {};
}
template <typename T> bool operator==(const task<T> &, const task<T> &) { return true; }
} // namespace cppcoro

namespace QCoro {
TASK_TYPE(Task, std::suspend_never)
TASK_TYPE(LazyTask, std::suspend_always)
} // namespace QCoro

// ---- references to tasks that already exist (libcoro's examples) ----------------

// libcoro examples/coro_when_all.cpp: emplace_back returns a reference to the
// element; the new task went into the vector, which is gathered.
void libcoro_when_all() {
  auto tp = std::make_unique<coro::thread_pool>();
  auto twice = [](std::unique_ptr<coro::thread_pool> &tp, uint64_t x) -> coro::task<uint64_t> {
    co_await tp->schedule();
    co_return x + x;
  };
  std::vector<coro::task<uint64_t>> tasks{};
  for (std::size_t i = 0; i < 5; ++i)
    tasks.emplace_back(twice(tp, i + 1));
  coro::sync_wait(coro::when_all(std::move(tasks)));
}

coro::task<> make_worker(int id) {
  co_await coro::thread_pool{}.schedule();
  co_return;
}

// A task member reassigned: operator= returns the member, not a new task.
class poller {
public:
  void restart(int id) { current_ = make_worker(id); }
  coro::task<> &current() { return current_; }
  auto last() -> coro::task<> & { return current_; }

private:
  coro::task<> current_;
};

coro::task<> reassigned(bool again, poller &p) {
  auto t = make_worker(1);
  if (again)
    t = make_worker(2);
  co_await std::move(t);
  p.current();
  p.last();
  co_await p.current();
}

// Still flagged: the vector the references point into is never gathered.
void libcoro_forgot_when_all() {
  std::vector<coro::task<>> tasks;
  tasks.emplace_back(make_worker(1));
  // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:22: warning: tasks collected in 'tasks' are never awaited or gathered, so they never run; 'co_await coro::when_all(std::move(tasks))' [async-unawaited-task]
}

// Still flagged: a new task dropped.
coro::task<> libcoro_forgot_await() {
  make_worker(3);
  // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:3: warning: task returned by 'make_worker' is discarded, so it never runs; 'co_await' it or schedule it with 'coro::io_scheduler::spawn' [async-unawaited-task]
  // CHECK-FAST-MESSAGES-LIBCORO: :[[@LINE-2]]:3: warning: task returned by 'make_worker' is discarded, so it never runs; 'co_await' it or schedule it with 'coro::io_scheduler::spawn' [async-unawaited-task]
  co_return;
}

// ---- pipe operators consume the task (cppcoro's fmap) ----------------------------

cppcoro::task<int> count_lines() { co_return 3; }

cppcoro::task<int> cppcoro_fmap() {
  int doubled = co_await (count_lines() | cppcoro::fmap([](int n) { return 2 * n; }));
  auto lazy = count_lines();
  int again = co_await (std::move(lazy) | cppcoro::fmap([](int n) { return n + 1; }));
  co_return doubled + again;
}

// A comparison reads the task as a value: still flagged.
cppcoro::task<bool> cppcoro_compared(const cppcoro::task<int> &other) {
  co_return count_lines() == other;
  // CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:13: warning: task returned by 'count_lines' is used as a value without being awaited; did you mean 'co_await'? [async-unawaited-task]
}

// ---- eager tasks (QCoro::Task starts at once) ------------------------------------

QCoro::Task<> refresh(); // a request: it awaits, it can fail
QCoro::Task<int> unread() { co_return 2; }
QCoro::LazyTask<> refresh_later() { co_return; }

// QCoro's documented way to start a coroutine from a slot: the task runs.
struct Window {
  void onClicked() { refresh(); }
  void onTimeout() {
    auto t = refresh();
  }
};

// In a coroutine the caller goes on without it: flagged, without "never runs".
QCoro::Task<> reload() {
  refresh();
  // CHECK-MESSAGES-QCORO: :[[@LINE-1]]:3: warning: task returned by 'refresh' is discarded: it starts, but this coroutine goes on without waiting for it and its result and exceptions are lost; 'co_await' it [async-unawaited-task]
  // CHECK-FAST-MESSAGES-QCORO: :[[@LINE-2]]:3: warning: task returned by 'refresh' is discarded: it starts, but this coroutine goes on without waiting for it and its result and exceptions are lost; 'co_await' it [async-unawaited-task]
  auto pending = unread();
  // CHECK-MESSAGES-QCORO: :[[@LINE-1]]:8: warning: task 'pending' returned by 'unread' is never awaited, so its result and exceptions are lost; 'co_await' it or pass it on [async-unawaited-task]
  co_await refresh();
}

// Nothing to lose: it ran to its end at once, with no result and no way to
// throw (issue 16, QCoro's tests), in both engines.
QCoro::Task<> mark_seen(bool &seen) {
  seen = true;
  co_return;
}
QCoro::Task<> reload_and_mark(bool &seen) {
  mark_seen(seen);
  co_await refresh();
}

// QCoro::LazyTask is lazy: dropped, it never runs, in a plain function too.
void lazy_dropped() {
  refresh_later();
  // CHECK-MESSAGES-QCORO: :[[@LINE-1]]:3: warning: task returned by 'refresh_later' is discarded, so it never runs; 'co_await' it [async-unawaited-task]
  // CHECK-FAST-MESSAGES-QCORO: :[[@LINE-2]]:3: warning: task returned by 'refresh_later' is discarded, so it never runs; 'co_await' it [async-unawaited-task]
}
