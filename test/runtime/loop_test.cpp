// event_loop: callbacks, timers, thread-safe wake-up, exception handler, lifecycle, misuse.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <future>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;

namespace {
std::vector<aio::exception_context> captured;
void capture(aio::event_loop&, const aio::exception_context& c) { captured.push_back(c); }
}  // namespace

AIO_TEST(Loop, CallSoonRunsInOrderAndCanBeCancelled) {
  auto& loop = aio::get_running_loop();
  std::string order;
  loop.call_soon([&] { order += 'a'; });
  auto skipped = loop.call_soon([&] { order += 'x'; });
  loop.call_soon([&] { order += 'b'; });
  skipped.cancel();
  EXPECT_TRUE(skipped.cancelled());
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  EXPECT_EQ(order, "ab");
}

AIO_TEST(Loop, CallLaterAndCallAtFireInDeadlineOrder) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  std::string order;
  loop.call_later(20ms, [&] { order += 'c'; });
  loop.call_at(loop.time() + 10ms, [&] { order += 'b'; });
  auto cancelled = loop.call_later(15ms, [&] { order += 'x'; });
  loop.call_later(5ms, [&] { order += 'a'; });
  EXPECT_EQ(cancelled.when(), loop.time() + 15ms);
  cancelled.cancel();
  co_await aio::sleep(30ms);
  EXPECT_EQ(order, "abc");
}

// On the virtual clock equal deadlines are common; they fire in the order they were armed, as
// the wall clock (whose deadlines grow with each call) would order them. Was 1, 3, 2.
AIO_TEST(Loop, EqualDeadlinesFireInTheOrderTheyWereArmed) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  std::string order;
  const auto when = loop.time() + 10ms;
  for (char c : std::string("abcdefghij")) loop.call_at(when, [&order, c] { order += c; });
  std::string woken;
  auto sleeper = [&woken](char c) -> aio::task<> {
    co_await aio::sleep(500ms);
    woken += c;
  };
  co_await aio::gather(sleeper('1'), sleeper('2'), sleeper('3'), sleeper('4'), sleeper('5'));
  EXPECT_EQ(order, "abcdefghij");
  EXPECT_EQ(woken, "12345");
}

AIO_TEST(Loop, CallSoonThreadsafeWakesABlockedLoop) {
  auto& loop = aio::get_running_loop();
  auto sleeper = aio::create_task(aio::detail::as_task(aio::sleep(1h)));
  std::thread other([&loop, &sleeper] { loop.call_soon_threadsafe([&sleeper] { sleeper.cancel(); }); });
  EXPECT_THROW(co_await sleeper, aio::cancelled_error);
  other.join();
}

AIO_TEST(Loop, ManyThreadsafeCallsAllArrive) {
  auto& loop = aio::get_running_loop();
  int arrived = 0;
  auto waiter = aio::create_task(aio::detail::as_task(aio::sleep(1h)));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i)
        loop.call_soon_threadsafe([&] {
          if (++arrived == 1000) waiter.cancel();
        });
    });
  EXPECT_THROW(co_await waiter, aio::cancelled_error);
  for (auto& t : threads) t.join();
  EXPECT_EQ(arrived, 1000);
}

AIO_TEST(Loop, CallbackExceptionGoesToTheHandler) {
  captured.clear();
  auto& loop = aio::get_running_loop();
  loop.set_exception_handler(capture);
  loop.call_soon([] { throw std::runtime_error("from callback"); });
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  AIO_ASSERT_EQ(captured.size(), 1u);
  EXPECT_EQ(captured[0].kind, aio::report_kind::exception_in_callback);
  EXPECT_THROW(std::rethrow_exception(captured[0].exception), std::runtime_error);
  loop.set_exception_handler(nullptr);
}

AIO_TEST(Loop, NestedRunThrows) {
  auto nested = []() -> aio::task<int> { co_return 1; };
  EXPECT_THROW(aio::run(nested()), aio::runtime_error);
  aio::event_loop second;
  EXPECT_THROW(second.run_until_complete(nested()), aio::runtime_error);
  co_return;
}

TEST(Loop, ExplicitLoopLifecycle) {
  aio::event_loop loop;
  EXPECT_FALSE(loop.is_running());
  auto main = []() -> aio::task<int> {
    EXPECT_TRUE(aio::get_running_loop().is_running());
    co_await aio::sleep(1ms);
    co_return 5;
  };
  EXPECT_EQ(loop.run_until_complete(main()), 5);
  EXPECT_EQ(loop.run_until_complete(main()), 5);  // a loop can run again until closed
  loop.close();
  EXPECT_TRUE(loop.is_closed());
  EXPECT_THROW(loop.run_until_complete(main()), aio::runtime_error);
}

TEST(Loop, RunForeverUntilStop) {
  aio::event_loop loop;
  int ticks = 0;
  std::function<void()> tick = [&] {
    if (++ticks == 3) loop.stop(); else loop.call_soon(tick);
  };
  loop.call_soon(tick);
  loop.run_forever();
  EXPECT_EQ(ticks, 3);
}

TEST(Loop, PendingTasksAreReportedAtClose) {
  captured.clear();
  aio::event_loop loop;
  loop.set_exception_handler(capture);
  auto main = []() -> aio::task<> {
    auto h = aio::create_task(aio::detail::as_task(aio::sleep(1h)), "left-behind");
    co_return;
  };
  loop.run_until_complete(main());
  loop.close();
  ASSERT_EQ(captured.size(), 1u);
  EXPECT_EQ(captured[0].kind, aio::report_kind::pending_at_close);
  EXPECT_EQ(captured[0].task_name, "left-behind");
}

TEST(Loop, RunCancelsLeftoverTasks) {
  bool cancelled = false;
  auto main = [](bool& flag) -> aio::task<> {
    auto h = aio::create_task([](bool& f) -> aio::task<> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error&) {
        f = true;
        throw;
      }
    }(flag));
    co_await aio::sleep(0s);
  };
  aio::run(main(cancelled));
  EXPECT_TRUE(cancelled);
}

TEST(Loop, AwaitingATaskOfAnotherThreadsLoopThrows) {
  std::promise<aio::join_handle<int>*> published;
  std::promise<void> checked;
  aio::event_loop* other_loop = nullptr;
  std::thread other([&] {
    aio::run([](std::promise<aio::join_handle<int>*>& out, std::promise<void>& done,
                aio::event_loop*& loop_out) -> aio::task<> {
      loop_out = &aio::get_running_loop();
      auto h = aio::create_task([]() -> aio::task<int> {
        co_await aio::sleep(1h);
        co_return 1;
      }());
      out.set_value(&h);
      // Wait (off the loop's thread) until the main thread has tried; then finish.
      auto gate = done.get_future().share();
      while (gate.wait_for(0s) != std::future_status::ready) co_await aio::sleep(1ms);
      h.cancel();
      try {
        co_await h;
      } catch (const aio::cancelled_error&) {
      }
    }(published, checked, other_loop));
  });
  aio::join_handle<int>* foreign = published.get_future().get();
  std::string message;
  aio::run([](aio::join_handle<int>& h, std::string& msg) -> aio::task<> {
    try {
      co_await h;
    } catch (const aio::runtime_error& e) {
      msg = e.what();
    }
  }(*foreign, message));
  checked.set_value();
  other.join();
  EXPECT_NE(message.find("attached to a different loop"), std::string::npos);
}

TEST(Run, ExceptionFromMainPropagates) {
  auto main = []() -> aio::task<> {
    co_await aio::sleep(0s);
    throw std::out_of_range("main");
  };
  EXPECT_THROW(aio::run(main()), std::out_of_range);
}

// asyncio.run runs the loop again while shutting down, so a done callback queued as main ends
// still runs (aio::detach's error handler is one). It used to be dropped with the loop.
TEST(Run, DoneCallbacksQueuedAsMainEndsStillRun) {
  static bool called = false;
  auto quick = []() -> aio::task<int> { co_return 7; };
  auto main = [quick]() -> aio::task<> {
    auto h = aio::create_task(quick());
    h.add_done_callback([] { called = true; });
    co_await h;  // resumes at once; the callback is queued with call_soon
  };
  aio::run(main());
  EXPECT_TRUE(called);
}

TEST(Run, OptionsReachTheLoop) {
  auto main = []() -> aio::task<bool> { co_return aio::get_running_loop().get_debug(); };
  EXPECT_TRUE(aio::run(main(), {.backend = aio::backend::epoll, .debug = true}));
}
