// RUN: %check_corolint_plugin %s async-sequential-await %t
// RUN: %check_corolint_fast %s async-sequential-await %t-fast

// A loop that awaits a coroutine which never suspends (no co_await, no co_yield):
// each await runs the callee's body to its end at once, so no waits add up and a
// gather would overlap nothing. Ported from alibaba/async_simple
// demo_example/CountChar.cpp (CPU-only counting in Lazy coroutines), beside the same
// loop over a coroutine that does suspend, still reported.

#include <aio/aio.hpp>

#include <algorithm>
#include <string>
#include <vector>

using Texts = std::vector<std::string>;

aio::task<int> CountLineChar(const std::string &line, char c) {
  auto ret = std::count(line.begin(), line.end(), c);
  co_return static_cast<int>(ret);
}

aio::task<int> CountTextChar(const Texts &Content, char c) {
  int Result = 0;
  for (const auto &line : Content)
    Result += co_await CountLineChar(line, c);
  co_return Result;
}

// A template that never suspends, called with its arguments deduced.
template <typename Range>
aio::task<std::size_t> count_items(const Range &range) {
  co_return static_cast<std::size_t>(std::distance(range.begin(), range.end()));
}

aio::task<std::size_t> count_all(const std::vector<Texts> &groups) {
  std::size_t total = 0;
  for (const auto &group : groups)
    total += co_await count_items(group);
  co_return total;
}

// The bad shape: the callee waits for I/O, and the waits add up.
aio::task<Texts> ReadFile(const std::string &filename) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return Texts{filename};
}

aio::task<int> CountFilesChar(const std::vector<std::string> &Files, char c) {
  int Result = 0;
  for (const auto &File : Files) {
    Texts Content = co_await ReadFile(File);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: loop awaits 'ReadFile' once per element of 'Files'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:21: warning: loop awaits 'ReadFile' once per element of 'Files'
    Result += static_cast<int>(Content.size());
  }
  co_return Result;
}
