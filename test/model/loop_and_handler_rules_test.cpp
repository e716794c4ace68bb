// The loop and handler rules both engines share (checks/model): the fan-out of
// a spawn, a gatherable loop, a nested run, a swallowed failure or
// cancellation, a coroutine that never awaits. Facts are written out by hand.
#include "checks/model/GatherableLoop.h"
#include "checks/model/NestedRun.h"
#include "checks/model/NoAwait.h"
#include "checks/model/SpawnFanout.h"
#include "checks/model/SwallowedCancellation.h"
#include "checks/model/SwallowingHandler.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace corolint {
namespace {

bool contains(const std::string &Text, const std::string &Part) {
  return Text.find(Part) != std::string::npos;
}

LoopSize constant(std::uint64_t N) { return {LoopSize::Constant, N, ""}; }
LoopSize elements(std::string Source) { return {LoopSize::Elements, 0, std::move(Source)}; }
LoopSize count(std::string Source) { return {LoopSize::Count, 0, std::move(Source)}; }
LoopSize unknown() { return {}; }

// ---- SpawnFanout ------------------------------------------------------------

TEST(SpawnFanout, ConstantLoopsMultiply) {
  // 16 rows of 16 columns: 256 tasks, over a limit of 100.
  auto Fanout = unboundedFanout({{constant(16)}, {constant(16)}}, false, 100);
  ASSERT_TRUE(Fanout);
  EXPECT_EQ(Fanout->Iterations, 256u);
  EXPECT_FALSE(unboundedFanout({{constant(4)}, {constant(8)}}, false, 100));
  EXPECT_FALSE(unboundedFanout({{constant(16)}, {constant(16)}}, true, 100))
      << "test code chose that load";
}

TEST(SpawnFanout, CollectionNamesTheFanout) {
  auto Fanout = unboundedFanout({{constant(3)}, {elements("urls")}}, false, 100);
  ASSERT_TRUE(Fanout);
  EXPECT_EQ(Fanout->How, LoopSize::Elements);
  EXPECT_TRUE(contains(unboundedSpawnMessage("creates", *Fanout, "bound it"),
                       "one task per element of 'urls'"));
}

TEST(SpawnFanout, PacedOrChosenLoopsAreBounded) {
  EXPECT_FALSE(unboundedFanout({{unknown(), true}}, false, 100)) << "an accept loop";
  EXPECT_TRUE(unboundedFanout({{unknown(), false}}, false, 100)) << "spawning as fast as it can";
  LoopSize Cores = count("n");
  Cores.PerCore = true;
  EXPECT_FALSE(unboundedFanout({{Cores}}, false, 100)) << "one task per core";
  EXPECT_FALSE(unboundedFanout({{count("loop_num")}}, true, 100)) << "a benchmark's count";
  EXPECT_TRUE(unboundedFanout({{count("n")}}, false, 100));
  EXPECT_FALSE(unboundedFanout({{constant(0)}, {elements("urls")}}, false, 100))
      << "a loop that never runs spawns nothing";
}

// ---- GatherableLoop ---------------------------------------------------------

struct Loop : GatherableLoopFacts {
  LoopSize Size = elements("ids");
  std::size_t Awaits = 1;
  bool Carried = false, ExitsEarly = false, Shares = false, Paced = false;
  std::optional<std::string> Fresh = "fetch";
  std::set<std::string> Asked;

  bool pacedByEvents() override { return Paced; }
  LoopSize size() override { return Size; }
  bool repeatsWithoutItems() override { return false; }
  std::size_t awaitCount() override { return Awaits; }
  bool awaitsOutsideBody() override { return false; }
  bool yields() override { return false; }
  std::optional<std::string> freshTask(std::size_t) override { return Asked.insert("fresh"), Fresh; }
  bool sharesAnObject(std::size_t) override { return Shares; }
  bool readsCarriedState(std::size_t) override { return Asked.insert("carried"), Carried; }
  bool continuationDependsOnBody() override { return false; }
  bool exitsEarly() override { return ExitsEarly; }
};

SequentialAwaitOptions gatherOptions() {
  SequentialAwaitOptions Options;
  Options.GatherFunctions.Names = NameList("aio::gather");
  Options.TaskTypes.Names = NameList("aio::task");
  return Options;
}

TEST(GatherableLoop, IndependentFreshTasksAreGathered) {
  Loop Each;
  auto Found = gatherableLoop(Each, gatherOptions());
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "'fetch'"));
  EXPECT_TRUE(contains(Found->Message, "aio::gather"));
}

TEST(GatherableLoop, DependenceOrExitKeepsItSequential) {
  Loop Paging;
  Paging.Carried = true; // cursor = page.next
  EXPECT_FALSE(gatherableLoop(Paging, gatherOptions()));
  Loop Search;
  Search.ExitsEarly = true; // break on the first hit
  EXPECT_FALSE(gatherableLoop(Search, gatherOptions()));
  Loop Stream;
  Stream.Shares = true; // every iteration writes to one socket
  EXPECT_FALSE(gatherableLoop(Stream, gatherOptions()));
}

TEST(GatherableLoop, UnknownOrEventPacedLengthIsNotAskedFurther) {
  Loop Server;
  Server.Size = unknown();
  EXPECT_FALSE(gatherableLoop(Server, gatherOptions()));
  EXPECT_TRUE(Server.Asked.empty()) << "no data-dependence question for a loop of unknown size";
  Loop Events;
  Events.Paced = true;
  EXPECT_FALSE(gatherableLoop(Events, gatherOptions()));
  Loop Once;
  Once.Size = constant(1);
  EXPECT_FALSE(gatherableLoop(Once, gatherOptions()));
}

// ---- NestedRun --------------------------------------------------------------

struct RunCall : RunCallFacts {
  std::string Runner = "aio::run";
  std::optional<std::string> Coroutine;
  bool Existing = false, PerIteration = false;
  std::vector<LoopSize> Loops;
  std::optional<HelperRunner> Reached;

  std::string runner() override { return Runner; }
  std::optional<std::string> coroutine() override { return Coroutine; }
  bool notRunForReal() override { return false; }
  bool runsExistingLoop() override { return Existing; }
  std::size_t loopCount() override { return Loops.size(); }
  LoopSize loopSize(std::size_t I) override { return Loops[I]; }
  bool configuredPerIteration(std::size_t) override { return PerIteration; }
  bool repeatsWithoutItems(std::size_t) override { return false; }
  std::optional<HelperRunner> reachesRunner() override { return Reached; }
};

TEST(NestedRun, RunnerInCoroutine) {
  RunCall Call;
  Call.Coroutine = "handler";
  auto Found = nestedRun(Call);
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "'aio::run'"));
  EXPECT_EQ(Found->Where, NestedRun::NoteAt::Nothing);
}

TEST(NestedRun, HelperReachingARunner) {
  RunCall Call;
  Call.Runner = "";
  Call.Coroutine = "handler";
  EXPECT_FALSE(nestedRun(Call));
  Call.Reached = HelperRunner{"load_config", "aio::run"};
  auto Found = nestedRun(Call);
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "'load_config'"));
  EXPECT_EQ(Found->Where, NestedRun::NoteAt::ReachedRunner);
}

TEST(NestedRun, RunPerItemUnlessTheLoopNeedsIt) {
  RunCall Call;
  Call.Loops = {constant(1), elements("files")};
  auto Found = nestedRun(Call);
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->NoteLoop, 1u) << "the loop over items, not the one-shot one";
  Call.PerIteration = true; // one loop per backend
  EXPECT_FALSE(nestedRun(Call));
  RunCall Method;
  Method.Existing = true; // loop.run_until_complete(...)
  Method.Loops = {elements("files")};
  EXPECT_FALSE(nestedRun(Method));
}

// ---- SwallowingHandler ------------------------------------------------------

struct Handler : SwallowingHandlerFacts {
  bool Suspends = true, Awaits = true, Cancellation = false, Nothing = true;
  std::string Text = "{}", File, Last, Next;
  bool trySuspends() override { return Suspends; }
  bool coroutineAwaits() override { return Awaits; }
  bool catchesCancellation() override { return Cancellation; }
  bool doesNothing() override { return Nothing; }
  std::string_view handlerText() override { return Text; }
  std::string_view fileText() override { return File; }
  std::string_view lastTryStatement() override { return Last; }
  std::string_view nextStatement() override { return Next; }
  std::string coroutine() override { return "poll"; }
};

TEST(SwallowingHandler, EmptyHandlerAroundAnAwaitLosesTheFailure) {
  Handler Empty;
  auto Found = swallowingHandler(Empty);
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "'poll'"));
  Handler Generator;
  Generator.Awaits = false; // it yields, never awaits
  EXPECT_FALSE(swallowingHandler(Generator));
  Handler Cancelled;
  Cancelled.Cancellation = true; // async-cancellation-swallowed's
  EXPECT_FALSE(swallowingHandler(Cancelled));
  Handler Logs;
  Logs.Nothing = false;
  EXPECT_FALSE(swallowingHandler(Logs));
}

// ---- SwallowedCancellation --------------------------------------------------

struct CancelHandler : CancellationHandlerFacts {
  std::optional<std::string> Caught = "...";
  bool Rethrows = false, Nothing = false, LibraryTask = true, PassedOn = false;
  std::optional<std::string> caught() override { return Caught; }
  bool trySuspends() override { return true; }
  bool rethrows() override { return Rethrows; }
  bool doesNothing() override { return Nothing; }
  bool inLibraryTask() override { return LibraryTask; }
  std::string coroutine() override { return "worker"; }
  bool expectsThrow() override { return false; }
  bool passedOnLater() override { return PassedOn; }
  bool awaitsOnlyWhatItCancelled() override { return false; }
};

TEST(SwallowedCancellation, CatchAllThatGoesOn) {
  CancellationSwallowedOptions Options;
  Options.CancelledTypes.Names = NameList("aio::CancelledError");
  CancelHandler Counts; // catch (...) { ++failures; }
  auto Found = swallowedCancellation(Counts, Options);
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "aio::CancelledError"));
  CancelHandler Rethrows;
  Rethrows.Rethrows = true;
  EXPECT_FALSE(swallowedCancellation(Rethrows, Options));
  CancelHandler Empty;
  Empty.Nothing = true; // async-dropped-exception reports an empty catch (...)
  EXPECT_FALSE(swallowedCancellation(Empty, Options));
  CancelHandler Seastar;
  Seastar.LibraryTask = false;
  EXPECT_FALSE(swallowedCancellation(Seastar, Options));
  CancelHandler Other;
  Other.Caught.reset(); // catch (const std::runtime_error &)
  EXPECT_FALSE(swallowedCancellation(Other, Options));
}

// ---- NoAwait ----------------------------------------------------------------

struct Coroutine : NoAwaitFacts {
  bool Never = true, Imposed = false, Something = false;
  std::set<std::string> Asked;
  bool neverSuspends() override { return Never; }
  bool signatureImposed() override { return Asked.insert("imposed"), Imposed; }
  bool overloadSuspends() override { return false; }
  bool hasSomethingToAwait() override { return Asked.insert("something"), Something; }
  bool usedAsValue() override { return false; }
  std::string coroutine() override { return "get_name"; }
  std::string valueType() override { return "std::string"; }
};

TEST(NoAwait, NeverSuspendingCoroutineCouldBePlain) {
  Coroutine Plain;
  auto Found = noAwait(Plain);
  ASSERT_TRUE(Found);
  EXPECT_TRUE(contains(Found->Message, "a plain function returning 'std::string'"));
  Coroutine Suspends;
  Suspends.Never = false;
  EXPECT_FALSE(noAwait(Suspends));
  EXPECT_TRUE(Suspends.Asked.empty()) << "a coroutine that suspends is asked nothing more";
  Coroutine Override;
  Override.Imposed = true;
  EXPECT_FALSE(noAwait(Override));
  EXPECT_FALSE(Override.Asked.count("something")) << "the body is not searched";
  Coroutine Blocks;
  Blocks.Something = true;
  EXPECT_FALSE(noAwait(Blocks));
}

} // namespace
} // namespace corolint
