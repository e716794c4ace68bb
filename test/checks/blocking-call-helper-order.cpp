// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint_fast %s async-blocking-call %t-fast
// Whether a blocking call behind helpers is found must not depend on the order
// in which coroutines are visited (issue 15): 'parse_header' is first reached
// at the depth limit (HelperDepth 3) from 'reload_all', where the sleep is one
// call too deep, then directly from 'reload_one', where it is in reach.

#include <aio/aio.hpp>

#include <chrono>
#include <thread>

void wait_for_disk() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }
void parse_header() { wait_for_disk(); }
void parse_file() { parse_header(); }
void parse_all() { parse_file(); }

aio::task<> reload_all() {
  parse_all(); // four calls down to the sleep: beyond HelperDepth
  co_await aio::sleep(std::chrono::milliseconds(1));
}

aio::task<> reload_one() {
  parse_header();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'parse_header' in coroutine 'reload_one' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'parse_header' in coroutine 'reload_one' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// Reached from a recursive helper: the depth ends the recursion, not a mark.
void retry_open(int n) {
  if (n > 0)
    retry_open(n - 1);
  wait_for_disk();
}

aio::task<> reopen() {
  retry_open(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'retry_open' in coroutine 'reopen' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'retry_open' in coroutine 'reopen' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  co_await aio::sleep(std::chrono::milliseconds(1));
}
