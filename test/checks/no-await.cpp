// RUN: %check_corolint_plugin %s async-no-await %t
// RUN: %check_corolint %s async-no-await %t-cli
// Only the profile's task types count: aio::task is no cppcoro task.
// RUN: %check_corolint_plugin --check-suffix=CPPCORO %s async-no-await %t-cppcoro -- --config="{CheckOptions: {AsyncProfile: cppcoro}}"
// RUN: %check_corolint_fast %s async-no-await %t-fast

#include <aio/aio.hpp>

#include <coroutine>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

void log_line(const char *) {}
aio::task<int> fetch(int id) {
  co_await aio::sleep(1ms);
  co_return id;
}

// ---- must flag ---------------------------------------------------------------

aio::task<int> answer() { co_return 42; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'answer' never suspends (no 'co_await' or 'co_yield'): it pays for a coroutine frame and makes every caller await it for nothing; make it a plain function returning 'int' [async-no-await]
// CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'answer' never suspends (no 'co_await' or 'co_yield'): it pays for a coroutine frame and makes every caller await it for nothing; make it a plain function returning 'int' [async-no-await]
// CHECK-MESSAGES: :[[@LINE-3]]:27: note: it completes here without ever suspending
// CHECK-FAST-MESSAGES: :[[@LINE-4]]:27: note: it completes here without ever suspending

aio::task<> log_it() {
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: coroutine 'log_it' never suspends (no 'co_await' or 'co_yield'): it pays for a coroutine frame and makes every caller await it for nothing; make it a plain function [async-no-await]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: coroutine 'log_it' never suspends (no 'co_await' or 'co_yield'): it pays for a coroutine frame and makes every caller await it for nothing; make it a plain function [async-no-await]
  log_line("hello");
  co_return;
}

// The guide's "Async over everything": no I/O, no await.
aio::task<double> calculate_total(const std::vector<double> &prices) {
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: coroutine 'calculate_total' never suspends {{.*}} returning 'double'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:19: warning: coroutine 'calculate_total' never suspends {{.*}} returning 'double'
  double total = 0.0;
  for (double price : prices)
    total += price;
  co_return total;
}

// The guide's async_sum: a value computed by a call is still computed synchronously.
aio::task<int> async_sum(const std::vector<int> &numbers) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'async_sum' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'async_sum' never suspends
  co_return std::accumulate(numbers.begin(), numbers.end(), 0);
}

struct cache {
  int n = 0;
  aio::task<int> size() const { co_return n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: coroutine 'size' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:18: warning: coroutine 'size' never suspends
  static aio::task<bool> enabled() { co_return true; }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: coroutine 'enabled' never suspends {{.*}} returning 'bool'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:26: warning: coroutine 'enabled' never suspends {{.*}} returning 'bool'
};

template <typename T> aio::task<T> wrap(T value) { co_return value; }
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: coroutine 'wrap' never suspends {{.*}} returning 'T'
// CHECK-FAST-MESSAGES: :[[@LINE-2]]:36: warning: coroutine 'wrap' never suspends {{.*}} returning 'T'

aio::task<int> pick(bool first) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'pick' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'pick' never suspends
  if (first)
    co_return 1;
  co_return 2;
}

// Declared first, defined later: reported once, at the definition.
aio::task<int> later();
aio::task<int> later() { co_return 3; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'later' never suspends
// CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'later' never suspends


aio::task<int> uses_lambdas() {
  // Invoked on the spot.
  int a = co_await []() -> aio::task<int> { co_return 1; }();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a coroutine lambda never suspends
  // Bound to a local that is only ever called.
  int n = 0;
  auto bump = [&n]() -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: a coroutine lambda never suspends {{.*}} make it a plain function [async-no-await]
    ++n;
    co_return;
  };
  co_await bump();
  co_await bump();
  co_return a + n + co_await answer() + co_await wrap(1) + co_await pick(true) +
            co_await later() + co_await cache::enabled();
}

// What blocks or awaits only in something the body holds, by full mode's rule
// (everything the body contains counts), and the fast engine's where the syntax
// cannot tell: a member call named like a blocking one, a member declared but not
// defined here, an operation of the task library.
aio::task<int> counts_prices(const std::vector<double> &prices) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'counts_prices' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'counts_prices' never suspends
  co_return static_cast<int>(prices.size());
}
#define TWICE(x) ((x) * 2)
aio::task<int> doubles(int v) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'doubles' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'doubles' never suspends
  co_return TWICE(v);
}

// ---- must leave alone ------------------------------------------------------

aio::task<int> waits_for_a_future(std::future<int> result) { co_return result.get(); }
void join_worker(std::thread &worker) { worker.join(); }
aio::task<> joins_through_a_helper(std::thread &worker) {
  join_worker(worker);
  co_return;
}
aio::task<> hands_a_sleep_to_a_thread() {
  std::thread([] { std::this_thread::sleep_for(1ms); }).detach();
  co_return;
}
aio::task<> defines_a_sleeping_class() {
  struct Napper {
    static void nap() { std::this_thread::sleep_for(1ms); }
  };
  (void)&Napper::nap;
  co_return;
}
aio::task<> asks_a_task_its_size() {
  static_assert(sizeof(fetch(1)) > 0);
  co_return;
}
#define NAP() std::this_thread::sleep_for(1ms)
aio::task<> naps_through_a_macro() {
  NAP();
  co_return;
}
aio::task<bool> opens_a_stream(const char *path) {
  std::ifstream in(path);
  co_return in.good();
}
aio::task<bool> checks_the_disk(const std::filesystem::path &path) {
  co_return std::filesystem::exists(path);
}
aio::task<int> runs_a_shell() { co_return std::system("true"); }
aio::task<> makes_a_lambda_task() {
  auto make = [](int v) -> aio::task<int> { co_return v; };
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: a coroutine lambda never suspends
  make(3);
  co_return;
}
struct Cache {
  aio::task<int> refresh();
  aio::task<> tick() {
    refresh();
    co_return;
  }
};
aio::task<> drops_a_library_sleep() {
  auto pending = aio::sleep(1ms);
  co_return;
}


// Something here could have been awaited: a task made and not awaited, an
// awaitable dropped, a spawn. The missing await is async-unawaited-task's
// finding; "make it a plain function" would be the wrong advice.
aio::task<> spawns_only() {
  auto job = []() -> aio::task<> { co_await aio::sleep(1ms); };
  aio::create_task(job()).cancel();
  co_return;
}

aio::task<> forgets_to_await() {
  fetch(1);
  co_return;
}

aio::task<int> keeps_a_task_it_never_awaits() {
  auto pending = fetch(2);
  co_return 0;
}

// It blocks through a helper (QCoro's test shape: a coroutine that reads its
// configuration with a plain function): it should offload and await, which
// async-blocking-call says; "make it a plain function" would be wrong.
static std::string read_config(const char *path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}
aio::task<std::string> load_config() { co_return read_config("app.conf"); }

// An awaitable dropped. The fast engine cannot tell an awaitable from a
// method's other results; a method named like a blocking one of the table
// (`acquire` of std::counting_semaphore) it takes for something to await.
aio::task<> drops_an_acquire(aio::semaphore &limit) {
  limit.acquire(); // the awaitable does nothing unless awaited
  co_return;
}
aio::task<> drops_an_aenter(aio::semaphore &limit) {
  // CHECK-FAST-MESSAGES: :[[@LINE-1]]:13: warning: coroutine 'drops_an_aenter' never suspends
  (void)limit.aenter();
  co_return;
}

aio::task<int> awaits() { co_return co_await fetch(1); }

template <typename Awaitable> aio::task<> await_any(Awaitable a) { co_await std::move(a); }

// Overrides and virtual defaults: the interface asks for a task.
struct handler {
  virtual ~handler() = default;
  virtual aio::task<> on_close() { co_return; }
  virtual aio::task<int> on_message(int) = 0;
};
struct echo_handler : handler {
  aio::task<int> on_message(int m) override { co_return m; }
};

// Functions handed to an API that expects a task-returning callable.
void register_handler(std::function<aio::task<int>()>) {}
aio::task<int> ping_handler() { co_return 0; }
aio::task<int> health_handler() { co_return 200; }
template <typename T> aio::task<T> default_of() { co_return T{}; }
void setup() {
  register_handler(&ping_handler);
  std::function<aio::task<int>()> health = health_handler;
  register_handler(health);
  register_handler(&default_of<int>);
  // Lambdas handed to the API, or stored as the callable type it expects.
  register_handler([]() -> aio::task<int> { co_return 1; });
  std::function<aio::task<int>()> stored = []() -> aio::task<int> { co_return 2; };
  register_handler(stored);
}

// A member of an explicit specialization models what generic code requires.
template <typename T> struct codec;
template <> struct codec<int> {
  static aio::task<int> decode() { co_return 0; }
};
template <typename T> aio::task<T> decode_with() { co_return co_await codec<T>::decode(); }

// Not a task: a coroutine type of another kind is not "async".
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
eager run_eagerly() { co_return; }

// Not a coroutine: it returns the task of another function.
aio::task<int> forward() { return fetch(2); }

// An overload set awaited generically (Beast's do_eof): the plain-stream overload
// finishes at once, the TLS one awaits; callers `co_await do_eof(stream)` either way.
struct plain_stream {};
struct tls_stream {};
template <typename Stream> aio::task<> do_eof(Stream &) { co_return; }
template <typename Stream> aio::task<> do_eof(Stream &, tls_stream &) { co_await aio::sleep(1ms); }
aio::task<> shutdown_plain(plain_stream &s) { co_await do_eof(s); }
aio::task<> shutdown_tls(plain_stream &s, tls_stream &t) { co_await do_eof(s, t); }

// A lambda that awaits.
aio::task<int> awaits_in_lambda() {
  auto get = []() -> aio::task<int> { co_return co_await fetch(3); };
  co_return co_await get();
}

int main() {
  setup();
  return aio::run(uses_lambdas()) > 0 ? 0 : 1;
}

// The Coroutines TS loop `for co_await (x : s)` awaits begin() and every ++:
// a coroutine whose only suspension is such a loop suspends.
struct ready_iterator {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  ready_iterator await_resume() const noexcept { return *this; }
  ready_iterator operator++() const { return *this; }
  int operator*() const { return 0; }
  bool operator!=(const ready_iterator &) const { return false; }
};
struct async_stream {
  ready_iterator begin() { return {}; }
  ready_iterator end() { return {}; }
};
aio::task<int> sum_stream(async_stream &stream) {
  int total = 0;
  for co_await (int value : stream)
    total += value;
  co_return total;
}

// ENGINES-DIFFER: async-no-await: drops_an_aenter drops the awaitable limit.aenter() returns, which only its type says (fast: "coroutine 'drops_an_aenter' never suspends") (docs: "An awaitable returned by another method (`limit.aenter()`) needs the object's type: only full mode sees that one.")
