// RUN: %check_corolint %s async-blocking-call %t
// RUN: %check_corolint_plugin %s async-blocking-call %t-plugin
// RUN: %check_corolint_fast %s async-blocking-call %t-fast

#include <aio/aio.hpp>

#include <chrono>
#include <ctime>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// ---- must flag ---------------------------------------------------------------

aio::task<int> fetch_data() {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'fetch_data' stalls every task on the event loop; use 'co_await aio::sleep(...)' instead [async-blocking-call]
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'fetch_data' stalls every task on the event loop; use 'co_await aio::sleep(...)' instead [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await aio::sleep(1s);{{$}}
  co_return 42;
}

aio::task<> chrono_argument() {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'chrono_argument'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'chrono_argument'
  // CHECK-FIXES: {{^}}  co_await aio::sleep(std::chrono::milliseconds(100));{{$}}
  co_await aio::sleep(0s);
}

// POSIX sleeps take plain integers: no fix-it, the message says what to use.
aio::task<> posix_sleeps() {
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleeps' stalls every task on the event loop; use 'co_await aio::sleep(...)' instead
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleeps'
  // CHECK-FIXES: {{^}}  sleep(1);{{$}}
  usleep(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in coroutine 'posix_sleeps'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'usleep' in coroutine 'posix_sleeps'
  timespec ts{0, 1000};
  nanosleep(&ts, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'nanosleep' in coroutine 'posix_sleeps'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'nanosleep' in coroutine 'posix_sleeps'
  ::sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleeps'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleeps'
  co_return;
}

// sleep_until takes a time point, not a duration: flagged, not rewritten.
aio::task<> until_deadline(std::chrono::steady_clock::time_point deadline) {
  std::this_thread::sleep_until(deadline);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in coroutine 'until_deadline'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_until' in coroutine 'until_deadline'
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_until(deadline);{{$}}
  co_return;
}

// A coroutine with only co_return is still a coroutine.
aio::task<int> only_co_return() {
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'only_co_return'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'only_co_return'
  // CHECK-FIXES: {{^}}  co_await aio::sleep(2s);{{$}}
  co_return 1;
}

aio::task<> lambda_coroutine() {
  auto worker = []() -> aio::task<> {
    std::this_thread::sleep_for(10ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine lambda stalls every task on the event loop
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine lambda stalls every task on the event loop
    // CHECK-FIXES: {{^}}    co_await aio::sleep(10ms);{{$}}
    co_return;
  };
  co_await worker();
}

struct Poller {
  aio::task<> poll_once();
  aio::task<> poll_inline() {
    if (ready)
      std::this_thread::sleep_for(5ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'poll_inline'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:7: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'poll_inline'
    // CHECK-FIXES: {{^}}      co_await aio::sleep(5ms);{{$}}
    co_return;
  }
  bool ready = false;
};

aio::task<> Poller::poll_once() {
  using namespace std::this_thread;
  sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'poll_once'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'poll_once'
  // CHECK-FIXES: {{^}}  co_await aio::sleep(1ms);{{$}}
  co_return;
}

template <typename T>
aio::task<T> generic(T value) {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'generic'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'generic'
  // CHECK-FIXES: {{^}}  co_await aio::sleep(1s);{{$}}
  co_return value;
}
template aio::task<int> generic(int);

// co_await is not allowed in a handler: flagged, never rewritten there.
aio::task<> in_handler() {
  try {
    co_await aio::sleep(1ms);
  } catch (...) {
    std::this_thread::sleep_for(1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'in_handler'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:5: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'in_handler'
    // CHECK-FIXES: {{^}}    std::this_thread::sleep_for(1s);{{$}}
  }
}

#define NAP() std::this_thread::sleep_for(1s)
aio::task<> through_macro() {
  NAP();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'through_macro'
  // CHECK-FIXES: {{^}}  NAP();{{$}}
  co_return;
}

// A constructor is a helper too: RAII whose opening blocks (the guide's sync context manager).
struct BlockingConnection {
  BlockingConnection() { std::this_thread::sleep_for(1ms); }
};
aio::task<> constructs_blocking_raii() {
  BlockingConnection connection;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: call to 'BlockingConnection' in coroutine 'constructs_blocking_raii' blocks the event loop: it reaches blocking 'std::this_thread::sleep_for'
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'std::this_thread::sleep_for' blocks here
  co_await aio::sleep(1ms);
}

// ---- must leave alone --------------------------------------------------------

struct CheapConnection {
  CheapConnection() : ready(true) {}
  bool ready;
};
aio::task<> constructs_cheap_raii() {
  CheapConnection connection;
  (void)connection;
  co_await aio::sleep(1ms);
}

void plain_function() { std::this_thread::sleep_for(1s); }

int plain_posix() { return static_cast<int>(sleep(1)); }

aio::task<> hands_work_to_a_thread() {
  std::thread worker([] { std::this_thread::sleep_for(1s); });
  worker.detach();
  co_return;
}

aio::task<> plain_lambda_inside() {
  auto later = [] { std::this_thread::sleep_for(1s); };
  (void)later;
  co_await aio::sleep(1s);
}

struct Robot {
  void sleep(int) {}
};
namespace mylib {
inline void sleep(int) {}
} // namespace mylib

aio::task<> same_names_elsewhere(Robot &robot, Robot *other) {
  robot.sleep(1);
  other->sleep(2);
  mylib::sleep(3);
  co_return;
}

aio::task<> awaits_properly() {
  co_await aio::sleep(1s);
  co_await aio::sleep(std::chrono::milliseconds(5));
}

aio::task<> unevaluated() {
  using Result = decltype(sleep(1));
  static_assert(sizeof(sleep(1)) == sizeof(unsigned));
  co_return;
}

aio::task<> local_class() {
  struct Helper {
    static void nap() { std::this_thread::sleep_for(1ms); }
  };
  (void)&Helper::nap;
  co_return;
}

// Text that mentions sleep_for is not a call.
aio::task<> mentions() {
  const char *text = "std::this_thread::sleep_for(1s)";
  (void)text;
  co_return;
}
