// aio::context (contextvars.Context) and create_task(t, name, ctx): a task given a context runs
// in that context itself (asyncio's Task(context=ctx)), not in a copy of its creator's.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::context_var<int> level{"level"};

aio::task<> set_level_after_a_turn(int value) {
  co_await aio::sleep(0s);
  level.set(value);
}

aio::task<int> level_after_a_turn() {
  co_await aio::sleep(0s);
  co_return level.get(-1);
}

int level_in(aio::context& ctx) {
  return ctx.run([] { return level.get(-1); });
}

}  // namespace

AIO_TEST(Context, ATaskGivenAContextSetsValuesInIt) {
  auto mine = level.set(1);
  aio::context ctx = aio::copy_context();
  level.set(2);  // after the copy: not in ctx
  EXPECT_EQ(level_in(ctx), 1);
  co_await aio::create_task(set_level_after_a_turn(10), "setter", ctx);
  EXPECT_EQ(level_in(ctx), 10);  // the task's set() landed in ctx
  EXPECT_EQ(level.get(), 2);     // and not in the creator's context
  level.reset(mine);
}

AIO_TEST(Context, ATaskGivenAContextStartsFromItsValuesNotTheCreators) {
  aio::context ctx;  // empty, as contextvars.Context()
  ctx.run([] { level.set(5); });
  level.set(7);
  EXPECT_EQ(co_await aio::create_task(level_after_a_turn(), "", ctx), 5);
  EXPECT_EQ(co_await aio::create_task(level_after_a_turn()), 7);
}

AIO_TEST(Context, TasksSharingAContextSeeEachOthersValues) {
  aio::context ctx = aio::copy_context();
  auto setter = aio::create_task(set_level_after_a_turn(3), "setter", ctx);
  auto reader = aio::create_task(
      []() -> aio::task<int> {
        co_await aio::sleep(0s);
        co_await aio::sleep(0s);  // the setter has run its second step by now
        co_return level.get(-1);
      }(),
      "reader", ctx);
  co_await setter;
  EXPECT_EQ(co_await reader, 3);
}

AIO_TEST(Context, ChildrenOfATaskInAContextGetACopy) {
  aio::context ctx = aio::copy_context();
  co_await aio::create_task(
      []() -> aio::task<> {
        level.set(1);
        // A child created without a context copies ctx: its set() stays its own.
        co_await aio::create_task(set_level_after_a_turn(99));
        EXPECT_EQ(level.get(), 1);
      }(),
      "parent", ctx);
  EXPECT_EQ(level_in(ctx), 1);
}

AIO_TEST(Context, EnteringTheContextTheTaskRunsInThrows) {
  aio::context ctx = aio::copy_context();
  aio::context same = ctx;  // copies name the same context, as Python objects do
  EXPECT_TRUE(same == ctx);
  co_await aio::create_task(
      [](aio::context c) -> aio::task<> {
        EXPECT_THROW(c.run([] {}), aio::runtime_error);
        aio::context other = c.copy();  // a new context: may be entered
        EXPECT_EQ(other.run([] { return 4; }), 4);
        co_return;
      }(same),
      "", ctx);
}

AIO_TEST(Context, CopyIsIndependentAndCopiesOfTheObjectAreNot) {
  aio::context ctx;
  aio::context alias = ctx;
  aio::context copy = ctx.copy();
  alias.run([] { level.set(8); });
  EXPECT_EQ(level_in(ctx), 8);
  EXPECT_EQ(level_in(copy), -1);
  EXPECT_FALSE(copy == ctx);
  co_return;
}

AIO_TEST(Context, TaskGroupCreateTaskTakesAContext) {
  aio::context ctx = aio::copy_context();
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(set_level_after_a_turn(6), "child", ctx);
    co_return;
  });
  EXPECT_EQ(level_in(ctx), 6);
  EXPECT_EQ(level.get(-1), -1);
}

AIO_TEST(Context, TaskGroupChildQueuedByMaxConcurrencyStillRunsInItsContext) {
  aio::context first = aio::copy_context();
  aio::context second = aio::copy_context();
  co_await aio::with(aio::task_group{aio::max_concurrency{1}}, [&](aio::task_group& tg) -> aio::task<> {
    tg.create_task(set_level_after_a_turn(1), "a", first);
    tg.create_task(set_level_after_a_turn(2), "b", second);  // starts after "a" ends
    co_return;
  });
  EXPECT_EQ(level_in(first), 1);
  EXPECT_EQ(level_in(second), 2);
}
