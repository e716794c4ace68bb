// async-no-await on the shapes of other libraries' own tests and demos
// (docs/accuracy.md): a coroutine whose task is handed on to an API (co_spawn, a
// combinator, a container, a run function) instead of awaited on the spot, and a
// coroutine whose body blocks. Each is ported next to the shape still flagged.
// RUN: %check_corolint_plugin %s async-no-await %t
// RUN: %check_corolint_fast %s async-no-await %t-fast

#include <aio/aio.hpp>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

// chriskohlhoff/asio src/tests/unit/co_spawn.cpp and awaitable_operators.cpp: the
// coroutines exist to be handed to co_spawn and to the awaitable operators.
aio::task<> void_returning_coroutine() { co_return; }
aio::task<int> int_ex() {
  throw std::runtime_error("exception");
  co_return -1;
}
// folly/coro/test/CollectAllTryBenchmark.cpp: pushed into a vector for collectAll.
aio::task<int> succeeding_task(int value) { co_return value; }
// async_simple/coro/test/PMRLazyTest.cpp: stored, then run.
aio::task<int> get_43() { co_return 43; }

int test_handed_on() {
  aio::create_task(void_returning_coroutine()).cancel();
  std::vector<aio::task<int>> tasks;
  tasks.push_back(succeeding_task(1));
  auto lazy = get_43();
  (void)lazy;
  return aio::run(int_ex());
}

// The same producer awaited on the spot by the program's own coroutine: a plain
// function would do.
aio::task<int> answer() { co_return 42; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'answer' never suspends
// CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'answer' never suspends
aio::task<int> uses_answer() { co_return co_await answer(); }

// alibaba/async_simple demo_example/CountChar.cpp (ReadFile): the body reads a file
// synchronously. Its fix is to await an asynchronous read (async-blocking-call's
// finding), not "make it a plain function".
aio::task<std::vector<std::string>> read_file(const std::string &filename) {
  std::vector<std::string> result;
  std::ifstream infile(filename);
  std::string line;
  while (std::getline(infile, line))
    result.push_back(line);
  co_return result;
}
// async_simple/coro/test/LazyTest.cpp (makeTest): sleeps to simulate slow work.
aio::task<> make_test(std::vector<int> &result, int value) {
  std::this_thread::sleep_for(1ms);
  result.push_back(value);
  co_return;
}

// The same work without I/O: nothing could have been awaited.
aio::task<int> count_line_char(const std::string &line, char c) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'count_line_char' never suspends
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: coroutine 'count_line_char' never suspends
  int n = 0;
  for (char ch : line)
    n += ch == c;
  co_return n;
}

aio::task<int> use_all() {
  std::vector<int> out;
  co_await make_test(out, 1);
  auto lines = co_await read_file("a.txt");
  co_return co_await uses_answer() + co_await count_line_char(lines.front(), 'a');
}

int main() { return test_handed_on() + aio::run(use_all()); }

// alibaba/async_simple benchmarks/SpinLock.bench.cpp: a coroutine lambda bound to a
// local whose tasks are queued for a gather (`input.emplace_back(writer().via(&e))`):
// the benchmark needs tasks, as with a named function handed on.
aio::task<> queues_lambda_tasks(int &value) {
  auto writer = [&]() -> aio::task<> {
    ++value;
    co_return;
  };
  std::vector<aio::task<>> input;
  for (int i = 0; i < 8; i++)
    input.push_back(writer());
  co_await aio::gather(std::move(input));
}

// Still flagged: the lambda's task is only ever awaited on the spot.
aio::task<int> awaits_lambda_on_the_spot() {
  auto twice = [](int x) -> aio::task<int> { co_return 2 * x; };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a coroutine lambda never suspends
  co_return co_await twice(21);
}
