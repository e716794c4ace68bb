// Every way to define a coroutine: templates, methods in and out of class,
// namespaces, trailing return types, operators, macros left unexpanded.
// RUN: not %corolint --fast --checks=-*,async-blocking-call %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

template <typename T>
auto templated() -> aio::task<T> {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'templated'
  co_return T{};
}

namespace outer::inner {
struct Service {
  aio::task<void> inline_method() {
    sleep(1);
    // CHECK: :[[@LINE-1]]:5: warning: blocking call to 'sleep' in coroutine 'inline_method'
    co_await aio::sleep(1s);
  }
  aio::task<void> out_of_line() const;
  aio::task<void> operator()() {
    usleep(1);
    // CHECK: :[[@LINE-1]]:5: warning: blocking call to 'usleep' in coroutine 'operator()'
    co_return;
  }
};
} // namespace outer::inner

aio::task<void> outer::inner::Service::out_of_line() const {
  std::this_thread::sleep_for(1s);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'out_of_line'
  co_return;
}

template <typename T>
struct Box {
  aio::task<T> get();
};

template <typename T>
aio::task<T> Box<T>::get() {
  nanosleep(&req, nullptr);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'nanosleep' in coroutine 'get'
  co_return value;
}

static auto trailing(int n) -> aio::task<int> {
  sleep(n);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'trailing'
  co_return n;
}

#define CO_CHECK(expr) if (!(expr)) co_return
#define NAP sleep(1)

// A coroutine only through a macro of this file is still a coroutine.
aio::task<void> with_macros() {
  CO_CHECK(ready());
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'with_macros'
  NAP; // not seen: the fast engine does not expand macros
}

AIO_TEST(Sleep, InsideATestMacro) {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'AIO_TEST'
  co_await aio::sleep(1s);
}

// Leave alone: declarations only, and a default member function.
aio::task<void> declared_only();
unsigned sleep(unsigned seconds);
struct Defaulted {
  Defaulted() = default;
};
