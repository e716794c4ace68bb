// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint %s async-blocking-call %t-cli
// The fast engine sees calls written by name: member calls (f.get(), t.join()),
// constructions (std::ifstream) and `std::filesystem::*` need types (docs/checks/blocking-call.md).
// RUN: %check_corolint_fast %s async-blocking-call %t-fast

// The rest of the blocking table: waits, I/O, loop runners, helpers.

#include <aio/aio.hpp>

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <latch>
#include <mutex>
#include <semaphore>
#include <sstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

std::mutex state_mutex;
std::condition_variable state_changed;
bool ready = false;

// ---- must flag ---------------------------------------------------------------

// concurrencpp#61: future.get() inside a coroutine parks the pool thread that
// should produce the value.
aio::task<int> waits_for_future(std::future<int> result) {
  int value = result.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'std::future::get' in coroutine 'waits_for_future' stalls every task on the event loop; move it off the loop with 'co_await aio::to_thread(...)'
  co_return value;
}

aio::task<> joins_thread(std::thread &worker) {
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::thread::join' in coroutine 'joins_thread'
  co_return;
}

aio::task<> waits_on_condition() {
  std::unique_lock<std::mutex> lock(state_mutex);
  state_changed.wait(lock, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::condition_variable::wait' in coroutine 'waits_on_condition'
  co_return;
}

aio::task<> locks_by_hand() {
  state_mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::mutex::lock' in coroutine 'locks_by_hand'
  state_mutex.unlock();
  co_return;
}

aio::task<> acquires_semaphore(std::counting_semaphore<4> &slots, std::latch &done) {
  slots.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::counting_semaphore::acquire' in coroutine 'acquires_semaphore'
  done.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::latch::wait' in coroutine 'acquires_semaphore'
  co_return;
}

aio::task<std::string> reads_file_c_style(const char *path) {
  FILE *file = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'fopen' in coroutine 'reads_file_c_style'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:16: warning: blocking call to 'fopen' in coroutine 'reads_file_c_style'
  char line[128] = {};
  std::fgets(line, sizeof line, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'fgets' in coroutine 'reads_file_c_style'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'fgets' in coroutine 'reads_file_c_style'
  std::fclose(file);
  co_return std::string(line);
}

aio::task<std::string> reads_file_stream(std::string path) {
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: constructing 'std::basic_ifstream' in coroutine 'reads_file_stream' does blocking I/O that stalls every task on the event loop
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:17: warning: constructing 'std::basic_ifstream' in coroutine 'reads_file_stream' does blocking I/O that stalls every task on the event loop
  std::string line;
  std::getline(in, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::getline' in coroutine 'reads_file_stream'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::getline' in coroutine 'reads_file_stream'
  co_return line;
}

// A reference or a pointer to a stream opened elsewhere constructs nothing here.
aio::task<std::streamsize> reads_shared_stream(std::ifstream &shared) {
  std::ifstream &alias = shared;
  std::ifstream *same = &shared;
  co_await aio::sleep(1ms);
  co_return alias.gcount() + same->gcount();
}

aio::task<std::string> reads_terminal() {
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::getline' in coroutine 'reads_terminal'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::getline' in coroutine 'reads_terminal'
  co_return line;
}

aio::task<bool> checks_disk(std::filesystem::path path) {
  co_return std::filesystem::exists(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'std::filesystem::exists' in coroutine 'checks_disk'
}

aio::task<int> runs_shell() {
  co_return std::system("ls");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'system' in coroutine 'runs_shell'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: blocking call to 'system' in coroutine 'runs_shell'
}

// Running a loop inside a coroutine is async-nested-run's finding (test/checks/nested-run.cpp).
aio::task<int> inner() { co_return 1; }
aio::task<int> runs_nested_loop() {
  co_return aio::run(inner());
}

// Followed through plain helpers defined in this file.
std::string load_config(const char *path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}
std::string load_defaults() { return load_config("/etc/app.conf"); }
void nap() { std::this_thread::sleep_for(10ms); }

aio::task<> uses_helpers() {
  auto config = load_config("app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'load_config' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::basic_ifstream'; move it off the loop with 'co_await aio::to_thread(...)'
  // CHECK-MESSAGES: :[[@LINE-11]]:17: note: 'std::basic_ifstream' blocks here
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:17: warning: call to 'load_config' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::basic_ifstream'; move it off the loop with 'co_await aio::to_thread(...)'
  auto defaults = load_defaults();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'load_defaults' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::basic_ifstream'
  // CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'std::basic_ifstream' blocks here
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:19: warning: call to 'load_defaults' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::basic_ifstream'
  nap();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'nap' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'
  // CHECK-MESSAGES: :[[@LINE-13]]:14: note: 'std::this_thread::sleep_for' blocks here
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: call to 'nap' in coroutine 'uses_helpers' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'
  co_return;
}

// A helper is reported with the first blocking operation it reaches in source
// order, a construction or a call, by both engines.
std::string read_then_log(const char *path) {
  std::string text;
  std::getline(std::cin, text);
  std::ofstream log(path);
  return text;
}
aio::task<> uses_helper_that_reads_first() {
  auto text = read_then_log("read.log");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'read_then_log' in coroutine 'uses_helper_that_reads_first' blocks the event loop: it reaches blocking 'std::getline'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:15: warning: call to 'read_then_log' in coroutine 'uses_helper_that_reads_first' blocks the event loop: it reaches blocking 'std::getline'
  co_return;
}

// An awaitable with a blocking get(), like folly::SemiFuture: await it instead.
struct Deferred {
  int get() { return 1; }
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 1; }
};
aio::task<int> gets_awaitable(Deferred deferred) {
  int value = deferred.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'Deferred::get'
  // CHECK-FIXES: {{^}}  int value = co_await deferred;{{$}}
  co_return value + deferred.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'Deferred::get'
  // CHECK-FIXES: {{^}}  co_return value + (co_await deferred);{{$}}
}

// ---- must leave alone --------------------------------------------------------

void plain_waits(std::future<int> &result, std::thread &worker) {
  result.get();
  worker.join();
  state_mutex.lock();
  state_mutex.unlock();
}

aio::task<> tries_lock() {
  if (state_mutex.try_lock())
    state_mutex.unlock();
  co_return;
}

aio::task<std::string> parses_in_memory(std::string text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  co_return line;
}

aio::task<std::string> path_arithmetic(std::filesystem::path dir) {
  auto file = dir / "config.toml";
  co_return file.filename().string() + file.extension().string();
}

// Building, joining, comparing and hashing paths is string handling: no I/O.
// Only the operations that touch the file system block (issue 16).
aio::task<std::string> path_from_strings(std::string root, std::string name) {
  std::filesystem::path dir(root);
  std::filesystem::path file = std::filesystem::path{root} / name;
  file.replace_extension(".bak");
  bool inside = file.parent_path() == dir && file != dir;
  std::size_t key = std::filesystem::hash_value(file);
  auto wanted = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
  if (!inside)
    throw std::filesystem::filesystem_error("outside", file, std::make_error_code(std::errc::invalid_argument));
  co_await aio::sleep(1ms);
  if (std::filesystem::status(file).permissions() == wanted)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::filesystem::status' in coroutine 'path_from_strings'
    co_return file.lexically_normal().string() + std::to_string(key);
  co_return dir.string();
}

aio::task<> offloads_blocking_work() {
  co_await aio::sleep(1ms);
  std::thread reader([] {
    std::ifstream in("big.log");
    std::string line;
    std::getline(in, line);
  });
  reader.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::thread::join' in coroutine 'offloads_blocking_work'
}

// A helper that only hands blocking work to a thread does not block.
void start_background_reader() {
  std::thread([] { std::this_thread::sleep_for(1s); }).detach();
}
aio::task<> calls_offloading_helper() {
  start_background_reader();
  co_return;
}

int pure_helper(int x) { return x * 2; }
aio::task<int> calls_pure_helper() { co_return pure_helper(21); }

// Recursion does not loop the analysis.
int countdown(int n) { return n == 0 ? 0 : countdown(n - 1); }
aio::task<int> calls_recursive_helper() { co_return countdown(3); }

// Deeper than HelperDepth (3) is not followed.
void level4() { std::this_thread::sleep_for(1ms); }
void level3() { level4(); }
void level2() { level3(); }
void level1() { level2(); }
aio::task<> deep_chain() {
  level1();
  co_return;
}

aio::task<> aio_primitives() {
  co_await aio::sleep(1ms);
  auto handle = aio::create_task(inner());
  co_await handle;
}

// aio::run outside any coroutine is the program's entry point.
int main() { return aio::run(inner()) == 1 ? 0 : 1; }

