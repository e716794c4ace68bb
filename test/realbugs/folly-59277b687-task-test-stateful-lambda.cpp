// facebook/folly@59277b687 folly/experimental/coro/test/TaskTest.cpp
// Story: TaskTest.FutureRoundtrip stored `task = [&]() -> Task<void> {...}();` and ran it later
// with blockingWait: the coroutine referenced the destroyed temporary lambda's captures (ASAN).
// Fix: stateless lambdas, invoked inside the blockingWait full-expression.
#include <aio/aio.hpp>

#include <stdexcept>

namespace bad {
void FutureRoundtrip() {
  auto task = []() -> aio::task<void> { co_return; }();
  auto inner = std::move(task);
  task = [&]() -> aio::task<void> { // BUG: async-dangling-reference
    co_await std::move(inner);
  }();
  aio::run(std::move(task));
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
void FutureRoundtrip() {
  aio::run([]() -> aio::task<void> {
    co_await []() -> aio::task<void> { co_return; }();
  }());
}
} // namespace fixed
