// The event loop: ready queue, timers, watched descriptors (through its backend), thread-safe
// wake-ups, debug timing, close.
#include "aio/event_loop.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "aio/thread_pool.hpp"
#include "io_backend.hpp"
#include "signal_watch.hpp"

namespace aio {
namespace detail {

constinit thread_local event_loop* running_loop = nullptr;
bool environment_debug_enabled() noexcept;
bool environment_flag(const char* name) noexcept;
void close_signal_watch(event_loop& loop, std::unique_ptr<signal_watch>& watch) noexcept;

bool loop_inbox::post(std::function<void()> fn, context_ref context) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  calls_.push_back({std::move(fn), std::move(context)});
  // Written under the lock, so close() cannot release the descriptor in between.
  if (!pending_.exchange(true, std::memory_order_acq_rel)) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  }
  return true;
}

std::vector<loop_inbox::posted_call> loop_inbox::take() {
  std::vector<posted_call> calls;
  std::lock_guard lock(mutex_);
  calls.swap(calls_);
  pending_.store(false, std::memory_order_relaxed);
  return calls;
}

void loop_inbox::close() noexcept {
  std::vector<posted_call> dropped;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    dropped.swap(calls_);
    pending_.store(false, std::memory_order_relaxed);
    ::close(wake_fd_);
    wake_fd_ = -1;
  }
}

namespace {

void release_callback(callback_node* node) noexcept {
  if (--node->refs == 0) delete node;
}

void run_callback(waiter& w) {
  auto& node = static_cast<callback_node&>(w);
  node.scheduled = false;
  if (!node.is_cancelled) {
    // asyncio's Handle._run: context.run(callback); the exception handler runs outside it.
    std::exception_ptr error;
    swap_thread_context(node.context);
    try {
      node.fn();
    } catch (...) {
      error = std::current_exception();
    }
    swap_thread_context(node.context);
    node.context = context_ref();  // what the callback set dies with it, not with the handle
    if (error)
      node.loop->call_exception_handler({report_kind::exception_in_callback, "Exception in callback", error, {}, {}});
  }
  release_callback(&node);
}

constexpr waiter_ops callback_ops{nullptr, nullptr, &run_callback, "callback"};

}  // namespace
}  // namespace detail

// ---- callback_handle ----

callback_handle::callback_handle(detail::callback_node* node) noexcept : node_(node) {
  if (node_) ++node_->refs;
}
callback_handle::callback_handle(const callback_handle& other) noexcept : callback_handle(other.node_) {}
callback_handle& callback_handle::operator=(const callback_handle& other) noexcept {
  callback_handle copy(other);
  std::swap(node_, copy.node_);
  return *this;
}
callback_handle::~callback_handle() {
  if (node_) detail::release_callback(node_);
}
void callback_handle::cancel() noexcept {
  if (!node_ || node_->is_cancelled) return;
  node_->is_cancelled = true;
  if (node_->armed()) {  // still in the heap: take it out and drop the loop's reference
    detail::loop_access::remove_timer(*node_->loop, *node_);
    node_->scheduled = false;
    detail::release_callback(node_);
  }
}
bool callback_handle::cancelled() const noexcept { return node_ && node_->is_cancelled; }
clock::time_point callback_handle::when() const noexcept { return node_ ? node_->when : clock::time_point{}; }

// ---- event_loop ----

event_loop::event_loop(run_options options)
    : debug_(options.debug || detail::environment_debug_enabled()) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  try {
    if (options.backend == aio::backend::io_uring) io_ = detail::make_uring_backend(wake_fd_);
    if (io_) backend_ = aio::backend::io_uring;
    else io_ = detail::make_epoll_backend(wake_fd_);
  } catch (...) {
    ::close(wake_fd_);
    throw;
  }
  inbox_ = std::make_shared<detail::loop_inbox>(wake_fd_);
  // AIO_VIRTUAL_TIME=1 lets a test run a whole program (the examples' ctest runs) on the
  // virtual clock, so its timing claims are checked exactly and without waiting.
  if (options.virtual_time || detail::environment_flag("AIO_VIRTUAL_TIME")) set_virtual_time(true);
}

event_loop::~event_loop() {
  if (!closed_ && !running_) close();
}

event_loop& get_running_loop() {
  if (!detail::running_loop) throw runtime_error("no running event loop");
  return *detail::running_loop;
}

event_loop::time_point event_loop::time() const noexcept { return virtual_clock_ ? virtual_now_ : clock::now(); }

void event_loop::set_virtual_time(bool enabled) noexcept {
  if (enabled && !virtual_clock_) virtual_now_ = clock::now();
  virtual_clock_ = enabled;
}

void event_loop::advance_time(duration d) noexcept {
  if (virtual_clock_) virtual_now_ += d;
}

void event_loop::stop() noexcept { stopping_ = true; }

void event_loop::check_can_run() const {
  if (closed_) throw runtime_error("event loop is closed");
  if (running_) throw runtime_error("this event loop is already running");
  if (detail::running_loop) throw runtime_error("cannot run an event loop while another loop is running");
}

void event_loop::enter() {
  check_can_run();
  running_ = true;
  detail::running_loop = this;
}

void event_loop::leave() noexcept {
  running_ = false;
  stopping_ = false;
  current_task_ = nullptr;
  detail::running_loop = nullptr;
}

void event_loop::run_until_done(detail::task_state& state) {
  enter();
  try {
    while (!state.done && !stopping_) run_once();
  } catch (...) {
    leave();
    throw;
  }
  leave();
  if (!state.done) throw runtime_error("event loop stopped before the task completed");
}

void event_loop::run_forever() {
  enter();
  try {
    while (!stopping_) run_once();
  } catch (...) {
    leave();
    throw;
  }
  leave();
}

void event_loop::run_once() {
  const bool idle = ready_.empty() && !stopping_;
  int timeout_ms = 0;
  if (idle && !inbox_->pending()) {
    if (timers_.empty()) {
      timeout_ms = -1;
    } else if (!virtual_clock_) {
      auto wait = timers_.top()->when - clock::now();
      auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
      timeout_ms = ms <= 0 ? 0 : ms > 86'400'000 ? 86'400'000 : static_cast<int>(ms);
    }
  }
  // Poll when idle; while busy, once per iteration if I/O sources exist (as asyncio, libuv and
  // asio do): readers and writers on one loop then take turns and keep the socket buffers small
  // and in cache (scripts/bench io: streaming costs half the CPU per byte of polling every 64).
  // Other threads' calls need no syscall: the inbox is checked below every time.
  if (idle || io_sources_ > 0) poll_io(timeout_ms);
  if (inbox_->pending()) drain_threadsafe();
  if (!timers_.empty()) {
    if (virtual_clock_ && ready_.empty() && timers_.top()->when > virtual_now_) virtual_now_ = timers_.top()->when;
    fire_timers();
  }
  // Run only what is ready now; what these steps schedule waits for the next iteration.
  for (std::size_t n = ready_.size(); n > 0; --n) run_ready(ready_.pop());
}

void event_loop::poll_io(int timeout_ms) { io_->poll(timeout_ms); }

void event_loop::add_io(detail::io_source& source) {
  io_->add(source);
  source.registered = true;
  source.prev = nullptr;
  source.next = io_head_;
  if (io_head_) io_head_->prev = &source;
  io_head_ = &source;
  ++io_sources_;
}

void event_loop::remove_io(detail::io_source& source) noexcept {
  if (!source.registered) return;
  io_->remove(source);
  source.registered = false;
  if (source.prev) source.prev->next = source.next; else io_head_ = source.next;
  if (source.next) source.next->prev = source.prev;
  source.prev = source.next = nullptr;
  --io_sources_;
}

void event_loop::arm_io(detail::io_source& source, bool for_write) noexcept { io_->arm(source, for_write); }

thread_pool& event_loop::default_executor() {
  if (closed_) throw runtime_error("event loop is closed");
  if (!default_executor_) default_executor_ = std::make_unique<thread_pool>();
  return *default_executor_;
}

void event_loop::drain_threadsafe() {
  for (auto& call : inbox_->take()) call_soon_in(std::move(call.context), std::move(call.fn));
}

// asyncio's _run_once moves due timers to the end of this iteration's ready callbacks. A
// call_at callback is such a callback and runs in its place. A timer that wakes a task (a
// sleep, a deadline) is a callback that completes a future: its effects happen now, but the
// task it wakes runs in the next iteration, at the place the timer's callback had in this one.
// So what it wakes waits in woken_by_timers_, and a marker in the timer's place moves it to the
// back of the ready queue when the marker's turn comes.
const detail::waiter_ops event_loop::timer_marker_ops{nullptr, nullptr, &event_loop::release_timer_wakeups, "timer"};
detail::waiter event_loop::timer_marker{nullptr, nullptr, {}, nullptr, &event_loop::timer_marker_ops, false};

void event_loop::release_timer_wakeups(detail::waiter&) noexcept {
  event_loop& loop = *detail::running_loop;
  std::size_t count = loop.timer_wakeup_counts_.front();
  loop.timer_wakeup_counts_.pop_front();
  for (; count > 0; --count) loop.ready_.push(loop.woken_by_timers_.pop());
}

void event_loop::fire_timers() {
  const time_point now = time();
  while (!timers_.empty() && timers_.top()->when <= now) {
    detail::timer_node* timer = timers_.pop();
    if (timer->ops->run) {
      ready_.push(timer);
      continue;
    }
    const std::size_t before = woken_by_timers_.size();
    std::swap(ready_, woken_by_timers_);
    detail::notify(*timer);
    std::swap(ready_, woken_by_timers_);
    if (const std::size_t woken = woken_by_timers_.size() - before) {
      timer_wakeup_counts_.push_back(woken);
      ready_.push(&timer_marker);
    }
  }
}

namespace {
// Runs one ready-queue entry: a task's first step, a parked coroutine, or a callback.
inline void dispatch(detail::waiter* entry, detail::task_state* start) {
  if (start && start->cancel_requested) start->finish_unstarted().resume();
  else if (start) start->frame.resume();
  else if (entry->ops->run) entry->ops->run(*entry);
  else entry->handle.resume();
}
inline detail::task_state* start_of(detail::waiter* entry) noexcept {
  auto bits = reinterpret_cast<std::uintptr_t>(entry);
  return bits & 1u ? reinterpret_cast<detail::task_state*>(bits & ~std::uintptr_t{1}) : nullptr;
}
}  // namespace

void event_loop::run_ready(detail::waiter* entry) {
  detail::task_state* start = start_of(entry);
  detail::task_state* task = start ? start : entry->task;
  if (!debug_) {
    current_task_ = task;
    dispatch(entry, start);
    current_task_ = nullptr;
    return;
  }
  if (task) task->add_ref();  // keep the name and location readable after the step
  const auto started = clock::now();
  current_task_ = task;
  dispatch(entry, start);
  current_task_ = nullptr;
  const auto took = clock::now() - started;
  if (took >= slow_callback_duration_) {
    const double seconds = std::chrono::duration<double>(took).count();
    char text[64];
    std::snprintf(text, sizeof text, " took %.3f seconds", seconds);
    if (task) {
      call_exception_handler({report_kind::slow_callback, "Executing task '" + task->display_name() + "'" + text,
                              nullptr, task->display_name(),
                              task->frame ? task->promise->location : std::source_location{}});
    } else {
      call_exception_handler({report_kind::slow_callback, std::string("Executing callback") + text, nullptr, {}, {}});
    }
  }
  if (task) task->release();
}

// The callback runs in `context`: by default a copy of the one current now (asyncio's Handle).
static detail::callback_node* make_callback(event_loop* loop, std::function<void()> fn,
                                            detail::context_ref context = detail::capture_context()) {
  auto* node = new detail::callback_node;
  node->loop = loop;
  node->fn = std::move(fn);
  node->context = std::move(context);
  node->ops = &detail::callback_ops;
  node->scheduled = true;
  return node;  // its one reference belongs to the loop until it runs or is cancelled
}

callback_handle event_loop::call_soon(std::function<void()> fn) {
  detail::callback_node* node = make_callback(this, std::move(fn));
  ready_.push(node);
  return callback_handle(node);
}

callback_handle event_loop::call_soon_in(detail::context_ref context, std::function<void()> fn) {
  detail::callback_node* node = make_callback(this, std::move(fn), std::move(context));
  ready_.push(node);
  return callback_handle(node);
}

callback_handle event_loop::call_later(duration delay, std::function<void()> fn) {
  return call_at(time() + delay, std::move(fn));
}

callback_handle event_loop::call_at(time_point when, std::function<void()> fn) {
  detail::callback_node* node = make_callback(this, std::move(fn));
  node->when = when;
  timers_.push(*node);
  return callback_handle(node);
}

void event_loop::call_soon_threadsafe(std::function<void()> fn) {
  if (!inbox_->post(std::move(fn), detail::capture_context())) throw runtime_error("event loop is closed");
}

void event_loop::call_exception_handler(const exception_context& context) noexcept {
  if (exception_handler_) {
    try {
      exception_handler_(*this, context);
      return;
    } catch (...) {
      // A failing handler must not take the loop down; fall back to stderr.
    }
  }
  default_exception_handler(context);
}

void event_loop::default_exception_handler(const exception_context& context) noexcept {
  std::string detail;
  if (context.exception) {
    try {
      std::rethrow_exception(context.exception);
    } catch (const std::exception& e) {
      detail = e.what();
    } catch (const cancelled_error& e) {
      detail = e.what();
    } catch (...) {
      detail = "unknown exception";
    }
  }
  std::fprintf(stderr, "aio: %s", context.message.c_str());
  if (!context.task_name.empty()) std::fprintf(stderr, " [task '%s']", context.task_name.c_str());
  if (context.location.line() != 0)
    std::fprintf(stderr, " at %s:%u", context.location.file_name(), static_cast<unsigned>(context.location.line()));
  if (!detail.empty()) std::fprintf(stderr, ": %s", detail.c_str());
  std::fprintf(stderr, "\n");
}

void event_loop::cancel_all_tasks() {
  std::vector<detail::task_state*> pending;
  for (auto* t = live_head_; t; t = t->next_live)
    if (!t->done) pending.push_back(t);
  if (pending.empty()) return;
  for (auto* t : pending) t->add_ref();
  for (auto* t : pending) t->cancel();
  enter();
  try {
    for (auto* t : pending)
      while (!t->done) run_once();
  } catch (...) {
    leave();
    for (auto* t : pending) t->release();
    throw;
  }
  leave();
  for (auto* t : pending) {
    if (t->failed() && !t->exception_observed && !t->owned_by_group) {
      t->exception_observed = true;
      call_exception_handler({report_kind::shutdown_error, "unhandled exception during aio::run() shutdown",
                              t->promise->exception, t->display_name(), t->promise->location});
    }
    t->release();
  }
}

void event_loop::close() {
  if (running_) throw runtime_error("cannot close a running event loop");
  if (closed_) return;
  closed_ = true;
  // Callbacks still queued or armed hold a loop reference each; drop them.
  while (!woken_by_timers_.empty()) ready_.push(woken_by_timers_.pop());
  timer_wakeup_counts_.clear();
  while (!ready_.empty()) {
    detail::waiter* w = ready_.pop();
    if (!start_of(w) && w->ops == &detail::callback_ops) detail::release_callback(static_cast<detail::callback_node*>(w));
  }
  while (!timers_.empty()) {
    detail::timer_node* t = timers_.pop();
    if (t->ops == &detail::callback_ops) detail::release_callback(static_cast<detail::callback_node*>(t));
  }
  // Tasks still pending are destroyed (asyncio: "Task was destroyed but it is pending!").
  std::vector<detail::task_state*> states;
  for (auto* t = live_head_; t; t = t->next_live) states.push_back(t);
  for (auto* t : states) t->add_ref();
  for (auto* t : states) {
    if (!t->done) {
      call_exception_handler({report_kind::pending_at_close, "Task was destroyed but it is pending!", nullptr,
                              t->display_name(), t->promise->location});
    }
  }
  for (auto* t : states) {
    detail::loop_access::unlink_live(*this, *t);
    t->loop = nullptr;
    t->joiners.clear();
    t->current_wait = nullptr;
    if (!t->done) {
      t->done = true;
      t->ended_cancelled = true;
      auto frame = std::exchange(t->frame, {});
      frame.destroy();
      t->refs -= 1;  // the loop's own reference, which completion would have dropped
    }
  }
  for (auto* t : states) t->release();
  live_head_ = nullptr;
  // Running executor calls finish; their results land in the closed inbox and are dropped.
  default_executor_.reset();
  detail::close_signal_watch(*this, signals_);
  // Sources still registered whose owners are gone (dropped streams still flushing) are freed.
  while (detail::io_source* source = io_head_) {
    remove_io(*source);
    if (source->abandon) source->abandon(*source);
  }
  io_.reset();
  inbox_->close();  // closes the eventfd
  wake_fd_ = -1;
}

}  // namespace aio
