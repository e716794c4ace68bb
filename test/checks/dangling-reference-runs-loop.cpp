// RUN: %check_corolint_plugin %s async-dangling-reference %t
// RUN: %check_corolint %s async-dangling-reference %t-cli
//
// danvratil/qcoro tests/qcorotask.cpp: `ignoreCoroutineResult(el, [&el]() -> Task<> {
// co_await timer(); el.quit(); })` takes the lambda by forwarding reference, calls it,
// then runs the event loop until the coroutine quits it. The lambda, a temporary of
// the caller's statement, outlives the loop run, so its captures are alive whenever
// the coroutine resumes (issue 16). A helper that only starts the coroutine and
// returns leaves it suspended with captures that die at the caller's ';'.

#include <aio/aio.hpp>

#include <chrono>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

template <typename Coro> void ignore_coroutine_result(aio::event_loop &loop, Coro &&coro) {
  auto started = coro();
  loop.run_until_complete(std::move(started)); // the loop runs until the coroutine is done
}

std::vector<aio::task<>> pending;
template <typename Coro> void start_only(aio::event_loop &, Coro &&coro) {
  pending.push_back(coro()); // run later, after the caller's statement
}

void runs_the_loop(aio::event_loop &loop) {
  int hits = 0;
  ignore_coroutine_result(loop, [&hits]() -> aio::task<> {
    co_await aio::sleep(1ms);
    ++hits;
  });
}

void returns_while_suspended(aio::event_loop &loop) {
  int hits = 0;
  start_only(loop, [&hits]() -> aio::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: coroutine lambda handed to 'start_only' uses its captures after a suspension point
    co_await aio::sleep(1ms);
    ++hits;
  });
}
