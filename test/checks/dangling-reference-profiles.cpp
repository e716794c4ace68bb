// async-dangling-reference with the asio and libcoro profiles: what keeps a
// callable alive (co_spawn, coro::invoke) and what drains the loop (ctx.run()).
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-dangling-reference %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"
// RUN: %check_corolint_plugin --check-suffix=LIBCORO %s async-dangling-reference %t-libcoro -- --config="{CheckOptions: {AsyncProfile: libcoro}}"

#include <coroutine>
#include <memory>
#include <string>
#include <utility>

#define LAZY_TASK(Name)                                                                            \
  template <typename T = void> struct Name {                                                       \
    struct promise_type {                                                                          \
      Name get_return_object() { return {}; }                                                      \
      std::suspend_always initial_suspend() noexcept { return {}; }                                \
      std::suspend_always final_suspend() noexcept { return {}; }                                  \
      void return_void() {}                                                                        \
      void unhandled_exception() {}                                                                \
    };                                                                                             \
    bool await_ready() const noexcept { return true; }                                             \
    void await_suspend(std::coroutine_handle<>) const noexcept {}                                  \
    void await_resume() const noexcept {}                                                          \
  };

namespace boost::asio {
LAZY_TASK(awaitable)
struct io_context {
  void run() {}
};
struct detached_t {};
inline constexpr detached_t detached;
template <typename Context, typename Work, typename Token>
void co_spawn(Context &, Work &&, Token) {}
awaitable<> async_sleep();
} // namespace boost::asio

namespace coro {
LAZY_TASK(task)
struct task_container {
  void start(task<> work) { (void)work; }
};
struct thread_pool {
  bool spawn(task<> work);
  void shutdown() noexcept; // blocks until every spawned task has completed
};
template <typename F> task<> invoke(F callable) { co_await callable(); }
template <typename T> void sync_wait(T &&) {}
} // namespace coro

using boost::asio::awaitable;
using boost::asio::co_spawn;
using boost::asio::detached;

struct acceptor {};
awaitable<> listen(acceptor &a);

struct session : std::enable_shared_from_this<session> {
  awaitable<> reader() { co_await boost::asio::async_sleep(); }

  // ---- asio: must flag --------------------------------------------------------

  // shared_from_this() keeps the session, but 'self' itself lives in the lambda
  // object, which dies at the end of the statement.
  void start_in_place(boost::asio::io_context &ctx) {
    co_spawn(ctx, [self = shared_from_this()]() -> awaitable<> { co_await self->reader(); }(),
             detached);
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:19: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'boost::asio::co_spawn' and runs later
  }

  // ---- asio: must leave alone -------------------------------------------------

  // co_spawn keeps the function object in the spawned frame (chat_server.cpp).
  // Only the asio profile knows that: under libcoro's it is an unknown callee.
  void start(boost::asio::io_context &ctx) {
    co_spawn(ctx, [self = shared_from_this()] { return self->reader(); }, detached);
    co_spawn(ctx, [self = shared_from_this()]() -> awaitable<> {
      // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:19: warning: coroutine lambda handed to 'boost::asio::co_spawn' uses its captures after a suspension point
      co_await boost::asio::async_sleep();
      co_await self->reader();
    }, detached);
  }
};

// A coroutine spawns and returns; the acceptor it lent is gone.
awaitable<> serve_once(boost::asio::io_context &ctx) {
  acceptor local;
  co_spawn(ctx, listen(local), detached);
  // CHECK-MESSAGES-ASIO: :[[@LINE-1]]:17: warning: 'a' of coroutine 'listen' refers to local 'local', which may be destroyed while the task still runs (it is handed to 'boost::asio::co_spawn')
  co_return;
}

// timeout.cpp / throttling_proxy.cpp: main runs the loop before 'a' dies.
int main_like() {
  boost::asio::io_context ctx;
  acceptor a;
  co_spawn(ctx, listen(a), detached);
  ctx.run();
  return 0;
}

// ---- libcoro (libcoro#285): must flag --------------------------------------------

void libcoro_285(coro::task_container &tc, std::string &out) {
  tc.start([&]() -> coro::task<> {
    // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:12: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'coro::task_container::start' and runs later
    co_await coro::task<>{};
    out += "done";
  }());
}

coro::task<> append_to(std::string &out);

void libcoro_spawn_and_return(coro::thread_pool &tp) {
  std::string text = "x";
  tp.spawn(append_to(text));
  // CHECK-MESSAGES-LIBCORO: :[[@LINE-1]]:12: warning: 'out' of coroutine 'append_to' refers to local 'text', which may be destroyed while the task still runs (it is handed to 'coro::thread_pool::spawn')
}

// ---- libcoro: must leave alone ---------------------------------------------------

// shutdown() returns once every task spawned onto the pool has completed.
void libcoro_shutdown() {
  coro::thread_pool tp;
  std::string text = "x";
  tp.spawn(append_to(text));
  tp.shutdown();
}

// coro::invoke keeps the lambda in a frame of its own (libcoro#430); the asio
// profile does not know it.
void libcoro_invoke(coro::task_container &tc, std::string &out) {
  tc.start(coro::invoke([&]() -> coro::task<> {
    // CHECK-MESSAGES-ASIO: :[[@LINE-1]]:25: warning: coroutine lambda handed to 'coro::invoke' uses its captures after a suspension point
    co_await coro::task<>{};
    out += "done";
  }));
}

// sync_wait runs the task to completion within the statement.
void libcoro_sync_wait() {
  std::string text = "x";
  coro::sync_wait([&]() -> coro::task<> {
    co_await coro::task<>{};
    text += "!";
  }());
}
