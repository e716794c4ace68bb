// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint %s async-blocking-call %t-cli
// RUN: %check_corolint_fast %s async-blocking-call %t-fast
//
// NVIDIA/stdexec test/stdexec/types/test_task.cpp: awaiting a sender whose
// operation's start() sleeps. The blocking call is reached through the
// awaiter's implicit await_suspend; the message names what the coroutine
// awaits, never the protocol call nobody wrote ('await_suspend'). The fast
// engine has no awaiter types: it sees the named helper only.

#include <aio/aio.hpp>

#include <chrono>
#include <coroutine>
#include <thread>

struct slow_start_sender {
  bool complete_inline = true;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const {
    if (!complete_inline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    h.resume();
  }
  void await_resume() const noexcept {}
};

aio::task<> await_stopped_sender(bool complete_inline) {
  co_await slow_start_sender{complete_inline};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'slow_start_sender' in coroutine 'await_stopped_sender' blocks the event loop: its awaiter reaches blocking 'std::this_thread::sleep_for'; move it off the loop with 'co_await aio::to_thread(...)' [async-blocking-call]
}

// A helper called by name keeps its name.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

aio::task<> calls_a_helper() {
  settle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'settle' in coroutine 'calls_a_helper' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'settle' in coroutine 'calls_a_helper' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'
  co_await aio::sleep(std::chrono::milliseconds(1));
}
