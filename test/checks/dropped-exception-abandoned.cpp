// RUN: %check_corolint_plugin %s async-dropped-exception %t
// RUN: %check_corolint %s async-dropped-exception %t-cli
// Handles that escape the simple shapes: kept in a container and abandoned on
// a rethrow path (redpanda df399415ba), or a local handle left only there.

#include <aio/aio.hpp>

#include <chrono>
#include <exception>
#include <vector>

aio::task<int> upload(int n) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return n; }
aio::task<int> lookup() { co_return 1; }
void log_warn(const char *) {}

namespace bad {
aio::task<std::vector<int>> schedule(int n) {
  std::vector<aio::join_handle<int>> all;
  all.emplace_back(aio::create_task(upload(n)));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: task handles from 'aio::create_task' collected in 'all' are abandoned on some path
  try {
    int extra = co_await lookup();
    all.emplace_back(aio::create_task(upload(extra)));
  } catch (...) {
    log_warn("lookup failed");
    throw;
  }
  std::vector<int> results;
  for (auto &h : all)
    results.push_back(co_await h);
  co_return results;
}

aio::task<int> single(int n) {
  auto h = aio::create_task(upload(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'h' from 'aio::create_task' is not awaited or inspected on every path
  try {
    co_await lookup();
  } catch (...) {
    log_warn("lookup failed");
    throw;
  }
  co_return co_await h;
}

// The handler also runs when lookup() fails, before 'h' is awaited.
aio::task<int> awaited_second(int n) {
  auto h = aio::create_task(upload(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task handle 'h' from 'aio::create_task' is not awaited or inspected on every path
  try {
    co_await lookup();
    co_return co_await h;
  } catch (...) {
    log_warn("lookup or upload failed");
    throw;
  }
}
} // namespace bad

namespace fixed {
aio::task<std::vector<int>> schedule(int n) {
  std::vector<aio::join_handle<int>> all;
  all.emplace_back(aio::create_task(upload(n)));
  std::exception_ptr ep;
  try {
    int extra = co_await lookup();
    all.emplace_back(aio::create_task(upload(extra)));
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    auto outcomes = co_await aio::gather(aio::return_exceptions, std::move(all));
    for (auto &o : outcomes)
      if (!o.has_value())
        log_warn("upload failed");
    std::rethrow_exception(ep);
  }
  std::vector<int> results;
  for (auto &h : all)
    results.push_back(co_await h);
  co_return results;
}

// A throw that its own try block handles leaves nothing behind.
aio::task<int> single(int n) {
  auto h = aio::create_task(upload(n));
  try {
    if (n < 0)
      throw std::exception();
  } catch (...) {
    log_warn("negative");
  }
  co_return co_await h;
}

// The handler runs on the task's own outcome: the task is finished
// (the shape of the guide's cancellation example).
aio::task<> cancel_and_confirm() {
  auto task = aio::create_task(upload(1));
  task.cancel();
  try {
    co_await task;
  } catch (const aio::cancelled_error &) {
    if (!task.cancelled())
      throw;
  }
}
} // namespace fixed
