// CPython Lib/test/test_asyncio/test_tasks.py, BaseTaskTests.test_context_*: a task runs in a
// copy of its creator's context, or, given create_task(..., context=ctx), in ctx itself.
//
// Skipped: test_context_6, which is test_context_5 spelled loop.create_task (aio has one
// create_task).
#include <random>
#include <string>

#include "conformance.hpp"

using namespace conformance;

namespace {
aio::context_var<std::string> cvar_text{"cvar", "nope"};
aio::context_var<int> cvar_number{"cvar", -1};
aio::context_var<int> cvar_no_default{"cvar"};
}  // namespace

AIO_TEST(BaseTaskTests, test_context_1) {
  aio::testing::virtual_time clock;
  auto sub = []() -> aio::task<> {
    co_await aio::sleep(10ms);
    EXPECT_EQ(cvar_text.get(), "nope");
    cvar_text.set("something else");
  };
  EXPECT_EQ(cvar_text.get(), "nope");
  auto subtask = aio::create_task(sub());
  cvar_text.set("yes");
  EXPECT_EQ(cvar_text.get(), "yes");
  co_await subtask;
  EXPECT_EQ(cvar_text.get(), "yes");
}

// A future's done callback runs in a copy of the context of whoever added it (and call_soon's
// in a copy of the scheduler's): its set() reaches neither the task nor the thread afterwards.
TEST(BaseTaskTests, test_context_2) {
  aio::run(
      []() -> aio::task<> {
        auto fut_on_done = [] { cvar_text.set("something else"); };  // must not pollute main()
        EXPECT_EQ(cvar_text.get(), "nope");
        auto& loop = aio::get_running_loop();
        for (int j = 0; j < 2; ++j) {
          aio::future<> fut = loop.create_future();
          fut.add_done_callback(fut_on_done);
          cvar_text.set("yes" + std::to_string(j));
          loop.call_soon([fut]() mutable { fut.set_result(); });
          co_await fut;
          EXPECT_EQ(cvar_text.get(), "yes" + std::to_string(j));
          for (int i = 0; i < 3; ++i) {
            // The task passed its context to add_done_callback, not the other way round.
            cvar_text.set("yes" + std::to_string(i) + "-" + std::to_string(j));
            co_await aio::sleep(1ms);
            EXPECT_EQ(cvar_text.get(), "yes" + std::to_string(i) + "-" + std::to_string(j));
          }
        }
      }(),
      {.virtual_time = true});
  EXPECT_EQ(cvar_text.get(), "nope");
}

// Python draws the sleeps from random.uniform(0.001, 0.05); a seeded generator here.
TEST(BaseTaskTests, test_context_3) {
  aio::run(
      []() -> aio::task<> {
        std::mt19937 rng(3);
        auto sub = [](int num, unsigned seed) -> aio::task<> {
          std::mt19937 sleeps(seed);
          for (int i = 0; i < 10; ++i) {
            cvar_number.set(num + i);
            co_await aio::sleep(std::chrono::microseconds(1000 + sleeps() % 49000));
            EXPECT_EQ(cvar_number.get(), num + i);
          }
        };
        std::vector<aio::task<>> tasks;
        for (int i = 0; i < 100; ++i) tasks.push_back(sub(static_cast<int>(rng() % 11), rng()));
        co_await aio::gather(std::move(tasks));
      }(),
      {.virtual_time = true});
  EXPECT_EQ(cvar_number.get(), -1);
}

namespace {
aio::task<> coro(int val) {
  co_await yield();
  cvar_no_default.set(val);
}
std::optional<int> get_in(aio::context& ctx) {
  return ctx.run([]() -> std::optional<int> {
    try {
      return cvar_no_default.get();
    } catch (const aio::lookup_error&) {
      return std::nullopt;  // ctx.get(cvar) is None
    }
  });
}
// test_context_4 and _5: the same program; Python spells task creation Task(coro, context=)
// in one and asyncio.create_task(coro, context=) in the other.
aio::task<std::vector<std::optional<int>>> tasks_in_one_context() {
  std::vector<std::optional<int>> ret;
  aio::context ctx = aio::copy_context();
  ret.push_back(get_in(ctx));
  auto t1 = aio::create_task(coro(1), "", ctx);
  co_await t1;
  ret.push_back(get_in(ctx));
  auto t2 = aio::create_task(coro(2), "", ctx);
  co_await t2;
  ret.push_back(get_in(ctx));
  co_return ret;
}
}  // namespace

AIO_TEST(BaseTaskTests, test_context_4) {
  auto ret = co_await aio::create_task(tasks_in_one_context());
  EXPECT_EQ(ret, (std::vector<std::optional<int>>{std::nullopt, 1, 2}));
}

AIO_TEST(BaseTaskTests, test_context_5) {
  auto ret = co_await aio::create_task(tasks_in_one_context());
  EXPECT_EQ(ret, (std::vector<std::optional<int>>{std::nullopt, 1, 2}));
}
