// task_group through aio::with: structured children, exception_group, max_concurrency.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

aio::task<int> value_after(int v, std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  co_return v;
}

aio::task<> fail_after(std::chrono::milliseconds d, std::string what) {
  co_await aio::sleep(d);
  throw std::runtime_error(what);
}

// Fails while being cancelled: a second error that the group must also collect.
aio::task<> fail_on_cancel(std::string what) {
  bool cancelled = false;
  try {
    co_await aio::sleep(std::chrono::hours(1));
  } catch (const aio::cancelled_error&) {
    cancelled = true;
  }
  if (cancelled) throw std::runtime_error(what);
}

}  // namespace

AIO_TEST(TaskGroup, NoChildOutlivesTheGroup) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> a, b;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    a = tg.create_task(value_after(1, 10ms));
    b = tg.create_task(value_after(2, 20ms));
    co_return;
  });
  EXPECT_TRUE(a.done());
  EXPECT_TRUE(b.done());
  EXPECT_EQ(a.result() + b.result(), 3);
}

AIO_TEST(TaskGroup, FailuresComeOutAsAnExceptionGroupAndCancelTheRest) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> slow;
  bool body_cancelled = false;
  std::exception_ptr caught;
  try {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
      slow = tg.create_task(value_after(1, 1h));
      tg.create_task(fail_after(1ms, "first"));
      tg.create_task(fail_on_cancel("second"));
      try {
        co_await aio::sleep(1h);  // the group cancels the body too
      } catch (const aio::cancelled_error&) {
        body_cancelled = true;
        throw;
      }
    });
  } catch (const aio::exception_group&) {
    caught = std::current_exception();
  }
  AIO_ASSERT_TRUE(caught);
  try {
    std::rethrow_exception(caught);
  } catch (const aio::exception_group& group) {
    EXPECT_EQ(group.exceptions().size(), 2u);
    EXPECT_TRUE(group.contains<std::runtime_error>());
    auto [match, rest] = group.split<std::runtime_error>();
    AIO_ASSERT_TRUE(match);
    EXPECT_EQ(match->exceptions().size(), 2u);
    EXPECT_FALSE(rest);
    EXPECT_FALSE(group.subgroup<std::logic_error>());
  }
  EXPECT_TRUE(body_cancelled);
  EXPECT_TRUE(slow.cancelled());
  // The group's own cancel of this task was undone: it can keep awaiting.
  co_await aio::sleep(1ms);
  EXPECT_EQ(aio::current_task().cancelling(), 0);
}

AIO_TEST(TaskGroup, BodyFailureCancelsChildrenAndJoinsTheGroup) {
  aio::testing::virtual_time clock;
  aio::join_handle<int> child;
  try {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
      child = tg.create_task(value_after(1, 1h));
      co_await aio::sleep(1ms);
      throw std::logic_error("body");
    });
    ADD_FAILURE() << "expected an exception_group";
  } catch (const aio::exception_group& group) {
    AIO_ASSERT_EQ(group.exceptions().size(), 1u);
    EXPECT_TRUE(group.contains<std::logic_error>());
  }
  EXPECT_TRUE(child.cancelled());
}

AIO_TEST(TaskGroup, CancellingTheOwnerCancelsChildren) {
  aio::testing::virtual_time clock;
  std::vector<aio::join_handle<int>> children;
  auto owner = aio::create_task([](std::vector<aio::join_handle<int>>& out) -> aio::task<> {
    co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
      out.push_back(tg.create_task(value_after(1, 1h)));
      out.push_back(tg.create_task(value_after(2, 1h)));
      co_return;
    });
  }(children));
  co_await aio::sleep(1ms);
  owner.cancel();
  EXPECT_THROW(co_await owner, aio::cancelled_error);
  AIO_ASSERT_EQ(children.size(), 2u);
  for (auto& c : children) EXPECT_TRUE(c.cancelled());
}

AIO_TEST(TaskGroup, MaxConcurrencyBoundsRunningChildren) {
  aio::testing::virtual_time clock;
  int running = 0;
  int peak = 0;
  int completed = 0;
  auto child = [&](std::chrono::milliseconds d) -> aio::task<> {
    ++running;
    peak = std::max(peak, running);
    co_await aio::sleep(d);
    --running;
    ++completed;
  };
  co_await aio::with(aio::task_group{aio::max_concurrency{3}}, [&](aio::task_group& tg) -> aio::task<> {
    for (int i = 0; i < 20; ++i) tg.create_task(child(std::chrono::milliseconds(1 + i % 4)));
    EXPECT_LE(tg.running(), 3u);
    EXPECT_EQ(tg.size(), 20u);
    co_return;
  });
  EXPECT_EQ(completed, 20);
  EXPECT_EQ(peak, 3);
}

AIO_TEST(TaskGroup, CreateTaskAfterExitIsRefused) {
  aio::task_group* escaped = nullptr;
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    escaped = &tg;
    co_return;
  });
  (void)escaped;  // the group object died with the with() frame; a fresh one shows the rules:
  aio::task_group unentered;
  EXPECT_THROW(unentered.create_task(value_after(1, 0ms)), aio::runtime_error);
}

AIO_TEST(TaskGroup, BodyValueIsReturned) {
  int v = co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<int> {
    auto h = tg.create_task(value_after(21, 0ms));
    co_return 2 * co_await h;
  });
  EXPECT_EQ(v, 42);
}

namespace {
// A minimal async context manager: aio::with is generic over aenter/aexit.
struct recording_manager {
  std::vector<std::string>& log;
  bool suppress = false;
  aio::task<int> aenter() {
    log.push_back("enter");
    co_return 7;
  }
  aio::task<bool> aexit(std::exception_ptr e) {
    log.push_back(e ? "exit with error" : "exit");
    co_return suppress;
  }
};
}  // namespace

AIO_TEST(With, GenericContextManagerEntersAndExits) {
  std::vector<std::string> log;
  recording_manager cm{log};
  int seen = co_await aio::with(cm, [&](int v) -> aio::task<int> { co_return v + 1; });
  EXPECT_EQ(seen, 8);
  EXPECT_THROW(co_await aio::with(cm, [&](int) -> aio::task<> { throw std::runtime_error("x"); co_return; }),
               std::runtime_error);
  cm.suppress = true;
  co_await aio::with(cm, [&](int) -> aio::task<> { throw std::runtime_error("x"); co_return; });
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "exit", "enter", "exit with error", "enter", "exit with error"}));
}

AIO_TEST(TaskGroup, QueuedChildrenOfAFailedGroupNeverRun) {
  aio::testing::virtual_time clock;
  int started = 0;
  auto counted = [&](std::chrono::milliseconds d) -> aio::task<> {
    ++started;
    co_await aio::sleep(d);
  };
  std::vector<aio::join_handle<>> queued;
  EXPECT_THROW(co_await aio::with(aio::task_group{aio::max_concurrency{1}}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(fail_after(1ms, "boom"));
    queued.push_back(tg.create_task(counted(1ms)));
    queued.push_back(tg.create_task(counted(1ms)));
    co_return;
  }), aio::exception_group);
  EXPECT_EQ(started, 0);
  for (auto& h : queued) EXPECT_TRUE(h.cancelled());
}
