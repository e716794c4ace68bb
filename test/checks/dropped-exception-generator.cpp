// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint_fast %s async-dropped-exception %t-fast

// In a synchronous generator (it yields, never awaits) co_yield hands a value to the
// consumer: what a handler around it catches was thrown by code that ran synchronously,
// not by an awaited operation. Ported from lewissbaker/cppcoro
// test/recursive_generator_tests.cpp (a generic lambda that yields a nested generator
// of itself, which throws at some depth), beside an asynchronous generator whose empty
// handler loses the failure of an await, still reported.

#include <aio/aio.hpp>

#include <coroutine>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>

namespace gen {
// A minimal synchronous generator: lazy, runs as it is iterated.
template <typename T> class generator {
public:
  struct promise_type {
    T current{};
    generator get_return_object() { return generator{Handle::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T value) {
      current = value;
      return {};
    }
    std::suspend_always yield_value(generator &&) { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  using Handle = std::coroutine_handle<promise_type>;
  explicit generator(Handle h) : handle(h) {}
  generator(generator &&other) noexcept : handle(std::exchange(other.handle, {})) {}
  ~generator() {
    if (handle)
      handle.destroy();
  }

private:
  Handle handle;
};
} // namespace gen

struct SomeException : std::exception {};

void exceptionPropagatesFromNestedCall() {
  auto f = [](std::uint32_t depth, auto &&f) -> gen::generator<std::uint32_t> {
    if (depth == 1u) {
      throw SomeException{};
    }

    co_yield 1;

    try {
      co_yield f(1, f);
    } catch (SomeException) {
    }

    co_yield 2;
  };
  auto g = f(0, f);
  (void)g;
}

// The bad shape: an asynchronous generator that swallows the failure of a fetch.
aio::task<std::string> fetch(int id) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return std::to_string(id);
}
aio::async_generator<std::string> pages(int count) {
  for (int id = 0; id < count; ++id) {
    try {
      co_yield co_await fetch(id);
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught around a suspension point in coroutine 'pages' is swallowed
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: a failure of this operation is lost
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:7: warning: exception caught around a suspension point in coroutine 'pages' is swallowed
    }
  }
}
