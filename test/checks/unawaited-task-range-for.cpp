// A project may list its lazy ranges (generators) in TaskTypes: calling one
// runs nothing until it is iterated. A range-for over such a call iterates it
// (the type has begin() and end(), else the loop would not compile), and a
// `for co_await` awaits each step: both run it. Messages never name the
// loop's implicit variables.
// RUN: %check_corolint_plugin %s async-unawaited-task %t -- --config="{CheckOptions: {async-unawaited-task.TaskTypes: '::aio::task;::gen::generator;::gen::stream'}}" -- -Wno-deprecated-coroutine
// RUN: %check_corolint %s async-unawaited-task %t-cli -- --config="{CheckOptions: {async-unawaited-task.TaskTypes: '::aio::task;::gen::generator;::gen::stream'}}" -- -Wno-deprecated-coroutine

#include <aio/aio.hpp>

#include <coroutine>
#include <exception>
#include <utility>

using namespace std::chrono_literals;

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
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  using Handle = std::coroutine_handle<promise_type>;
  struct sentinel {};
  struct iterator {
    Handle handle;
    iterator &operator++() {
      handle.resume();
      return *this;
    }
    T operator*() const { return handle.promise().current; }
    bool operator!=(sentinel) const { return !handle.done(); }
  };
  explicit generator(Handle h) : handle(h) {}
  generator(generator &&other) noexcept : handle(std::exchange(other.handle, {})) {}
  ~generator() {
    if (handle)
      handle.destroy();
  }
  iterator begin() {
    handle.resume();
    return {handle};
  }
  sentinel end() { return {}; }

private:
  Handle handle;
};

// An awaitable range for `for co_await`: begin() and ++ are awaited.
struct stream {
  struct iterator {
    int at;
    bool operator!=(const iterator &other) const { return at != other.at; }
    int operator*() const { return at; }
    aio::task<> operator++() {
      ++at;
      co_await aio::sleep(1ms);
    }
  };
  aio::task<iterator> begin() {
    co_await aio::sleep(1ms);
    co_return iterator{0};
  }
  iterator end() { return {3}; }
};
} // namespace gen

gen::generator<int> numbers(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
}
gen::stream ticks();

// ---- must flag ---------------------------------------------------------------

int made_and_dropped() {
  auto lazy = numbers(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'lazy' returned by 'numbers' is never awaited
  return 0;
}

// ---- must leave alone --------------------------------------------------------

int sum_numbers() {
  int total = 0;
  for (int n : numbers(4))
    total += n;
  return total;
}

int sum_kept() {
  auto source = numbers(4);
  int total = 0;
  for (int n : source)
    total += n;
  return total;
}

aio::task<int> sum_ticks() {
  int total = 0;
  for co_await (int tick : ticks())
    total += tick;
  co_return total;
}

int main() { return sum_numbers() + sum_kept() + made_and_dropped() > 0 ? 0 : 1; }
