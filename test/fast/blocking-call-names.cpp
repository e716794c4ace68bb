// A callee is matched by the name it is written with, through what the file
// itself says about names: using-declarations and -directives, namespace
// aliases, and declarations that hide the C functions.
// RUN: not %corolint --fast --checks=-*,async-blocking-call %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

namespace tt = std::this_thread;

aio::task<void> through_a_using_directive() {
  using namespace std;
  this_thread::sleep_for(1s);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'through_a_using_directive'
  co_return;
}

aio::task<void> through_a_using_declaration() {
  using std::this_thread::sleep_until;
  sleep_until(deadline);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in coroutine 'through_a_using_declaration'
  co_return;
}

aio::task<void> through_an_alias() {
  tt::sleep_for(1s);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'through_an_alias'
  co_return;
}

namespace app {
aio::task<void> in_a_namespace() {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'in_a_namespace'
  co_return;
}
} // namespace app

// Leave alone: member calls and members named sleep.
struct Clock {
  void sleep(int ms);
  aio::task<void> tick() {
    sleep(1); // Clock::sleep
    this->sleep(1);
    co_return;
  }
  aio::task<void> tock();
};

aio::task<void> Clock::tock() {
  sleep(1); // Clock::sleep, defined out of line
  co_return;
}

aio::task<void> member_calls(Clock &clock, Clock *other) {
  clock.sleep(1);
  other->sleep(1);
  co_return;
}

// Leave alone: a namespace, an unnamed namespace, a parameter or a local
// declares its own sleep.
namespace mine {
void sleep(int seconds);
aio::task<void> uses_its_own() {
  sleep(1);
  co_return;
}
} // namespace mine

namespace {
void usleep(long micros);
}

aio::task<void> parameters_and_locals(int nanosleep) {
  nanosleep += 1;
  nanosleep(1);
  usleep(1);
  auto sleep = [](int) {};
  sleep(1);
  co_return;
}

// Leave alone: comments, strings and unevaluated operands.
aio::task<void> not_calls() {
  // std::this_thread::sleep_for(1s);
  /* sleep(1); */
  const char *text = "sleep(1); usleep(1)";
  using Result = decltype(sleep(1));
  static_assert(sizeof(usleep(1)) == sizeof(int));
  co_return;
}
