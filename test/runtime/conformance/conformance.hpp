// What the translations of CPython's Lib/test/test_asyncio share. Python's
// `await asyncio.sleep(0)` is `co_await aio::sleep(0s)`: one turn of the loop.
#pragma once

#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <vector>

namespace conformance {

using namespace std::chrono_literals;
using results = std::vector<int>;

// One loop turn, as asyncio.sleep(0).
inline auto yield() { return aio::sleep(std::chrono::seconds(0)); }

// Elapsed virtual time since `start`, in milliseconds (tests compare against Python's loop.time()).
inline long long ms_since(aio::clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(aio::get_running_loop().time() - start).count();
}

// Runs a lambda coroutine as a task; the closure lives in the wrapper's frame (a temporary
// closure would be gone before the task first resumes).
template <class F>
auto owned(F f) -> decltype(f()) {
  co_return co_await f();
}
template <class F>
auto spawn(F f) {
  return aio::create_task(owned(std::move(f)));
}

}  // namespace conformance
