// Rules both engines share (checks/model), on facts written out by hand: what
// each rule decides, and that a costly question is not asked when a cheaper
// answer already settled it.
#include "checks/model/BlockingCall.h"
#include "checks/model/DiscardedCall.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace corolint {
namespace {

/// Records which questions were asked.
struct Asked {
  std::set<std::string> Questions;
  void operator()(const char *Question) { Questions.insert(Question); }
  bool operator[](const char *Question) const { return Questions.count(Question) != 0; }
};

struct Discarded : DiscardedCallFacts {
  Discard How = Discard::Statement;
  Produced What = Produced::Task;
  bool InCoroutine = true, LosesNothing = false;
  Asked Log;

  Discard how() override { return How; }
  Produced what() override { return What; }
  bool inCoroutine() override { return Log("inCoroutine"), InCoroutine; }
  bool losesNothing() override { return Log("losesNothing"), LosesNothing; }
  std::string producer() override { return "'fetch'"; }
};

TEST(DiscardedCall, LazyTaskNeverRuns) {
  Discarded Call;
  auto Message = discardedCall(Call, false, "aio::create_task");
  ASSERT_TRUE(Message);
  EXPECT_NE(Message->find("'fetch' is discarded, so it never runs"), std::string::npos);
  EXPECT_NE(Message->find("'aio::create_task'"), std::string::npos) << "the spawn it offers";
  EXPECT_FALSE(Call.Log["losesNothing"]) << "a lazy task loses its run whatever its code";
}

TEST(DiscardedCall, CastToVoidOnlyWhenAllowed) {
  Discarded Call;
  Call.How = Discard::CastToVoid;
  EXPECT_TRUE(discardedCall(Call, false, ""));
  EXPECT_FALSE(discardedCall(Call, true, ""));
  Call.How = Discard::Statement;
  EXPECT_TRUE(discardedCall(Call, true, "")) << "AllowCastToVoid does not excuse a bare statement";
}

TEST(DiscardedCall, AwaiterOperationNeverHappens) {
  Discarded Call;
  Call.What = Produced::Awaiter;
  auto Message = discardedCall(Call, false, "");
  ASSERT_TRUE(Message);
  EXPECT_NE(Message->find("its operation (a lock, an acquire, a wait) never happens"),
            std::string::npos);
}

TEST(DiscardedCall, EagerTaskFromPlainFunctionStartsIt) {
  Discarded Call;
  Call.What = Produced::EagerTask;
  Call.InCoroutine = false;
  EXPECT_FALSE(discardedCall(Call, false, ""));
  EXPECT_FALSE(Call.Log["losesNothing"]) << "the costly question comes after the cheap one";
}

TEST(DiscardedCall, EagerTaskInCoroutineUnlessNothingIsLost) {
  Discarded Call;
  Call.What = Produced::EagerTask;
  auto Message = discardedCall(Call, false, "");
  ASSERT_TRUE(Message);
  EXPECT_NE(Message->find("its result and exceptions are lost"), std::string::npos);
  Call.LosesNothing = true;
  EXPECT_FALSE(discardedCall(Call, false, ""));
}

struct Operation : BlockingOperationFacts {
  bool Construction = false, RunsLoop = false, ReturnsAwaitable = false, InMemory = false,
       ZeroDuration = false;
  std::string Wait, Listed = "std::this_thread::sleep_for";
  Asked Log;

  bool isConstruction() override { return Construction; }
  bool runsLoop() override { return Log("runsLoop"), RunsLoop; }
  std::string synchronousWaitOnAwaitable() override { return Log("wait"), Wait; }
  std::string listedName() override { return Log("listedName"), Listed; }
  bool returnsAwaitable(std::string_view) override {
    return Log("returnsAwaitable"), ReturnsAwaitable;
  }
  bool readsFromMemory() override { return Log("readsFromMemory"), InMemory; }
  bool hasZeroDuration() override { return Log("hasZeroDuration"), ZeroDuration; }
};

TEST(BlockingCall, ListedCallBlocks) {
  Operation Call;
  auto Found = blockingOperation(Call);
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Kind, BlockingKind::Call);
  EXPECT_EQ(Found->Name, "std::this_thread::sleep_for");
  EXPECT_FALSE(Call.Log["hasZeroDuration"]) << "only a timed wait is asked for its duration";
}

TEST(BlockingCall, LoopRunnerIsNestedRunsFinding) {
  Operation Call;
  Call.RunsLoop = true;
  EXPECT_FALSE(blockingOperation(Call));
  EXPECT_FALSE(Call.Log["listedName"]);
}

TEST(BlockingCall, OwnAwaitableOrMemoryStreamIsNotTheEntry) {
  Operation Awaitable;
  Awaitable.ReturnsAwaitable = true;
  EXPECT_FALSE(blockingOperation(Awaitable));
  Operation Parse;
  Parse.Listed = "std::getline";
  Parse.InMemory = true;
  EXPECT_FALSE(blockingOperation(Parse));
}

TEST(BlockingCall, ZeroTimeoutIsAProbe) {
  Operation Probe;
  Probe.Listed = "std::future::wait_for";
  Probe.ZeroDuration = true;
  EXPECT_FALSE(blockingOperation(Probe));
  Probe.ZeroDuration = false;
  EXPECT_TRUE(blockingOperation(Probe));
}

TEST(BlockingCall, ConstructionAndAwaitableWait) {
  Operation Stream;
  Stream.Construction = true;
  Stream.Listed = "std::basic_ifstream";
  Stream.ReturnsAwaitable = true; // a constructor returns nothing: not asked
  auto Found = blockingOperation(Stream);
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Kind, BlockingKind::Construction);
  EXPECT_FALSE(Stream.Log["runsLoop"]);

  Operation Get;
  Get.Wait = "folly::SemiFuture::get";
  Found = blockingOperation(Get);
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Kind, BlockingKind::AwaitableWait);
  std::string Message = directBlockingMessage(*Found, {}, "handler", "");
  EXPECT_NE(Message.find("'folly::SemiFuture::get'"), std::string::npos);
  EXPECT_NE(Message.find("can be awaited"), std::string::npos);
}

struct Place : BlockingPlaceFacts {
  bool OnPool = false, Readiness = false, NonBlocking = false, WouldBlock = false;
  Asked Log;
  bool onPool() override { return OnPool; }
  bool awaitsReadiness() override { return Log("awaitsReadiness"), Readiness; }
  bool onNonBlockingDescriptor() override { return Log("descriptor"), NonBlocking; }
  bool handlesWouldBlock() override { return Log("wouldBlock"), WouldBlock; }
};

TEST(BlockingCall, WhereItRuns) {
  BlockingOperation Sleep{BlockingKind::Call, "std::this_thread::sleep_for"};
  BlockingOperation Recv{BlockingKind::Call, "recv"};
  Place Loop;
  EXPECT_TRUE(blocksThere(Sleep, Loop));
  EXPECT_FALSE(Loop.Log["awaitsReadiness"]) << "only descriptor I/O asks about descriptors";
  EXPECT_TRUE(blocksThere(Recv, Loop));
  Place Reactor;
  Reactor.Readiness = true;
  EXPECT_FALSE(blocksThere(Recv, Reactor));
  EXPECT_TRUE(blocksThere(Sleep, Reactor));
  Place Pool;
  Pool.OnPool = true;
  EXPECT_FALSE(blocksThere(Sleep, Pool));
  Place TriesThenWaits;
  TriesThenWaits.WouldBlock = true;
  EXPECT_FALSE(blocksThere(Recv, TriesThenWaits));
  EXPECT_TRUE(blocksThere(Sleep, TriesThenWaits));
}

TEST(BlockingCall, WouldBlockIsAWordOfTheFunction) {
  EXPECT_TRUE(mentionsWouldBlock("if (errno != EAGAIN && errno != EWOULDBLOCK) fail();"));
  EXPECT_TRUE(mentionsWouldBlock("return errno == EWOULDBLOCK;"));
  EXPECT_FALSE(mentionsWouldBlock("int EAGAIN_COUNT = 0; // MY_EWOULDBLOCKS"));
  EXPECT_FALSE(mentionsWouldBlock("::send(fd, data, size, 0);"));
}

TEST(BlockingCall, MessageOffersTheTablesReplacement) {
  std::vector<BlockingFunction> Table = {{"::std::this_thread::sleep_for", "aio::sleep"},
                                         {"::std::filesystem::*", ""}};
  BlockingOperation Sleep{BlockingKind::Call, "std::this_thread::sleep_for"};
  EXPECT_NE(directBlockingMessage(Sleep, Table, "tick", "aio::to_thread")
                .find("use 'co_await aio::sleep(...)' instead"),
            std::string::npos);
  EXPECT_EQ(replacementFor(Table, "::std::this_thread::sleep_for"), "aio::sleep");
  EXPECT_EQ(replacementFor(Table, "std::filesystem::copy_file"), "");
  EXPECT_EQ(replacementFor(Table, "fsync"), "");
}

} // namespace
} // namespace corolint
