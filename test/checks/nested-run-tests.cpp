// async-nested-run on the shapes of other libraries' own tests and benchmarks
// (docs/accuracy.md): a blocking run inside a death/throw assertion, a benchmark loop
// that repeats one blocking run, and a blocking run on a thread the test starts.
// Each is ported next to the shape that must still be flagged.
// RUN: %check_corolint_plugin %s async-nested-run %t
// RUN: %check_corolint_fast %s async-nested-run %t-fast

#include <aio/aio.hpp>

#include <cstddef>
#include <cstdlib>
#include <thread>
#include <vector>

// GoogleTest's death and throw assertions, reduced to what they expand to.
#define EXPECT_DEATH(statement, regex)                                                             \
  do {                                                                                             \
    if (false) {                                                                                   \
      statement;                                                                                   \
    }                                                                                              \
  } while (0)
#define EXPECT_THROW(statement, exception)                                                         \
  do {                                                                                             \
    try {                                                                                          \
      statement;                                                                                   \
    } catch (const exception &) {                                                                  \
    }                                                                                              \
  } while (0)
#define EXPECT_EQ(a, b) (void)((a) == (b))

aio::task<int> crash() { co_return 1; }
aio::task<int> dequeue() { co_return 2; }
aio::task<int> fetch(int id) { co_return id; }

// facebook/folly folly/coro/test/AsyncScopeTest.cpp and ValueOrFatalTest.cpp: a
// test coroutine asserts that the blocking run dies or throws.
aio::task<> dont_throw_on_join() {
  EXPECT_DEATH(aio::run(crash()), "not yet complete");
  EXPECT_THROW(aio::run(crash()), std::exception);
  EXPECT_DEATH({ aio::run(crash()); }, "MyErr");
  co_return;
}

// The same run outside an assertion: the nested loop the check is for.
aio::task<> runs_nested() {
  EXPECT_EQ(aio::run(crash()), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::run' in coroutine 'runs_nested' blocks the running event loop
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: 'aio::run' in coroutine 'runs_nested' blocks the running event loop
  co_return;
}

// facebook/folly folly/coro/test/PromiseBenchmark.cpp: the measured operation is one
// blocking run, repeated `iters` times; the counter is never read.
void benchmark_blocking_wait(std::size_t iters) {
  for (std::size_t i = 0; i < iters; ++i) {
    int result = aio::run(fetch(42));
    (void)result;
  }
}

// alibaba/async_simple benchmarks/Lazy.bench.cpp: Google Benchmark's measuring loop,
// `for (auto _ : state)`, repeats one blocking run; the element is never read.
namespace benchmark {
struct State {
  struct iterator {
    std::size_t left;
    int operator*() const { return 0; }
    iterator &operator++() { --left; return *this; }
    bool operator!=(const iterator &other) const { return left != other.left; }
  };
  std::size_t iterations = 3;
  iterator begin() { return {iterations}; }
  iterator end() { return {0}; }
};
} // namespace benchmark
void Lazy_chain(benchmark::State &state) {
  for ([[maybe_unused]] const auto &_ : state)
    aio::run(fetch(7));
}

// One run per element: the element is the item.
int fetch_all(const std::vector<int> &ids) {
  int total = 0;
  for (int id : ids)
    total += aio::run(fetch(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'aio::run' blocks this thread until its task is done for each element of 'ids'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:14: warning: 'aio::run' blocks this thread until its task is done for each element of 'ids'
  return total;
}

// facebook/folly folly/coro/test/BoundedQueueTest.cpp: a consumer thread the test
// starts dequeues twice with a blocking run; not a coroutine, no items.
void consumer_thread() {
  std::thread consumer([&] {
    for (std::size_t i = 0; i < 2; ++i)
      EXPECT_EQ(aio::run(dequeue()), 2);
  });
  consumer.join();
}

// One run per item: the counter selects the item.
int fetch_each(std::size_t n) {
  int total = 0;
  for (std::size_t i = 0; i < n; ++i)
    total += aio::run(fetch(static_cast<int>(i)));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'aio::run' blocks this thread until its task is done on each iteration of a loop bounded by 'n'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:14: warning: 'aio::run' blocks this thread until its task is done on each iteration of a loop bounded by 'n'
  return total;
}

int main() {
  benchmark_blocking_wait(3);
  benchmark::State state;
  Lazy_chain(state);
  fetch_all({1, 2});
  consumer_thread();
  return fetch_each(2) > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
