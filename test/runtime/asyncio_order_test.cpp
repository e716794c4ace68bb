// Regression tests for issue 18: where aio differed from asyncio (results, cancellation, the
// order in which woken tasks run). Ordering cases run with debug mode off and on: the order
// must be asyncio's in both.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

using log_t = std::vector<std::string>;

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

// Runs `body` on a fresh loop with debug off, then on another with debug on.
template <class Body>
void in_both_modes(Body body) {
  for (bool debug : {false, true}) {
    SCOPED_TRACE(debug ? "debug on" : "debug off");
    aio::run_options options;
    options.debug = debug;
    aio::run(body(), options);
  }
}

aio::task<std::string> text_after(std::string s, std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  co_return s;
}

}  // namespace

AIO_TEST(AsyncioOrder, WaitForOnAHandleLeavesTheResultForOthers) {
  aio::testing::virtual_time clock;
  auto h = aio::create_task(text_after("kept", 10ms));
  EXPECT_EQ(co_await aio::wait_for(h, 1s), "kept");
  EXPECT_EQ(h.result(), "kept");
  EXPECT_EQ(co_await aio::timeout(1s, h), "kept");
  EXPECT_EQ(co_await h, "kept");
  EXPECT_EQ(co_await aio::wait_for(h, std::nullopt), "kept");
  EXPECT_EQ(h.result(), "kept");
}

AIO_TEST(AsyncioOrder, TaskThatCancelsItselfAndReturnsEndsCancelled) {
  auto h = spawn([]() -> aio::task<int> {
    aio::current_task().cancel("myself");
    co_return 5;
  });
  try {
    co_await h;
    ADD_FAILURE() << "expected cancelled_error";
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "myself");
  }
  EXPECT_TRUE(h.cancelled());
  EXPECT_THROW(h.result(), aio::cancelled_error);
}

// bpo-34872: a cancellation pending when a task awaits another task goes into that task.
AIO_TEST(AsyncioOrder, PendingCancellationPassesIntoTheAwaitedTask) {
  aio::testing::virtual_time clock;
  aio::join_handle<std::string> inner;
  bool inner_saw_cancel = false;
  auto outer = spawn([&]() -> aio::task<> {
    inner = spawn([&]() -> aio::task<std::string> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error&) {
        inner_saw_cancel = true;
        throw;
      }
      co_return "late";
    });
    aio::current_task().cancel();
    co_await inner;
  });
  EXPECT_THROW(co_await outer, aio::cancelled_error);
  EXPECT_FALSE(inner_saw_cancel);  // cancelled before its first step: its body never ran (asyncio too)
  EXPECT_TRUE(inner.cancelled());
  EXPECT_TRUE(outer.cancelled());
}

AIO_TEST(AsyncioOrder, PendingCancellationSwallowedByTheAwaitedTaskGivesItsValue) {
  auto outer = spawn([]() -> aio::task<std::string> {
    auto inner = aio::create_task([]() -> aio::task<std::string> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error&) {
      }
      co_return "swallowed";
    }());
    co_await aio::sleep(0s);  // let inner start
    aio::current_task().cancel();
    co_return co_await inner;
  });
  EXPECT_EQ(co_await outer, "swallowed");
  EXPECT_FALSE(outer.cancelled());
}

AIO_TEST(AsyncioOrder, WaitForZeroNeverStartsALazyTask) {
  bool started = false;
  auto body = [&]() -> aio::task<int> {
    started = true;
    co_return 1;
  };
  EXPECT_THROW(co_await aio::wait_for(body(), 0s), aio::timeout_error);
  EXPECT_THROW(co_await aio::wait_for(body(), -1s), aio::timeout_error);
  EXPECT_FALSE(started);
}

AIO_TEST(AsyncioOrder, WaitForZeroCancelsAScheduledTaskBeforeItStarts) {
  bool started = false;
  auto h = spawn([&]() -> aio::task<int> {
    started = true;
    co_return 1;
  });
  EXPECT_THROW(co_await aio::wait_for(h, 0s), aio::timeout_error);
  EXPECT_FALSE(started);
  EXPECT_TRUE(h.cancelled());
}

AIO_TEST(AsyncioOrder, WaitForZeroOnADoneTaskGivesItsValue) {
  auto h = aio::create_task(text_after("done", 0ms));
  co_await h;
  EXPECT_EQ(co_await aio::wait_for(h, 0s), "done");
}

AIO_TEST(AsyncioOrder, WaitForNulloptHasNoDeadline) {
  aio::testing::virtual_time clock;
  const auto start = clock.now();
  EXPECT_EQ(co_await aio::wait_for(text_after("slow", 3600s), std::nullopt), "slow");
  EXPECT_EQ(clock.now() - start, 3600s);
  EXPECT_EQ(co_await aio::timeout(std::nullopt, text_after("also", 10s)), "also");
}

AIO_TEST(AsyncioOrder, CancelMessageReachesTheTaskAndItsAwaiters) {
  aio::testing::virtual_time clock;
  std::string inside;
  auto h = spawn([&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error& e) {
      inside = e.what();
      throw;
    }
  });
  co_await aio::sleep(0s);
  EXPECT_TRUE(h.cancel("stop now"));
  try {
    co_await h;
    ADD_FAILURE() << "expected cancelled_error";
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "stop now");
  }
  EXPECT_EQ(inside, "stop now");
  try {
    h.result();
  } catch (const aio::cancelled_error& e) {
    EXPECT_STREQ(e.what(), "stop now");
  }
}

// A task woken by a finished task is queued behind what is already ready (asyncio: call_soon).
TEST(AsyncioOrder, AwaiterOfAFinishedTaskRunsBehindReadyTasks) {
  in_both_modes([]() -> aio::task<> {
    log_t log;
    aio::join_handle<> child;
    auto waiter = spawn([&]() -> aio::task<> {
      co_await child;
      log.push_back("waiter");
    });
    child = spawn([&]() -> aio::task<> {
      log.push_back("child");
      co_return;
    });
    auto other = spawn([&]() -> aio::task<> {
      log.push_back("o1");
      co_await aio::sleep(0s);
      log.push_back("o2");
    });
    co_await waiter;
    co_await other;
    EXPECT_EQ(log, (log_t{"child", "o1", "waiter", "o2"}));
  });
}

// An awaited lazy task still runs inline, as `await coro()` does.
TEST(AsyncioOrder, AwaitedLazyTaskRunsInline) {
  in_both_modes([]() -> aio::task<> {
    log_t log;
    auto other = spawn([&]() -> aio::task<> {
      log.push_back("other");
      co_return;
    });
    co_await [&]() -> aio::task<> {
      log.push_back("inline");
      co_return;
    }();
    log.push_back("after");
    co_await other;
    EXPECT_EQ(log, (log_t{"inline", "after", "other"}));
  });
}

// After notify(2) and a release, both notified waiters take the free lock in one iteration.
TEST(AsyncioOrder, ConditionNotifiedWaitersRunInTheSameIteration) {
  in_both_modes([]() -> aio::task<> {
    log_t log;
    aio::mutex m;
    aio::condition_variable cv;
    auto waiter = [&](std::string name) -> aio::task<> {
      auto g = co_await m.lock();
      co_await cv.wait(g);
      log.push_back(name);
    };
    auto a = aio::create_task(waiter("a"));
    auto b = aio::create_task(waiter("b"));
    co_await aio::sleep(0s);
    {
      auto g = co_await m.lock();
      cv.notify(2);
    }
    co_await aio::sleep(0s);
    log.push_back("main");
    co_await a;
    co_await b;
    EXPECT_EQ(log, (log_t{"a", "b", "main"}));
  });
}

AIO_TEST(AsyncioOrder, ConditionWaitWithPredicateGivesItsLastValue) {
  aio::mutex m;
  aio::condition_variable cv;
  int count = 0;
  auto bump = spawn([&]() -> aio::task<> {
    for (int i = 0; i < 3; ++i) {
      auto g = co_await m.lock();
      ++count;
      cv.notify_all();
    }
  });
  auto g = co_await m.lock();
  int last = co_await cv.wait(g, [&] { return count >= 3 ? count * 10 : 0; });
  EXPECT_EQ(last, 30);
  EXPECT_TRUE(g.owns_lock());
  g.unlock();
  co_await bump;
}

AIO_TEST(AsyncioOrder, ConditionWaitWithoutTheLockIsARuntimeError) {
  aio::mutex m;
  aio::condition_variable cv;
  aio::mutex::guard none;
  EXPECT_THROW(co_await cv.wait(none), aio::runtime_error);
  EXPECT_THROW(co_await cv.wait(none, [] { return false; }), aio::runtime_error);
  EXPECT_EQ(co_await cv.wait(none, [] { return 7; }), 7);  // true at once: no waiting, no lock needed
  auto g = co_await m.lock();
  g.unlock();
  EXPECT_THROW(co_await cv.wait(g, [] { return false; }), aio::runtime_error);
}

// Semaphore: permits that come back while a woken waiter has not run go behind it (FIFO).
TEST(AsyncioOrder, SemaphoreReleaseAndReacquireDoesNotJumpAWokenWaiter) {
  in_both_modes([]() -> aio::task<> {
    log_t log;
    aio::semaphore sem(2);
    auto p1 = co_await sem.acquire();
    auto p2 = co_await sem.acquire();
    auto w = spawn([&]() -> aio::task<> {
      auto p = co_await sem.acquire();
      log.push_back("w");
    });
    co_await aio::sleep(0s);
    p1.release();  // woken: w holds this permit but has not run
    EXPECT_TRUE(sem.locked());
    p2.release();
    EXPECT_TRUE(sem.locked());  // asyncio: locked() while a woken waiter has not run
    auto again = co_await sem.acquire();
    log.push_back("main");
    co_await w;
    EXPECT_EQ(log, (log_t{"w", "main"}));
  });
}

AIO_TEST(AsyncioOrder, SemaphoreCancelledWokenWaiterPassesItsPermitOn) {
  aio::semaphore sem(1);
  auto held = co_await sem.acquire();
  auto a = spawn([&]() -> aio::task<> { auto p = co_await sem.acquire(); });
  bool b_ran = false;
  auto b = spawn([&]() -> aio::task<> {
    auto p = co_await sem.acquire();
    b_ran = true;
  });
  co_await aio::sleep(0s);
  held.release();  // a is woken
  a.cancel();      // before it runs
  EXPECT_THROW(co_await a, aio::cancelled_error);
  co_await b;
  EXPECT_TRUE(b_ran);
  EXPECT_FALSE(sem.locked());
}

// wait(first_completed) wakes its caller through a callback, as asyncio does: a task that
// finishes one iteration after the first is done as well when the caller resumes.
TEST(AsyncioOrder, WaitFirstCompletedSeesWhatFinishedMeanwhile) {
  in_both_modes([]() -> aio::task<> {
    auto t1 = spawn([]() -> aio::task<int> { co_return 1; });
    auto t2 = spawn([]() -> aio::task<int> {
      co_await aio::sleep(0s);
      co_return 2;
    });
    auto t3 = spawn([]() -> aio::task<int> {
      co_await aio::sleep(0s);
      co_await aio::sleep(0s);
      co_await aio::sleep(0s);
      co_return 3;
    });
    auto [done, pending] = co_await aio::wait(std::vector{t1, t2, t3}, aio::return_when::first_completed);
    EXPECT_EQ(done.size(), 2u);
    EXPECT_EQ(pending.size(), 1u);
    co_await t3;
  });
}

// asyncio's _run_once runs due timers as callbacks at the end of this iteration's ready queue;
// a timer that completes a sleep wakes its task in the next iteration, at the timer's place.
// Python (a, b sleep 10ms; then loop.call_later(0.01, cb), cb logs and call_soon's 'soon'):
// ['cb', 'A', 'B', 'soon']. aio used to resume the sleepers in the timers' own iteration
// (A, B, cb, soon).
TEST(AsyncioOrder, TimerWokenSleepResumesInTheNextIteration) {
  in_both_modes([]() -> aio::task<> {
    aio::testing::virtual_time clock;
    log_t log;
    auto& loop = aio::get_running_loop();
    auto a = spawn([&]() -> aio::task<> {
      co_await aio::sleep(10ms);
      log.push_back("A");
    });
    auto b = spawn([&]() -> aio::task<> {
      co_await aio::sleep(10ms);
      log.push_back("B");
    });
    co_await aio::sleep(0ms);  // a and b arm their timers first
    loop.call_later(10ms, [&] {
      log.push_back("cb");
      loop.call_soon([&] { log.push_back("soon"); });
    });
    co_await a;
    co_await b;
    co_await aio::sleep(0ms);
    EXPECT_EQ(log, (log_t{"cb", "A", "B", "soon"}));
  });
}
