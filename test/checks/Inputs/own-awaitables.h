// The project's own awaitables named like blocking-table entries, declared in
// a header as real projects do (the fast engine does not read it).
#pragma once
#include <chrono>
#include <coroutine>

namespace app {
template <typename T> struct future {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T{}; }
  template <typename F> future then(F) { return *this; }
  future operator||(future) const { return *this; }
};
future<int> sleep(std::chrono::milliseconds) { return {}; }
future<int> sleep_abortable(std::chrono::milliseconds, int &) { return {}; }
future<int> connect(int) { return {}; }
future<int> with_cancellation(int, future<int> f) { return f; }
future<int> wait_for_event() { return {}; }

} // namespace app
