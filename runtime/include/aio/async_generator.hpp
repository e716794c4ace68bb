// aio::async_generator<T> (an async generator: `async def` with `yield`): a coroutine that may
// both co_await and co_yield. It is lazy; each `co_await gen.next()` runs it, inside the
// awaiting task, up to its next co_yield:
//
//   aio::async_generator<int> ticks(int n) {
//     for (int i = 0; i < n; ++i) { co_await aio::sleep(1s); co_yield i; }
//   }
//   auto gen = ticks(3);
//   while (auto v = co_await gen.next()) use(*v);        // async for
//   std::vector<int> all = co_await aio::to_vector(ticks(3));  // [x async for x in ...]
//
// Destroying a generator that has not finished (the consumer stopped early) destroys its frame
// at the co_yield where it waits, so its locals' destructors (RAII cleanup) run. An exception
// in the generator comes out of the next() that ran it; after that next() gives nullopt.
// Cancelling the consumer is delivered where the generator awaits.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>
#include <vector>

#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

namespace aio {

template <class T>
class async_generator;

namespace detail {

// co_yield and the end both hand control back to whoever resumed the generator.
struct return_to_consumer {
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> h) noexcept {
    std::coroutine_handle<> consumer = std::exchange(h.promise().continuation, {});
    return consumer ? consumer : std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

template <class T>
struct generator_promise : promise_base {
  std::optional<T> current;

  explicit generator_promise(std::source_location where = std::source_location::current()) noexcept
      : promise_base(where) {}
  async_generator<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() const noexcept { return {}; }
  return_to_consumer final_suspend() const noexcept { return {}; }
  template <class U = T>
    requires std::is_constructible_v<T, U&&>
  return_to_consumer yield_value(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    current.emplace(std::forward<U>(value));
    return {};
  }
  void return_void() const noexcept {}
};

}  // namespace detail

template <class T>
class [[nodiscard]] async_generator {
  static_assert(!std::is_reference_v<T>, "async_generator<T> yields values");

 public:
  using promise_type = detail::generator_promise<T>;
  using value_type = T;
  using handle_type = std::coroutine_handle<promise_type>;

  async_generator() noexcept = default;
  explicit async_generator(handle_type h) noexcept : handle_(h) {}
  async_generator(async_generator&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  async_generator& operator=(async_generator&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  async_generator(const async_generator&) = delete;
  async_generator& operator=(const async_generator&) = delete;
  ~async_generator() { destroy(); }

  // True once the generator has returned or thrown (next() then gives nullopt).
  bool done() const noexcept { return !handle_ || handle_.done(); }

  class [[nodiscard]] next_awaiter {
   public:
    explicit next_awaiter(handle_type h) noexcept : handle_(h) {}

    bool await_ready() const {
      if (handle_ && !handle_.done() && handle_.promise().continuation)
        throw runtime_error("aio::async_generator::next(): the generator is already running");
      return !handle_ || handle_.done();
    }
    template <class CallerPromise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<CallerPromise> caller) noexcept {
      promise_type& p = handle_.promise();
      if constexpr (std::is_base_of_v<detail::promise_base, CallerPromise>) {
        caller_ = &caller.promise();
        caller_->awaiting_child = &p;  // for dump_tasks
      }
      p.current.reset();
      p.continuation = caller;
      return handle_;
    }
    std::optional<T> await_resume() {
      if (caller_) caller_->awaiting_child = nullptr;
      if (!handle_) return std::nullopt;
      promise_type& p = handle_.promise();
      if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
      if (handle_.done()) return std::nullopt;
      std::optional<T> value = std::move(p.current);
      p.current.reset();
      return value;
    }

   private:
    handle_type handle_;
    detail::promise_base* caller_ = nullptr;
  };

  // Runs the generator to its next co_yield: the yielded value, or nullopt at the end.
  next_awaiter next() noexcept { return next_awaiter(handle_); }

 private:
  void destroy() noexcept {
    if (handle_) std::exchange(handle_, {}).destroy();
  }
  handle_type handle_{};
};

template <class T>
async_generator<T> detail::generator_promise<T>::get_return_object() noexcept {
  return async_generator<T>{std::coroutine_handle<generator_promise<T>>::from_promise(*this)};
}

namespace detail {
template <class T>
task<std::vector<T>> collect(async_generator<T>& gen) {
  std::vector<T> items;
  while (auto item = co_await gen.next()) items.push_back(std::move(*item));
  co_return items;
}
template <class T>
task<std::vector<T>> collect_owned(async_generator<T> gen) {
  co_return co_await collect(gen);
}
}  // namespace detail

// The async comprehension `[x async for x in gen]`: every remaining item, in order.
template <class T>
task<std::vector<T>> to_vector(async_generator<T>& gen) {
  return detail::collect(gen);
}
template <class T>
task<std::vector<T>> to_vector(async_generator<T>&& gen) {
  return detail::collect_owned(std::move(gen));
}

}  // namespace aio
