// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli

#include <aio/aio.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

aio::task<> log_line(const std::string &line);
aio::task<std::size_t> count_words(std::string_view text);
aio::task<int> sum(std::span<const int> values);
aio::task<> log_copy(std::string line);

std::string banner = "corolint";

struct connection : std::enable_shared_from_this<connection> {
  aio::task<> serve() {
    co_await aio::sleep(1ms);
    ++served;
  }
  int served = 0;
};

// Stand-ins for the libraries of the real bugs below: only the shapes matter.
template <typename T = void> struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    template <typename U> void return_value(U &&) {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T{}; }
};

namespace concurrencpp {
struct null_result {
  struct promise_type {
    null_result get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct executor {
  template <typename F> void post(F &&callable) { callable(); }
  std::string name;
};
} // namespace concurrencpp

namespace seastar {
template <typename T> struct future {
  struct promise_type {
    future get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  template <typename F> future then(F &&continuation) { return continuation(T{}); }
};
} // namespace seastar

// ---- must flag ---------------------------------------------------------------

// The task runs after the statement, when the temporary string is gone.
aio::task<> spawn_with_temporary() {
  auto handle = aio::create_task(log_line(std::string("hello")));
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the end of the full-expression, but the task is handed to 'aio::create_task' and runs later; pass it by value, or 'co_await' the task in the same expression [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:34: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the 
  // CHECK-NOTES: :[[@LINE-65]]:41: note: parameter declared here
  co_await handle;
}

// A lazy task kept for later: it starts after the temporary died.
aio::task<> keep_task_of_temporary() {
  auto later = log_line(banner + "!");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the end of the full-expression, but the task is kept in 'later' and runs later
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the 
  // CHECK-NOTES: :[[@LINE-74]]:41: note: parameter declared here
  co_await later;
}

// Returned to the caller: the temporary dies at the return.
aio::task<> make_log(std::string prefix) {
  return log_line(prefix + ": started");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the end of the full-expression, but the task is returned and runs later
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the 
  // CHECK-NOTES: :[[@LINE-83]]:41: note: parameter declared here
}

// A string_view parameter is a reference too: here to a temporary string.
aio::task<> count_later() {
  auto counting = aio::create_task(count_words(std::string("a b c")));
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'text' of coroutine 'count_words' refers to a temporary
  // CHECK-NOTES: :[[@LINE-2]]:36: warning: 'text' of coroutine 'count_words' refers to a temporary destroyed at t
  // CHECK-NOTES: :[[@LINE-90]]:53: note: parameter declared here
  co_await counting;
}

// The handle leaves the function; the local it reads does not.
aio::join_handle<void> start_logging() {
  std::string line = "started";
  return aio::create_task(log_line(line));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be destroyed while the task still runs (it is handed to 'aio::create_task'); pass it by value, or await the task before 'line' goes out of scope
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be de
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'line' is declared here
  // CHECK-NOTES: :[[@LINE-102]]:41: note: parameter declared here
}

// Fire and forget: the coroutine returns while the task still reads 'line'.
aio::task<> detach_and_leave() {
  std::string line = "bye";
  aio::detach(aio::create_task(log_line(line)), [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be destroyed while the task still runs (it is handed to 'aio::create_task')
  // CHECK-NOTES: :[[@LINE-2]]:32: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be de
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'line' is declared here
  // CHECK-NOTES: :[[@LINE-112]]:41: note: parameter declared here
  co_return;
}

// A span of a local vector, returned.
aio::task<int> total_later() {
  std::vector<int> values{1, 2, 3};
  return sum(values);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'values' of coroutine 'sum' refers to local 'values', which may be destroyed while the task still runs (it is returned)
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: 'values' of coroutine 'sum' refers to local 'values', which may be des
  // CHECK-NOTES: :[[@LINE-4]]:20: note: 'values' is declared here
  // CHECK-NOTES: :[[@LINE-121]]:41: note: parameter declared here
}

// A member coroutine keeps 'this': here a local object.
aio::join_handle<void> serve_local() {
  connection conn;
  return aio::create_task(conn.serve());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'this' of coroutine 'serve' refers to local 'conn', which may be destroyed while the task still runs (it is handed to 'aio::create_task')
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: 'this' of coroutine 'serve' refers to local 'conn', which may be destr
  // CHECK-NOTES: :[[@LINE-4]]:14: note: 'conn' is declared here
}

// libcoro#285 (capturing lambda coroutines in spawned work): the captures live
// in the lambda object, a temporary gone before the spawned task first runs,
// even though the handle is awaited in this scope.
aio::task<> spawn_capturing_lambda(std::vector<int> &results) {
  int id = 7;
  auto job = aio::create_task([&]() -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: captures of a coroutine lambda live in the lambda object, which is destroyed at the end of the full-expression, but the task it returned is handed to 'aio::create_task' and runs later (the frame keeps no copy); pass what it needs as by-value parameters
    // CHECK-NOTES: :[[@LINE-2]]:31: warning: captures of a coroutine lambda live in the lambda object, which is des
    co_await aio::sleep(1ms);
    results.push_back(id);
  }());
  co_await job;
}

// A named lambda whose task is returned: the lambda dies at the return.
aio::task<> make_greeting(std::string name) {
  auto greet = [name]() -> aio::task<> { co_await log_line(name); };
  return greet();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: captures of a coroutine lambda live in 'greet', which may be destroyed first, but the task it returned is returned and runs later
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: captures of a coroutine lambda live in 'greet', which may be destroyed
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'greet' is declared here
}

// Stored in a member: it runs long after 'text' is gone.
struct logger {
  aio::task<> pending;
  void start() {
    std::string text = "x";
    pending = log_line(text);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'line' of coroutine 'log_line' refers to local 'text', which may be destroyed while the task still runs (it is stored)
    // CHECK-NOTES: :[[@LINE-2]]:15: warning: 'line' of coroutine 'log_line' refers to local 'text', which may be de
    // CHECK-NOTES: :[[@LINE-4]]:17: note: 'text' is declared here
    // CHECK-NOTES: :[[@LINE-167]]:41: note: parameter declared here
  }
};

// The group joins when aio::with ends, after the body's own local is gone.
aio::task<> group_outlives_body_local() {
  co_await aio::with(aio::task_group{}, [](aio::task_group &group) -> aio::task<> {
    std::string line = "inner";
    group.create_task(log_line(line));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be destroyed while the task still runs (it is handed to 'aio::task_group::create_task')
    // CHECK-NOTES: :[[@LINE-2]]:23: warning: 'line' of coroutine 'log_line' refers to local 'line', which may be de
    // CHECK-NOTES: :[[@LINE-4]]:17: note: 'line' is declared here
    // CHECK-NOTES: :[[@LINE-179]]:41: note: parameter declared here
    co_return;
  });
}

// concurrencpp#113: the lambda posted to an executor is destroyed once the
// coroutine first suspends; the next loop iteration reads the dead capture.
lazy<int> get_value_async(std::shared_ptr<concurrencpp::executor> executor);
void concurrencpp_113(std::shared_ptr<concurrencpp::executor> executor) {
  executor->post([executor]() noexcept -> concurrencpp::null_result {
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: coroutine lambda handed to 'concurrencpp::executor::post' uses its captures after a suspension point, but 'concurrencpp::executor::post' may destroy the lambda once the coroutine has started (the frame keeps no copy of the captures); pass what it needs as by-value parameters
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: coroutine lambda handed to 'concurrencpp::executor::post' uses its cap
    // CHECK-NOTES: :[[@LINE+4]]:45: note: capture 'executor' is used here, after a suspension point
    // CHECK-NOTES: :[[@LINE+3]]:20: note: the coroutine may suspend here
    int i = 0;
    while (i++ < 3) {
      auto value = co_await get_value_async(executor);
      (void)value;
    }
    co_return;
  });
}

// scylladb#27520: 'this' captured by a continuation coroutine and used after
// co_await; the continuation object is gone by then.
struct commitlog {
  lazy<std::vector<std::string>> get_segments_to_replay();
  static seastar::future<commitlog> create_commitlog(int config);
};
struct hint_endpoint_manager {
  seastar::future<commitlog> add_store() {
    return commitlog::create_commitlog(1).then([this](commitlog l) -> seastar::future<commitlog> {
      // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: coroutine lambda handed to 'seastar::future::then' uses its captures after a suspension point
      // CHECK-NOTES: :[[@LINE-2]]:48: warning: coroutine lambda handed to 'seastar::future::then' uses its captures a
      // CHECK-NOTES: :[[@LINE+4]]:11: note: capture 'this' is used here, after a suspension point
      // CHECK-NOTES: :[[@LINE+1]]:43: note: the coroutine may suspend here
      std::vector<std::string> segs_vec = co_await l.get_segments_to_replay();
      if (!segs_vec.empty())
        ++_last_written_rp;
      co_return l;
    });
  }
  int _last_written_rp = 0;
};

// aio::shield lets the task run on when the awaiter is cancelled: the awaiter's locals and
// the temporaries of its statement are gone while the shielded task still reads them.
aio::task<> shielded_cleanup(std::string name) {
  co_await aio::shield(log_line(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'line' of coroutine 'log_line' refers to local 'name', which may be destroyed while the task still runs (it is handed to 'aio::shield')
  // CHECK-NOTES: :[[@LINE-2]]:24: warning: 'line' of coroutine 'log_line' refers to local 'name'
  // CHECK-NOTES: :[[@LINE-4]]:42: note: 'name' is declared here
  // CHECK-NOTES: :17:41: note: parameter declared here
  co_await aio::shield(log_line(std::string("bye")));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'line' of coroutine 'log_line' refers to a temporary destroyed at the end of the full-expression, but the task is handed to 'aio::shield' and runs later
  // CHECK-NOTES: :[[@LINE-2]]:24: warning: 'line' of coroutine 'log_line' refers to a temporary
  // CHECK-NOTES: :17:41: note: parameter declared here
}

// ---- must leave alone ----------------------------------------------------------

// Shielding a task that owns its data is safe.
aio::task<> log_line_copy(std::string line);
aio::task<> shielded_by_value(std::string name) {
  co_await aio::shield(log_line_copy(name));
}


// Awaited in the same full-expression: the temporary outlives the task.
aio::task<> await_with_temporary() { co_await log_line(std::string("x")); }

// `[&]` that uses no local captures nothing: a spawned lambda coroutine that
// only touches globals and its parameters has nothing to dangle (QCoro's and
// libcoro's examples write `[&]` by habit).
int requests_served = 0;
aio::task<> spawn_default_capture_of_nothing() {
  auto job = aio::create_task([&]() -> aio::task<> {
    co_await aio::sleep(1ms);
    ++requests_served;
  }());
  co_await job;
}

// A lambda coroutine called and awaited at once.
aio::task<> await_lambda_in_place() {
  int id = 1;
  co_await [&]() -> aio::task<> {
    co_await aio::sleep(1ms);
    ++id;
  }();
}

// Gathered and awaited in one expression.
aio::task<> gather_temporaries() {
  co_await aio::gather(log_line(std::string("a")), log_line(std::string("b")));
}

// Globals and statics outlive every task.
aio::task<> spawn_with_global() {
  static const std::string greeting = "hi";
  auto a = aio::create_task(log_line(banner));
  auto b = aio::create_task(log_line(greeting));
  co_await a;
  co_await b;
}

// The handle is awaited on every path before 'line' goes out of scope.
aio::task<> await_handle_in_scope(bool twice) {
  std::string line = "x";
  auto handle = aio::create_task(log_line(line));
  if (twice)
    co_await log_line(line);
  co_await handle;
}

// A task_group entered with aio::with is joined before 'line' dies.
aio::task<> group_joined_in_scope() {
  std::string line = "x";
  co_await aio::with(aio::task_group{}, [&](aio::task_group &group) -> aio::task<> {
    group.create_task(log_line(line));
    group.create_task(log_copy(line));
    co_return;
  });
}

// Parameters taken by value are copied into the frame.
aio::task<> spawn_by_value() {
  auto handle = aio::create_task(log_copy(std::string("copied")));
  co_await handle;
}

// A view of a string literal refers to static storage.
aio::task<> view_of_literal() {
  auto handle = aio::create_task(count_words("static words"));
  co_await handle;
}

// Called through a shared_ptr: the object's lifetime is what the pointer keeps.
aio::join_handle<void> serve_shared(std::shared_ptr<connection> conn) {
  return aio::create_task(conn->serve());
}

// A task bound to a local declared after what it refers to dies first.
aio::task<> lazy_local_in_scope() {
  std::string line = "x";
  auto later = log_line(line);
  co_await later;
}

// A reference parameter: the caller owns the object and its lifetime.
aio::join_handle<void> relay(const std::string &line) { return aio::create_task(log_line(line)); }

// The loop is run to completion before 'line' is destroyed.
void run_in_scope() {
  std::string line = "x";
  aio::event_loop loop;
  loop.run_until_complete(log_line(line));
  aio::run(log_line(std::string("once")));
}

// A lambda with no captures may be handed anywhere; std::function keeps it.
void hand_over_lambdas(std::shared_ptr<concurrencpp::executor> executor) {
  executor->post([]() noexcept -> concurrencpp::null_result { co_return; });
  std::string name = "x";
  std::function<aio::task<>()> keep = [&name]() -> aio::task<> { co_await log_line(name); };
  (void)keep;
}

// Captures used only before the first suspension (scylladb's "only 'this', before
// the first preemption").
void captures_before_suspension(std::shared_ptr<concurrencpp::executor> executor) {
  executor->post([executor]() noexcept -> concurrencpp::null_result {
    auto copy = executor;
    co_await get_value_async(copy);
  });
}

// A declaration may leave a parameter unnamed: the message gives its position, not ''.
aio::task<> log_numbered(int, const std::string &);
aio::task<> detach_numbered() {
  std::string line = "numbered";
  aio::detach(aio::create_task(log_numbered(1, line)), [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'parameter 2' of coroutine 'log_numbered' refers to local 'line', which may be destroyed while the task still runs (it is handed to 'aio::create_task')
  // CHECK-NOTES: :[[@LINE-2]]:32: warning: 'parameter 2' of coroutine 'log_numbered' refers to local 'line', which may be de
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'line' is declared here
  // CHECK-NOTES: :[[@LINE-7]]:{{[0-9]+}}: note: parameter declared here
  co_return;
}

// async_simple's LazyTest shape (testCollectAll/testCollectAny): tasks that take
// locals by reference are collected in a vector, moved into a combinator whose
// task is kept in a local and awaited. A gather finishes only when every task
// has, so the locals outlive them all (issue 16).
aio::task<int> count_into(int id, int &counter) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return counter += id;
}

aio::task<int> gathers_through_a_local() {
  int counter = 0;
  std::vector<aio::task<int>> input;
  input.push_back(count_into(1, counter));
  input.push_back(count_into(2, counter));
  auto all = aio::gather(std::move(input));
  auto results = co_await std::move(all);
  co_return counter + static_cast<int>(results.size());
}

// The combined task is dropped on an early return: the tasks never finish
// inside this frame, and nothing keeps 'counter'.
aio::task<int> gathers_but_returns_early(bool quick) {
  int counter = 0;
  std::vector<aio::task<int>> input;
  input.push_back(count_into(1, counter));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'counter' of coroutine 'count_into' refers to local 'counter', which may be destroyed while the task still runs (it is handed to 'std::vector::push_back')
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: 'counter' of coroutine 'count_into' refers to local 'counter'
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'counter' is declared here
  // CHECK-NOTES: :[[@LINE-24]]:40: note: parameter declared here
  auto all = aio::gather(std::move(input));
  if (quick)
    co_return 0;
  auto results = co_await std::move(all);
  co_return counter + static_cast<int>(results.size());
}
