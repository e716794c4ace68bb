// aio::event_loop: one single-threaded loop per thread (asyncio's BaseEventLoop, on epoll or io_uring):
// a ready queue, a timer heap, watched file descriptors, signals through a signalfd, and an
// inbox (with an eventfd) through which other threads hand it calls.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <cstdint>
#include <exception>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <source_location>
#include <string>
#include <vector>

#include "aio/detail/io_source.hpp"
#include "aio/detail/ready_queue.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/detail/timer_heap.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

namespace aio {

using clock = std::chrono::steady_clock;

enum class backend { epoll, io_uring };

struct run_options {
  aio::backend backend = aio::backend::epoll;
  bool debug = false;          // also switched on by the environment variable AIO_DEBUG=1
  bool virtual_time = false;   // start with the test clock (aio::testing::virtual_time); also AIO_VIRTUAL_TIME=1
};

// What the loop reports through its exception handler (asyncio's context dict).
enum class report_kind {
  exception_in_callback,       // a call_soon/call_later callback threw
  exception_never_retrieved,   // a task failed and nobody looked at its handle
  never_awaited,               // debug: a task<T> was destroyed without running
  slow_callback,               // debug: a step took longer than slow_callback_duration
  pending_at_close,            // a task was still pending when the loop closed
  shutdown_error,              // a task failed while aio::run was cancelling leftovers
};

struct exception_context {
  report_kind kind;
  std::string message;
  std::exception_ptr exception;       // null when the report is not about an exception
  std::string task_name;              // empty when no task is involved
  std::source_location location;      // where the task's coroutine is defined, when known
};

class event_loop;
class thread_pool;
template <class T>
class future;
using exception_handler = std::function<void(event_loop&, const exception_context&)>;

namespace detail {
struct callback_node;
struct loop_access;
struct signal_watch;
class io_backend;

// The one part of a loop other threads may touch. Shared with them, so that a worker finishing
// after the loop has closed posts into a closed inbox instead of a destroyed loop.
class loop_inbox {
 public:
  // A call from another thread, with the context it runs in (call_soon_threadsafe: a copy of
  // the poster's; null for the runtime's own wake-ups).
  struct posted_call {
    std::function<void()> fn;
    context_ref context;
  };
  explicit loop_inbox(int wake_fd) noexcept : wake_fd_(wake_fd) {}
  // Queues `fn` and wakes the loop; false (and `fn` dropped) once the loop has closed.
  bool post(std::function<void()> fn, context_ref context = {});
  bool pending() const noexcept { return pending_.load(std::memory_order_acquire); }
  std::vector<posted_call> take();
  // Drops what is queued and refuses what comes later; closes the eventfd.
  void close() noexcept;

 private:
  std::mutex mutex_;
  std::vector<posted_call> calls_;
  std::atomic<bool> pending_{false};
  int wake_fd_;
  bool closed_ = false;
};
}  // namespace detail

// Returned by call_soon/call_later/call_at (asyncio's Handle/TimerHandle).
class callback_handle {
 public:
  callback_handle() noexcept = default;
  explicit callback_handle(detail::callback_node* node) noexcept;
  callback_handle(const callback_handle& other) noexcept;
  callback_handle& operator=(const callback_handle& other) noexcept;
  ~callback_handle();

  void cancel() noexcept;
  bool cancelled() const noexcept;
  clock::time_point when() const noexcept;  // the deadline of a timer; epoch for call_soon

 private:
  detail::callback_node* node_ = nullptr;
};

class event_loop {
 public:
  using time_point = clock::time_point;
  using duration = clock::duration;

  explicit event_loop(run_options options = {});
  event_loop(const event_loop&) = delete;
  event_loop& operator=(const event_loop&) = delete;
  ~event_loop();

  // Runs `main` as a task until it finishes and returns its result (or rethrows).
  template <class T>
  T run_until_complete(task<T> main);
  void run_forever();
  void stop() noexcept;
  bool is_running() const noexcept { return running_; }
  bool is_closed() const noexcept { return closed_; }
  // Destroys what is left (reported as pending_at_close), shuts the default executor down and
  // releases the backend's descriptors.
  void close();

  time_point time() const noexcept;

  callback_handle call_soon(std::function<void()> fn);
  callback_handle call_later(duration delay, std::function<void()> fn);
  callback_handle call_at(time_point when, std::function<void()> fn);
  // The only member another thread may call: queues `fn` and wakes the loop via its eventfd.
  void call_soon_threadsafe(std::function<void()> fn);

  // asyncio's loop.run_in_executor(None, fn, *args): fn(args...) on the loop's default thread
  // pool; co_await gives its result or rethrows (defined in aio/thread_pool.hpp).
  template <class F, class... Args>
  auto run_in_executor(std::nullptr_t, F&& fn, Args&&... args);
  // Created on first use, shut down (waiting for running calls) when the loop closes.
  thread_pool& default_executor();

  // asyncio's loop.create_future(): a pending aio::future<T> of this loop (defined in aio/future.hpp).
  template <class T = void>
  future<T> create_future();

  // asyncio's add_signal_handler: `fn` runs on the loop (through a signalfd, never in signal
  // context) each time `sig` arrives. The signal is blocked in this thread while handled.
  void add_signal_handler(int sig, std::function<void()> fn);
  // True when a handler was removed; the signal's mask is restored.
  bool remove_signal_handler(int sig);

  void set_debug(bool enabled) noexcept { debug_ = enabled; }
  bool get_debug() const noexcept { return debug_; }
  void slow_callback_duration(duration d) noexcept { slow_callback_duration_ = d; }
  duration slow_callback_duration() const noexcept { return slow_callback_duration_; }
  void set_exception_handler(exception_handler handler) { exception_handler_ = std::move(handler); }
  const exception_handler& get_exception_handler() const noexcept { return exception_handler_; }
  void call_exception_handler(const exception_context& context) noexcept;
  void default_exception_handler(const exception_context& context) noexcept;

  // The backend asked for in run_options; epoll when the kernel refuses io_uring.
  aio::backend backend() const noexcept { return backend_; }

  // The test clock: time() stops following the wall clock and jumps to the next deadline
  // whenever nothing else is runnable.
  void set_virtual_time(bool enabled) noexcept;
  bool virtual_time() const noexcept { return virtual_clock_; }
  void advance_time(duration d) noexcept;

  // Cancels every pending task and runs until they have all finished (asyncio.run's shutdown).
  void cancel_all_tasks();

 private:
  friend struct detail::loop_access;

  void check_can_run() const;
  void run_until_done(detail::task_state& state);
  void run_once();
  void enter();
  void leave() noexcept;
  void fire_timers();
  static void release_timer_wakeups(detail::waiter&) noexcept;
  static const detail::waiter_ops timer_marker_ops;
  static detail::waiter timer_marker;  // only its address and ops are used: shared by every loop
  void poll_io(int timeout_ms);
  void drain_threadsafe();
  void add_io(detail::io_source& source);
  void remove_io(detail::io_source& source) noexcept;
  void arm_io(detail::io_source& source, bool for_write) noexcept;
  void run_ready(detail::waiter* entry);
  // call_soon with the context the callback runs in given (a done callback's, a posted call's).
  callback_handle call_soon_in(detail::context_ref context, std::function<void()> fn);

  detail::ready_queue ready_;
  // What the timers fired this iteration woke (see fire_timers), and how many entries each
  // timer's marker in ready_ releases into the next iteration.
  detail::ready_queue woken_by_timers_;
  std::deque<std::size_t> timer_wakeup_counts_;
  detail::timer_heap timers_;
  detail::task_state* live_head_ = nullptr;
  std::size_t live_count_ = 0;
  detail::task_state* current_task_ = nullptr;
  std::uint64_t next_task_id_ = 1;
  std::uint64_t next_callback_id_ = 1;
  std::size_t io_sources_ = 0;  // descriptors registered besides the eventfd, and native requests in flight
  detail::io_source* io_head_ = nullptr;

  std::unique_ptr<detail::io_backend> io_;
  aio::backend backend_ = aio::backend::epoll;
  int wake_fd_ = -1;
  std::shared_ptr<detail::loop_inbox> inbox_;
  std::unique_ptr<thread_pool> default_executor_;
  std::unique_ptr<detail::signal_watch> signals_;

  bool running_ = false;
  bool stopping_ = false;
  bool closed_ = false;
  bool debug_ = false;
  bool virtual_clock_ = false;
  time_point virtual_now_{};
  duration slow_callback_duration_ = std::chrono::milliseconds(100);
  exception_handler exception_handler_;
  event_loop* previous_loop_ = nullptr;
};

// asyncio.get_running_loop(): throws aio::runtime_error when this thread runs no loop.
event_loop& get_running_loop();

namespace detail {

extern constinit thread_local event_loop* running_loop;

struct callback_node : timer_node {
  event_loop* loop = nullptr;
  std::function<void()> fn;
  context_ref context;  // what fn runs in: a copy of the context it was scheduled in (asyncio's Handle._context)
  std::uint32_t refs = 1;
  bool is_cancelled = false;
  bool scheduled = false;
};

// The runtime's own access to the loop's internals, for the primitives' headers.
struct loop_access {
  static void schedule(event_loop& loop, waiter& w) { loop.ready_.push(&w); }
  static callback_handle call_soon_in(event_loop& loop, context_ref context, std::function<void()> fn) {
    return loop.call_soon_in(std::move(context), std::move(fn));
  }
  // A task's first step is queued as its state's address with the low bit set.
  static void schedule_start(event_loop& loop, task_state& t) {
    loop.ready_.push(reinterpret_cast<waiter*>(reinterpret_cast<std::uintptr_t>(&t) | 1u));
  }
  static void add_timer(event_loop& loop, timer_node& t) { loop.timers_.push(t); }
  static void remove_timer(event_loop& loop, timer_node& t) noexcept {
    if (t.armed()) loop.timers_.remove(t);
  }
  static task_state* current_task(const event_loop& loop) noexcept { return loop.current_task_; }
  static void set_current_task(event_loop& loop, task_state* t) noexcept { loop.current_task_ = t; }
  static std::uint64_t next_task_id(event_loop& loop) noexcept { return loop.next_task_id_++; }
  static void link_live(event_loop& loop, task_state& t) noexcept;
  static void unlink_live(event_loop& loop, task_state& t) noexcept;
  static task_state* live_tasks(const event_loop& loop) noexcept { return loop.live_head_; }
  static const std::shared_ptr<loop_inbox>& inbox(const event_loop& loop) noexcept { return loop.inbox_; }
  // Watches `source.fd` until remove_io (wakes come through watch_side); throws std::system_error.
  static void add_io(event_loop& loop, io_source& source) { loop.add_io(source); }
  static void remove_io(event_loop& loop, io_source& source) noexcept { loop.remove_io(source); }
  static void arm_io(event_loop& loop, io_source& source, bool for_write) noexcept { loop.arm_io(source, for_write); }
  // The backend, for the requests it performs itself (io_uring file I/O). One in flight counts
  // as a source, so a busy loop still polls for its completion.
  static io_backend& backend(event_loop& loop) noexcept { return *loop.io_; }
  static void count_request(event_loop& loop, bool in_flight) noexcept { in_flight ? ++loop.io_sources_ : --loop.io_sources_; }
  // True when a coroutine just made ready would be the very next thing the loop runs, with
  // nothing polled, fired or queued before it: resuming it inline is then unobservable.
  // Debug mode always goes through the queue (step timing) and so runs the same order.
  static bool may_continue_inline(const event_loop& loop) noexcept {
    return !loop.debug_ && loop.ready_.empty() && loop.woken_by_timers_.empty() && loop.io_sources_ == 0 &&
           !loop.stopping_ &&
           (loop.timers_.empty() || (loop.virtual_clock_ && loop.timers_.top()->when > loop.virtual_now_)) &&
           !loop.inbox_->pending();
  }
};

// Places `w` on one side of a registered source: the loop wakes it once that side is ready.
inline void watch_side(io_source& source, waiter& w, bool for_write) noexcept {
  (for_write ? source.writer : source.reader) = &w;
  if (running_loop && source.registered) loop_access::arm_io(*running_loop, source, for_write);
}

// Parks the running task on one side of a registered source until the loop sees it ready.
inline void park_on_io(io_source& source, io_waiter& w, bool for_write) noexcept {
  w.source = &source;
  w.for_write = for_write;
  w.ops = &io_wait_ops;
  watch_side(source, w, for_write);
  park(w);
}

inline event_loop& running_loop_or_throw() {
  if (!running_loop) throw runtime_error("no running event loop");
  return *running_loop;
}

inline void schedule(waiter& w) { loop_access::schedule(*running_loop, w); }

inline task_state* current_task_state() noexcept {
  return running_loop ? loop_access::current_task(*running_loop) : nullptr;
}

inline bool begin_wait(waiter& w, std::coroutine_handle<> h) noexcept {
  w.handle = h;
  w.cancelled = false;
  task_state* t = current_task_state();
  w.task = t;
  return !(t && t->cancel_requested);
}

}  // namespace detail

template <class T>
T event_loop::run_until_complete(task<T> main) {
  check_can_run();
  auto handle = main.release();
  if (!handle) throw invalid_state_error("run_until_complete: empty task");
  detail::task_state* state = detail::spawn(*this, handle, handle.promise());
  struct reference {
    detail::task_state* state;
    ~reference() { state->release(); }
  } keep{state};
  run_until_done(*state);
  state->exception_observed = true;
  if (state->ended_cancelled) state->throw_cancelled();
  if constexpr (std::is_void_v<T>) {
    handle.promise().result();
  } else {
    return std::move(handle.promise().result());
  }
}

}  // namespace aio

#include "aio/thread_pool.hpp"  // run_in_executor's definition
