// aio::thread_pool (concurrent.futures.ThreadPoolExecutor), aio::run_in_executor,
// loop.run_in_executor(nullptr, ...) and aio::to_thread: a blocking call runs on a worker
// thread while the awaiting task is parked; the result or exception comes back through the
// loop's inbox (call_soon_threadsafe's path).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "aio/event_loop.hpp"

namespace aio {

class thread_pool {
 public:
  // asyncio's default size: min(32, cores + 4). Threads start on demand, up to `max_workers`.
  explicit thread_pool(std::size_t max_workers = default_size());
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;
  // shutdown(): queued jobs still run, then the workers are joined.
  ~thread_pool();

  // Runs `job` on a worker; throws aio::runtime_error after shutdown().
  void submit(std::function<void()> job);
  void shutdown() noexcept;
  std::size_t max_workers() const noexcept { return max_workers_; }
  static std::size_t default_size() noexcept;

 private:
  void work() noexcept;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::size_t max_workers_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

namespace detail {

// What a call handed to a worker shares with the awaiting task. The job and the loop callback
// each hold a reference, so a task cancelled (or destroyed) meanwhile leaves nothing dangling.
struct offload_base {
  std::shared_ptr<loop_inbox> inbox;
  waiter* awaiting = nullptr;          // loop thread only: the parked task, null once it left
  std::atomic<bool> abandoned{false};  // the awaiter left: a call not yet started is skipped
  std::exception_ptr error;

  void leave() noexcept {
    awaiting = nullptr;
    abandoned.store(true, std::memory_order_release);
  }
  void finish_on_loop() noexcept {
    if (waiter* w = std::exchange(awaiting, nullptr)) notify(*w);
  }
};

template <class R, class Fn>
struct offload_state : offload_base {
  explicit offload_state(Fn f) : fn(std::move(f)) {}
  Fn fn;
  std::optional<std::conditional_t<std::is_void_v<R>, char, R>> value;

  // On the worker: run unless abandoned, then hand the outcome to the loop.
  static void run(std::shared_ptr<offload_state> self) noexcept {
    if (self->abandoned.load(std::memory_order_acquire)) return;
    try {
      if constexpr (std::is_void_v<R>) {
        self->fn();
        self->value.emplace();
      } else {
        self->value.emplace(self->fn());
      }
    } catch (...) {
      self->error = std::current_exception();
    }
    if (self->abandoned.load(std::memory_order_acquire)) return;
    std::shared_ptr<loop_inbox> inbox = self->inbox;
    try {
      inbox->post([self = std::move(self)] { self->finish_on_loop(); });
    } catch (...) {
      // Out of memory queueing the wake-up: nothing more a worker can do.
    }
  }
};

struct offload_waiter : waiter {
  offload_base* state = nullptr;
};
inline cancel_outcome leave_offload(waiter& w) noexcept {
  static_cast<offload_waiter&>(w).state->leave();
  return cancel_outcome::detached;
}
inline constexpr waiter_ops offload_ops{nullptr, &leave_offload, nullptr, "run_in_executor"};

}  // namespace detail

// The awaitable of run_in_executor/to_thread. The call is submitted when awaited.
template <class R, class Fn>
class [[nodiscard]] executor_call {
 public:
  executor_call(thread_pool* pool, Fn fn)
      : pool_(pool), state_(std::make_shared<detail::offload_state<R, Fn>>(std::move(fn))) {}
  executor_call(executor_call&&) noexcept = default;
  executor_call& operator=(executor_call&&) = delete;
  ~executor_call() {
    if (state_ && state_->awaiting == &waiter_) state_->leave();  // destroyed while parked
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    event_loop& loop = detail::running_loop_or_throw();
    if (!detail::begin_wait(waiter_, h)) return false;
    thread_pool& pool = pool_ ? *pool_ : loop.default_executor();
    state_->inbox = detail::loop_access::inbox(loop);
    waiter_.state = state_.get();
    waiter_.ops = &detail::offload_ops;
    state_->awaiting = &waiter_;
    try {
      // The job hands its reference on to the loop with the outcome: the state (and an
      // exception in it) is then released on the loop's thread, not raced by the worker.
      pool.submit([state = state_]() mutable { detail::offload_state<R, Fn>::run(std::move(state)); });
    } catch (...) {
      state_->awaiting = nullptr;
      throw;
    }
    detail::park(waiter_);
    return true;
  }
  R await_resume() {
    detail::end_wait(waiter_);
    if (state_->error) std::rethrow_exception(state_->error);
    if constexpr (!std::is_void_v<R>) return std::move(*state_->value);
  }

 private:
  thread_pool* pool_;
  std::shared_ptr<detail::offload_state<R, Fn>> state_;
  detail::offload_waiter waiter_;
};

namespace detail {
template <class F, class... Args>
using call_result_t = std::decay_t<std::invoke_result_t<std::decay_t<F>&&, std::decay_t<Args>&&...>>;

// fn and args are copied (or moved) now, as std::thread does, and invoked once on the worker.
template <class F, class... Args>
auto make_executor_call(thread_pool* pool, F&& fn, Args&&... args) {
  using R = call_result_t<F, Args...>;
  auto bound = [fn = std::forward<F>(fn), ... args = std::forward<Args>(args)]() mutable -> R {
    return std::invoke(std::move(fn), std::move(args)...);
  };
  return executor_call<R, decltype(bound)>(pool, std::move(bound));
}
}  // namespace detail

// concurrent.futures: `co_await aio::run_in_executor(pool, fn, args...)`.
template <class F, class... Args>
  requires std::is_invocable_v<std::decay_t<F>&&, std::decay_t<Args>&&...>
auto run_in_executor(thread_pool& pool, F&& fn, Args&&... args) {
  return detail::make_executor_call(&pool, std::forward<F>(fn), std::forward<Args>(args)...);
}

// asyncio.to_thread(fn, *args): the running loop's default thread pool.
template <class F, class... Args>
  requires std::is_invocable_v<std::decay_t<F>&&, std::decay_t<Args>&&...>
auto to_thread(F&& fn, Args&&... args) {
  return detail::make_executor_call(nullptr, std::forward<F>(fn), std::forward<Args>(args)...);
}

template <class F, class... Args>
auto event_loop::run_in_executor(std::nullptr_t, F&& fn, Args&&... args) {
  return detail::make_executor_call(&default_executor(), std::forward<F>(fn), std::forward<Args>(args)...);
}

}  // namespace aio
