// aio::context_var: get/set/reset with tokens, defaults, and per-task contexts: a task sees its
// creator's values at creation, and its own set() never reaches its creator or its siblings.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::context_var<std::string> request_id{"request_id", "none"};
aio::context_var<int> depth{"depth"};

}  // namespace

AIO_TEST(ContextVar, GetSetAndReset) {
  EXPECT_EQ(request_id.name(), "request_id");
  EXPECT_EQ(request_id.get(), "none");  // the construction default
  EXPECT_THROW(depth.get(), aio::lookup_error);
  EXPECT_EQ(depth.get(7), 7);
  auto t1 = depth.set(1);
  EXPECT_FALSE(t1.old_value());
  auto t2 = depth.set(2);
  EXPECT_EQ(t2.old_value(), 1);
  EXPECT_EQ(depth.get(), 2);
  EXPECT_EQ(depth.get(7), 2);
  depth.reset(t2);
  EXPECT_EQ(depth.get(), 1);
  EXPECT_THROW(depth.reset(t2), aio::runtime_error);  // a token is good for one reset
  depth.reset(t1);
  EXPECT_THROW(depth.get(), aio::lookup_error);       // back to no value
  aio::context_var<int> other{"other"};
  auto t3 = other.set(3);
  EXPECT_THROW(depth.reset(t3), std::invalid_argument);
  other.reset(t3);
  auto t4 = request_id.set("abc");
  EXPECT_EQ(request_id.get(), "abc");
  request_id.reset(t4);
  EXPECT_EQ(request_id.get(), "none");
  co_return;
}

AIO_TEST(ContextVar, ATaskSeesItsCreatorsValuesAtCreation) {
  auto outer = depth.set(1);
  auto child = aio::create_task([]() -> aio::task<int> {
    co_await aio::sleep(0s);
    co_return depth.get();
  }());
  depth.set(2);  // after the child was created: the child keeps 1
  EXPECT_EQ(co_await child, 1);
  EXPECT_EQ(depth.get(), 2);
  depth.reset(outer);
}

AIO_TEST(ContextVar, ASetInAChildNeverReachesItsParent) {
  auto mine = request_id.set("parent");
  auto child = aio::create_task([]() -> aio::task<std::string> {
    std::string seen = request_id.get();
    request_id.set("child");
    co_await aio::sleep(0s);
    auto grandchild = aio::create_task([]() -> aio::task<std::string> { co_return request_id.get(); }());
    co_return seen + "/" + request_id.get() + "/" + co_await grandchild;
  }());
  co_await aio::sleep(0s);
  EXPECT_EQ(request_id.get(), "parent");
  EXPECT_EQ(co_await child, "parent/child/child");
  EXPECT_EQ(request_id.get(), "parent");
  request_id.reset(mine);
}

AIO_TEST(ContextVar, SiblingsAreIsolatedInGatherAndTaskGroups) {
  depth.set(10);
  auto bump = [](int by) -> aio::task<int> {
    depth.set(depth.get() + by);
    co_await aio::sleep(0s);
    co_return depth.get();
  };
  auto [a, b] = co_await aio::gather(bump(1), bump(2));
  EXPECT_EQ(a, 11);
  EXPECT_EQ(b, 12);
  EXPECT_EQ(depth.get(), 10);
  std::vector<int> seen(3);
  co_await aio::with(aio::task_group{}, [&](aio::task_group& tg) -> aio::task<> {
    depth.set(20);  // the body runs in this task: children are created after this
    for (int i = 0; i < 3; ++i)
      tg.create_task([](int& out, int by) -> aio::task<> {
        depth.set(depth.get() + by);
        co_await aio::sleep(0s);
        out = depth.get();
      }(seen[i], i));
    co_return;
  });
  EXPECT_EQ(seen, (std::vector<int>{20, 21, 22}));
  EXPECT_EQ(depth.get(), 20);
}

AIO_TEST(ContextVar, AnAwaitedCoroutineSharesItsTasksContext) {
  auto t = depth.set(1);
  co_await []() -> aio::task<> {
    depth.set(5);  // a plain co_await runs in the same task, like awaiting a coroutine in Python
    co_return;
  }();
  EXPECT_EQ(depth.get(), 5);
  depth.reset(t);
}

AIO_TEST(ContextVar, ResetWithATokenFromAnotherTaskThrows) {
  auto token = aio::create_task([]() -> aio::task<aio::context_var<int>::token> { co_return depth.set(3); }());
  auto t = co_await token;
  EXPECT_THROW(depth.reset(t), aio::runtime_error);
}

TEST(ContextVar, TheMainTaskStartsFromTheThreadsContextAndCopyContextRuns) {
  auto outside = depth.set(100);  // outside any loop: this thread's context
  const int seen = aio::run([]() -> aio::task<int> {
    int before = depth.get();
    depth.set(200);  // the main task's own copy
    co_return before;
  }());
  EXPECT_EQ(seen, 100);
  EXPECT_EQ(depth.get(), 100);

  aio::context snapshot = aio::copy_context();
  depth.set(101);
  EXPECT_EQ(snapshot.run([] { return depth.get(); }), 100);
  snapshot.run([] { depth.set(300); });
  EXPECT_EQ(depth.get(), 101);
  EXPECT_EQ(snapshot.run([] { return depth.get(); }), 300);
  EXPECT_THROW(snapshot.run([&] { snapshot.run([] {}); }), aio::runtime_error);

  // Carried to a worker thread, which starts with an empty context of its own.
  int in_worker = 0;
  bool empty_in_worker = false;
  std::thread worker([&] {
    empty_in_worker = depth.get(-1) == -1;
    in_worker = snapshot.run([] { return depth.get(); });
  });
  worker.join();
  EXPECT_TRUE(empty_in_worker);
  EXPECT_EQ(in_worker, 300);
  depth.reset(outside);
  EXPECT_THROW(depth.get(), aio::lookup_error);
}
