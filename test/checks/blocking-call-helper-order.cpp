// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint_fast %s async-blocking-call %t-fast
// Whether a blocking call behind helpers is found must not depend on the order
// in which coroutines are visited (issue 15): 'parse_header' is first reached
// at the depth limit (HelperDepth 3) from 'reload_all', where the sleep is one
// call too deep, then directly from 'reload_one', where it is in reach.
// Each helper's distance to its nearest blocking call is summarised once
// (checks/model/HelperReach): the message names the nearest one.

#include <aio/aio.hpp>

#include <chrono>
#include <thread>
#include <unistd.h>

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

// Mutual recursion: summarised once, the cycle ends by itself.
void pong(int n);
void ping(int n) {
  if (n > 0)
    pong(n - 1);
}
void pong(int n) {
  if (n > 0)
    ping(n - 1);
  wait_for_disk();
}

aio::task<> bounce() {
  ping(2); // ping > pong > wait_for_disk: three calls, in reach
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'ping' in coroutine 'bounce' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'ping' in coroutine 'bounce' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'; {{.*}} [async-blocking-call]
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// A cycle that blocks nowhere: nothing to report, and the search ends.
void odd(int n);
void even(int n) {
  if (n > 0)
    odd(n - 1);
}
void odd(int n) {
  if (n > 0)
    even(n - 1);
}

aio::task<> count_down() {
  even(10);
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// Two blocking calls behind one helper: the nearer one is named, whatever the
// order of the calls that lead to them.
void save_slowly() { wait_for_disk(); }
void save_now() { usleep(10); }
void save() {
  save_slowly();
  save_now();
}

aio::task<> checkpoint() {
  save();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'save' in coroutine 'checkpoint' blocks the event loop: it reaches blocking 'usleep'; {{.*}} [async-blocking-call]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'save' in coroutine 'checkpoint' blocks the event loop: it reaches blocking 'usleep'; {{.*}} [async-blocking-call]
  co_await aio::sleep(std::chrono::milliseconds(1));
}
