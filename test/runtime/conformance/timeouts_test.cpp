// CPython Lib/test/test_asyncio/test_timeouts.py (class TimeoutTests), translated case by case
// onto the timeout scope: `async with asyncio.timeout(d) as cm` is
// `co_await aio::with(aio::timeout(d), [&](aio::timeout_scope& cm) -> aio::task<> {...})`.
// Where Python reads `cm` after the block, the scope is a named variable (aio::with then
// borrows it) since a temporary scope ends with the block. All timing runs on the virtual clock;
// Python's blocking time.sleep(x) ("the loop is busy") is virtual_time::advance(x).
// `finally:` blocks that await become code after a catch(...) that records the exception and
// rethrows it afterwards (C++ has no co_await in a handler).
//
// Skipped (no C++ meaning):
// - test_repr_active, test_repr_expired, test_repr_finished, test_repr_disabled: repr().
// - test_timeout_exception_cause: C++ exceptions have no __cause__ chain.
// - test_timeout_exception_context, test_timeout_taskgroup: they assert __context__ chains.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <optional>
#include <string>

using namespace std::chrono_literals;

namespace {

// assertRaisesRegex(RuntimeError, text) for a plain call.
template <class F>
bool raises_runtime_error_with(F fn, const char* text) {
  try {
    fn();
  } catch (const aio::runtime_error& e) {
    return std::string(e.what()).find(text) != std::string::npos;
  }
  return false;
}

}  // namespace

// test_timeout_basic
AIO_TEST(TimeoutsConformance, TimeoutBasic) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout(10ms);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10s); }),
               aio::timeout_error);
  EXPECT_TRUE(cm.expired());
}

// test_timeout_at_basic
AIO_TEST(TimeoutsConformance, TimeoutAtBasic) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto deadline = loop.time() + 10ms;
  aio::timeout_scope cm = aio::timeout_at(deadline);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10s); }),
               aio::timeout_error);
  EXPECT_TRUE(cm.expired());
  EXPECT_EQ(cm.when(), deadline);
}

// test_nested_timeouts
AIO_TEST(TimeoutsConformance, NestedTimeouts) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  bool cancelled = false;
  const auto deadline = loop.time() + 10ms;
  aio::timeout_scope cm1 = aio::timeout_at(deadline);
  aio::timeout_scope cm2 = aio::timeout_at(deadline);
  EXPECT_THROW(co_await aio::with(cm1,
                                  [&](aio::timeout_scope&) -> aio::task<> {
                                    // Only the topmost context manager should raise TimeoutError
                                    try {
                                      co_await aio::with(cm2, [](aio::timeout_scope&) -> aio::task<> {
                                        co_await aio::sleep(10s);
                                      });
                                    } catch (const aio::cancelled_error&) {
                                      cancelled = true;
                                      throw;
                                    }
                                  }),
               aio::timeout_error);
  EXPECT_TRUE(cancelled);
  EXPECT_TRUE(cm1.expired());
  EXPECT_TRUE(cm2.expired());
}

// test_waiter_cancelled
AIO_TEST(TimeoutsConformance, WaiterCancelled) {
  aio::testing::virtual_time clock;
  bool cancelled = false;
  EXPECT_THROW(co_await aio::with(aio::timeout(10ms),
                                  [&](aio::timeout_scope&) -> aio::task<> {
                                    try {
                                      co_await aio::sleep(10s);
                                    } catch (const aio::cancelled_error&) {
                                      cancelled = true;
                                      throw;
                                    }
                                  }),
               aio::timeout_error);
  EXPECT_TRUE(cancelled);
}

// test_timeout_not_called
AIO_TEST(TimeoutsConformance, TimeoutNotCalled) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  aio::timeout_scope cm = aio::timeout(10s);
  co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10ms); });
  const auto t1 = loop.time();
  EXPECT_FALSE(cm.expired());
  AIO_ASSERT_TRUE(cm.when().has_value());
  EXPECT_GT(*cm.when(), t1);
}

// test_timeout_disabled
AIO_TEST(TimeoutsConformance, TimeoutDisabled) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout(std::nullopt);
  co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10ms); });
  EXPECT_FALSE(cm.expired());
  EXPECT_FALSE(cm.when().has_value());
}

// test_timeout_at_disabled
AIO_TEST(TimeoutsConformance, TimeoutAtDisabled) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout_at(std::nullopt);
  co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10ms); });
  EXPECT_FALSE(cm.expired());
  EXPECT_FALSE(cm.when().has_value());
}

// test_timeout_zero
AIO_TEST(TimeoutsConformance, TimeoutZero) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  aio::timeout_scope cm = aio::timeout(0s);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(10s); }),
               aio::timeout_error);
  const auto t1 = loop.time();
  EXPECT_TRUE(cm.expired());
  AIO_ASSERT_TRUE(cm.when().has_value());
  EXPECT_TRUE(t0 <= *cm.when() && *cm.when() <= t1);
}

// test_timeout_zero_sleep_zero
AIO_TEST(TimeoutsConformance, TimeoutZeroSleepZero) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  aio::timeout_scope cm = aio::timeout(0s);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(0s); }),
               aio::timeout_error);
  const auto t1 = loop.time();
  EXPECT_TRUE(cm.expired());
  AIO_ASSERT_TRUE(cm.when().has_value());
  EXPECT_TRUE(t0 <= *cm.when() && *cm.when() <= t1);
}

// test_timeout_in_the_past_sleep_zero
AIO_TEST(TimeoutsConformance, TimeoutInThePastSleepZero) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  const auto t0 = loop.time();
  aio::timeout_scope cm = aio::timeout(-11s);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_await aio::sleep(0s); }),
               aio::timeout_error);
  const auto t1 = loop.time();
  EXPECT_TRUE(cm.expired());
  AIO_ASSERT_TRUE(cm.when().has_value());
  EXPECT_TRUE(t0 >= *cm.when() && *cm.when() <= t1);
}

// test_foreign_exception_passed
AIO_TEST(TimeoutsConformance, ForeignExceptionPassed) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout(10ms);
  EXPECT_THROW(co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> {
                 throw std::out_of_range("KeyError");
                 co_return;
               }),
               std::out_of_range);
  EXPECT_FALSE(cm.expired());
}

// test_foreign_exception_on_timeout
AIO_TEST(TimeoutsConformance, ForeignExceptionOnTimeout) {
  aio::testing::virtual_time clock;
  auto crash = []() -> aio::task<> {
    try {
      co_await aio::sleep(1s);
    } catch (...) {
    }
    throw std::domain_error("ZeroDivisionError");  // Python's `finally: 1/0`
  };
  EXPECT_THROW(co_await aio::with(aio::timeout(10ms), [&](aio::timeout_scope&) -> aio::task<> { co_await crash(); }),
               std::domain_error);
}

// test_foreign_cancel_doesnt_timeout_if_not_expired
AIO_TEST(TimeoutsConformance, ForeignCancelDoesntTimeoutIfNotExpired) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout(10s);
  EXPECT_THROW(co_await aio::with(cm,
                                  [](aio::timeout_scope&) -> aio::task<> {
                                    aio::current_task().cancel();
                                    co_await aio::sleep(10s);
                                  }),
               aio::cancelled_error);
  EXPECT_FALSE(cm.expired());
  aio::current_task().uncancel();  // the test's own task goes on (Python's runner ends here)
}

// test_outer_task_is_not_cancelled
AIO_TEST(TimeoutsConformance, OuterTaskIsNotCancelled) {
  aio::testing::virtual_time clock;
  auto outer = []() -> aio::task<> {
    EXPECT_THROW(co_await aio::with(aio::timeout(1ms), [](aio::timeout_scope&) -> aio::task<> {
                   co_await aio::sleep(10s);
                 }),
                 aio::timeout_error);
  };
  auto task = aio::create_task(outer());
  co_await task;
  EXPECT_FALSE(task.cancelled());
  EXPECT_TRUE(task.done());
}

// test_nested_timeouts_concurrent
AIO_TEST(TimeoutsConformance, NestedTimeoutsConcurrent) {
  aio::testing::virtual_time clock;
  EXPECT_THROW(co_await aio::with(aio::timeout(2ms),
                                  [&](aio::timeout_scope&) -> aio::task<> {
                                    // assertRaises(TimeoutError) lets other exceptions through
                                    try {
                                      co_await aio::with(aio::timeout(100ms), [&](aio::timeout_scope&) -> aio::task<> {
                                        clock.advance(10ms);  // Pretend we crunch some numbers.
                                        co_await aio::sleep(1s);
                                      });
                                      ADD_FAILURE() << "TimeoutError not raised";
                                    } catch (const aio::timeout_error&) {
                                    }
                                  }),
               aio::timeout_error);
}

// test_nested_timeouts_loop_busy
AIO_TEST(TimeoutsConformance, NestedTimeoutsLoopBusy) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  // After the inner timeout is an expensive operation which should be stopped by the outer timeout.
  const auto t0 = loop.time();
  EXPECT_THROW(co_await aio::with(aio::timeout(100ms),  // (1)
                                  [&](aio::timeout_scope&) -> aio::task<> {
                                    try {
                                      co_await aio::with(aio::timeout(10ms),  // (2)
                                                         [&](aio::timeout_scope&) -> aio::task<> {
                                                           clock.advance(100ms);  // Pretend the loop is busy.
                                                           co_await aio::sleep(1s);
                                                         });
                                      ADD_FAILURE() << "TimeoutError not raised";
                                    } catch (const aio::timeout_error&) {
                                    }
                                    co_await aio::sleep(10s);  // This sleep should be interrupted by (1)
                                  }),
               aio::timeout_error);
  const auto t1 = loop.time();
  EXPECT_TRUE(t0 <= t1 && t1 <= t0 + 1s);
}

// test_reschedule
AIO_TEST(TimeoutsConformance, Reschedule) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  auto fut = loop.create_future<aio::timeout_scope*>();
  const auto deadline1 = loop.time() + 10s;
  const auto deadline2 = deadline1 + 20s;
  aio::timeout_scope scope = aio::timeout_at(deadline1);  // outlives f(), as Python's cm does
  auto f = [&]() -> aio::task<> {
    co_await aio::with(scope, [&](aio::timeout_scope& cm) -> aio::task<> {
      fut.set_result(&cm);
      co_await aio::sleep(50s);
    });
  };
  auto task = aio::create_task(f());
  aio::timeout_scope* cm = co_await fut;
  EXPECT_EQ(cm->when(), deadline1);
  cm->reschedule(deadline2);
  EXPECT_EQ(cm->when(), deadline2);
  cm->reschedule(std::nullopt);
  EXPECT_FALSE(cm->when().has_value());
  task.cancel();
  EXPECT_THROW(co_await task, aio::cancelled_error);
  EXPECT_FALSE(cm->expired());
}

// test_nested_timeout_in_finally
AIO_TEST(TimeoutsConformance, NestedTimeoutInFinally) {
  aio::testing::virtual_time clock;
  EXPECT_THROW(co_await aio::with(aio::timeout(10ms),
                                  [](aio::timeout_scope&) -> aio::task<> {
                                    std::exception_ptr pending;
                                    try {
                                      co_await aio::sleep(1s);
                                    } catch (...) {
                                      pending = std::current_exception();
                                    }
                                    // finally:
                                    EXPECT_THROW(co_await aio::with(aio::timeout(10ms),
                                                                    [](aio::timeout_scope&) -> aio::task<> {
                                                                      co_await aio::sleep(10s);
                                                                    }),
                                                 aio::timeout_error);
                                    if (pending) std::rethrow_exception(pending);
                                  }),
               aio::timeout_error);
}

// test_timeout_after_cancellation
AIO_TEST(TimeoutsConformance, TimeoutAfterCancellation) {
  aio::testing::virtual_time clock;
  try {
    aio::current_task().cancel();
    co_await aio::sleep(1s);  // work which will be cancelled
  } catch (const aio::cancelled_error&) {
  }
  // finally:
  EXPECT_THROW(co_await aio::with(aio::timeout(0s), [](aio::timeout_scope&) -> aio::task<> {
                 co_await aio::sleep(1s);  // some cleanup
               }),
               aio::timeout_error);
}

// test_cancel_in_timeout_after_cancellation
AIO_TEST(TimeoutsConformance, CancelInTimeoutAfterCancellation) {
  aio::testing::virtual_time clock;
  try {
    aio::current_task().cancel();
    co_await aio::sleep(1s);  // work which will be cancelled
  } catch (const aio::cancelled_error&) {
  }
  // finally:
  EXPECT_THROW(co_await aio::with(aio::timeout(1s),
                                  [](aio::timeout_scope&) -> aio::task<> {
                                    aio::current_task().cancel();
                                    co_await aio::sleep(2s);  // some cleanup
                                  }),
               aio::cancelled_error);
  aio::current_task().uncancel();  // let the test's own task end normally
  aio::current_task().uncancel();
}

// test_timeout_already_entered
AIO_TEST(TimeoutsConformance, TimeoutAlreadyEntered) {
  aio::testing::virtual_time clock;
  co_await aio::with(aio::timeout(10ms), [](aio::timeout_scope& cm) -> aio::task<> {
    bool raised = false;
    try {
      co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_return; });
    } catch (const aio::runtime_error& e) {
      raised = std::string(e.what()).find("has already been entered") != std::string::npos;
    }
    EXPECT_TRUE(raised);
  });
}

// test_timeout_double_enter
AIO_TEST(TimeoutsConformance, TimeoutDoubleEnter) {
  aio::testing::virtual_time clock;
  aio::timeout_scope cm = aio::timeout(10ms);
  co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_return; });
  bool raised = false;
  try {
    co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_return; });
  } catch (const aio::runtime_error& e) {
    raised = std::string(e.what()).find("has already been entered") != std::string::npos;
  }
  EXPECT_TRUE(raised);
}

// test_timeout_finished
AIO_TEST(TimeoutsConformance, TimeoutFinished) {
  aio::testing::virtual_time clock;
  auto& loop = aio::get_running_loop();
  aio::timeout_scope cm = aio::timeout(10ms);
  co_await aio::with(cm, [](aio::timeout_scope&) -> aio::task<> { co_return; });
  EXPECT_TRUE(raises_runtime_error_with([&] { cm.reschedule(loop.time() + 20ms); }, "finished"));
}

// test_timeout_not_entered
AIO_TEST(TimeoutsConformance, TimeoutNotEntered) {
  auto& loop = aio::get_running_loop();
  aio::timeout_scope cm = aio::timeout(10ms);
  EXPECT_TRUE(raises_runtime_error_with([&] { cm.reschedule(loop.time() + 20ms); }, "has not been entered"));
  co_return;
}

// test_timeout_without_task (await_without_task: __aenter__ driven from a plain loop callback)
AIO_TEST(TimeoutsConformance, TimeoutWithoutTask) {
  auto& loop = aio::get_running_loop();
  aio::timeout_scope cm = aio::timeout(10ms);
  bool raised = false;
  loop.call_soon([&] { raised = raises_runtime_error_with([&] { cm.aenter().await_resume(); }, "task"); });
  co_await aio::sleep(0s);
  EXPECT_TRUE(raised);
  EXPECT_TRUE(raises_runtime_error_with([&] { cm.reschedule(loop.time() + 20ms); }, "has not been entered"));
}
