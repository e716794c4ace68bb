// The sleep family of the BlockingFunctions table, in every spelling a
// coroutine may use; the same calls in plain functions are left alone.
// RUN: not %corolint --fast --checks=-*,async-blocking-call %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <chrono>
#include <thread>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;

aio::task<void> qualified() {
  std::this_thread::sleep_for(10ms);
  // CHECK: blocking-call-sleep-family.cpp:[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'qualified' stalls every task on the event loop; use 'co_await aio::sleep(...)' instead [async-blocking-call]
  // The snippet as clang draws it: line number, source line, caret.
  // CHECK-NEXT: {{^}} {{ *}}[[@LINE-3]] |   std::this_thread::sleep_for(10ms);{{$}}
  // CHECK-NEXT: {{^}} {{ *}}|   ^{{$}}
  ::std::this_thread::sleep_until(deadline);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in coroutine 'qualified' stalls every task on the event loop; use 'co_await {{.*}}' instead [async-blocking-call]
  std::this_thread::sleep_for<long, std::milli>(10ms);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'qualified'
  co_await aio::sleep(10ms);
}

aio::task<void> posix() {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'posix' stalls every task on the event loop; use 'co_await aio::sleep(...)' instead [async-blocking-call]
  ::usleep(1000);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in coroutine 'posix'
  if (int rc = nanosleep(&req, nullptr); rc != 0)
  // CHECK: :[[@LINE-1]]:16: warning: blocking call to 'nanosleep' in coroutine 'posix'
    co_return;
  for (int i = 0; i < 3; ++i) (sleep)(i);
  // CHECK: :[[@LINE-1]]:31: warning: blocking call to 'sleep' in coroutine 'posix'
}

// co_yield and co_return alone make a coroutine too.
aio::generator<int> yields() {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'yields'
  co_yield 1;
}

aio::task<int> returns_only() {
  usleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in coroutine 'returns_only'
  co_return 42;
}

// Leave alone: no co_await, co_yield or co_return in the body.
void plain_function() {
  std::this_thread::sleep_for(10ms);
  sleep(1);
  usleep(1);
}

aio::task<void> returns_a_task_without_being_a_coroutine() {
  sleep(1);
  return aio::sleep(1ms);
}

// Leave alone: not a call to a function of the table.
aio::task<void> lookalikes() {
  aio::sleep_for(10ms);
  my::sleep(1);
  sleep_for(10ms); // no using-declaration or using-directive brings it in
  this_thread::sleep_for(10ms);
  auto f = &sleep;
  co_await aio::sleep(10ms);
}
