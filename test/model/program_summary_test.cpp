// The whole-program step (checks/model/ProgramSummary): units' summaries
// written out by hand, merged, and the open questions answered.
#include "checks/model/ProgramSummary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace corolint {
namespace {

/// A call at \p Offset: of the function keyed \p Callee, or (with \p Blocks) a
/// blocking operation.
SummaryCall call(unsigned Offset, std::string Callee, std::string Blocks = "") {
  SummaryCall Made;
  Made.Offset = Offset;
  Made.CalleeName = Callee;
  Made.Callee = std::move(Callee);
  Made.Blocks = std::move(Blocks);
  return Made;
}

FunctionSummary helper(std::string Key, std::string File, std::vector<SummaryCall> Calls,
                       bool Enterable = true) {
  FunctionSummary F;
  F.Name = Key;
  F.Key = std::move(Key);
  F.File = std::move(File);
  F.Enterable = Enterable;
  F.Calls = std::move(Calls);
  return F;
}

OpenQuestion question(std::string Callee, unsigned Depth = 3) {
  OpenQuestion Q;
  Q.CalleeName = Callee;
  Q.Callee = std::move(Callee);
  Q.Coroutine = "handle";
  Q.File = "/src/handler.cpp";
  Q.Offset = 10;
  Q.Offload = "aio::to_thread";
  Q.Depth = Depth;
  return Q;
}

/// handler.cpp -> save (storage.cpp) -> write_all (io.cpp) -> fsync.
ProgramSummaries storageProgram() {
  ProgramSummaries P;
  P.Functions.push_back(helper("save", "/src/storage.cpp", {call(40, "write_all")}));
  P.Functions.push_back(helper("write_all", "/src/io.cpp", {call(7, "", "fsync")}));
  P.Questions.push_back(question("save"));
  return P;
}

TEST(ProgramSummaryTest, AnswerWalksThePathIntoOtherFiles) {
  ProgramSummaries P = storageProgram();
  P.deduplicate();
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  EXPECT_EQ(Answers[0].File, "/src/handler.cpp");
  EXPECT_EQ(Answers[0].Offset, 10u);
  EXPECT_NE(Answers[0].Message.find("call to 'save' in coroutine 'handle'"), std::string::npos)
      << Answers[0].Message;
  EXPECT_NE(Answers[0].Message.find("reaches blocking 'fsync'"), std::string::npos);
  ASSERT_EQ(Answers[0].Notes.size(), 2u);
  EXPECT_EQ(Answers[0].Notes[0].File, "/src/storage.cpp");
  EXPECT_EQ(Answers[0].Notes[0].Offset, 40u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'save' calls 'write_all' here");
  EXPECT_EQ(Answers[0].Notes[1].File, "/src/io.cpp");
  EXPECT_EQ(Answers[0].Notes[1].Offset, 7u);
  EXPECT_EQ(Answers[0].Notes[1].message(), "'write_all' calls blocking 'fsync' here");
  EXPECT_EQ(Answers[0].Notes[1].message("io.cpp:2"),
            "'write_all' (io.cpp:2) calls blocking 'fsync' here");
}

TEST(ProgramSummaryTest, DepthBoundsThePath) {
  ProgramSummaries P = storageProgram();
  P.Questions[0].Depth = 1; // save is 1, write_all 2 helpers deep
  EXPECT_TRUE(answerOpenQuestions(P).empty());
  P.Questions[0].Depth = 2;
  EXPECT_EQ(answerOpenQuestions(P).size(), 1u);
}

TEST(ProgramSummaryTest, NoBodyAnywhereOrNotEnterableIsSilent) {
  ProgramSummaries P = storageProgram();
  P.Questions[0].Callee = "library_function"; // declared, defined nowhere
  EXPECT_TRUE(answerOpenQuestions(P).empty());
  P = storageProgram();
  P.Functions[1].Enterable = false; // write_all is a coroutine, or known non-blocking
  EXPECT_TRUE(answerOpenQuestions(P).empty());
}

TEST(ProgramSummaryTest, RecursionAcrossFilesEndsAndStillFindsTheTarget) {
  ProgramSummaries P;
  P.Functions.push_back(helper("left", "/src/a.cpp", {call(1, "right")}));
  P.Functions.push_back(
      helper("right", "/src/b.cpp", {call(2, "left"), call(3, "", "sleep_for")}));
  P.Functions.push_back(helper("spin", "/src/c.cpp", {call(4, "spin")}));
  P.Questions.push_back(question("left"));
  P.Questions.push_back(question("spin"));
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  EXPECT_EQ(Answers[0].Notes.back().message(), "'right' calls blocking 'sleep_for' here");
}

TEST(ProgramSummaryTest, DescriptorIoDoesNotBlockWhereTheCoroutineAwaitsReadiness) {
  ProgramSummaries P;
  P.Functions.push_back(helper("drain", "/src/io.cpp", {call(5, "", "read")}));
  P.Questions.push_back(question("drain"));
  EXPECT_EQ(answerOpenQuestions(P).size(), 1u);
  P.Questions[0].AwaitsReadiness = true;
  EXPECT_TRUE(answerOpenQuestions(P).empty());
}

TEST(ProgramSummaryTest, AnAwaiterIsNamedByWhatIsAwaited) {
  ProgramSummaries P = storageProgram();
  P.Questions[0].Awaited = "snapshot_awaiter";
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  EXPECT_NE(Answers[0].Message.find("awaiting 'snapshot_awaiter'"), std::string::npos)
      << Answers[0].Message;
}

TEST(ProgramSummaryTest, MergingDoesNotDependOnTheOrderOfUnits) {
  // An inline helper two units summarized differently (their macros differ),
  // and a question both asked: the same set whatever came first.
  ProgramSummaries First = storageProgram(), Second;
  Second.Functions.push_back(helper("save", "/src/storage.cpp", {}));
  Second.Questions.push_back(question("save"));
  ProgramSummaries AB = First, BA = Second;
  AB.append(ProgramSummaries(Second));
  BA.append(ProgramSummaries(First));
  AB.deduplicate();
  BA.deduplicate();
  ASSERT_EQ(AB.Functions.size(), 2u);
  ASSERT_EQ(AB.Questions.size(), 1u);
  ASSERT_EQ(BA.Functions.size(), 2u);
  for (size_t I = 0; I < AB.Functions.size(); ++I) {
    EXPECT_EQ(AB.Functions[I].Key, BA.Functions[I].Key);
    EXPECT_EQ(AB.Functions[I].Calls, BA.Functions[I].Calls);
  }
  EXPECT_EQ(answerOpenQuestions(AB).size(), answerOpenQuestions(BA).size());
}

/// Journal::append is pure virtual; two overrides block, one through a helper.
ProgramSummaries journalProgram() {
  ProgramSummaries P;
  FunctionSummary Disk = helper("Disk::append", "/src/io.cpp", {call(3, "", "fsync")});
  Disk.Overrides = {"Journal::append"};
  FunctionSummary Local = helper("Local::append", "/src/storage.cpp", {call(4, "save")});
  Local.Overrides = {"Journal::append"};
  P.Functions = {Disk, Local, helper("save", "/src/storage.cpp", {call(5, "", "fsync")})};
  return P;
}

TEST(ProgramSummaryTest, AVirtualCallBlocksWhenEveryOverrideDoes) {
  ProgramSummaries P = journalProgram();
  OpenQuestion Q = question("Journal::append");
  Q.Virtual = true;
  P.Questions.push_back(Q);
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  // The nearest override is the path shown.
  ASSERT_EQ(Answers[0].Notes.size(), 1u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'Disk::append' calls blocking 'fsync' here");

  // An override of an override that does not block: the call may not block.
  FunctionSummary Memory = helper("Memory::append", "/src/memory.cpp", {});
  Memory.Overrides = {"Local::append"};
  P.Functions.push_back(Memory);
  EXPECT_TRUE(answerOpenQuestions(P).empty());
}

TEST(ProgramSummaryTest, WithAnyOverrideOneBlockingOverrideIsEnough) {
  ProgramSummaries P = journalProgram();
  FunctionSummary Memory = helper("Memory::append", "/src/memory.cpp", {});
  Memory.Overrides = {"Journal::append"};
  P.Functions.push_back(Memory);
  OpenQuestion Every = question("Journal::append");
  Every.Virtual = true;
  OpenQuestion Any = Every;
  Any.AnyOverride = true; // the unit's AnyOverrideBlocks
  Any.Offset = 20;
  P.Questions = {Every, Any};
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u); // Memory::append does not block: only Any is answered
  EXPECT_EQ(Answers[0].Offset, 20u);
  ASSERT_EQ(Answers[0].Notes.size(), 1u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'Disk::append' calls blocking 'fsync' here");
}

TEST(ProgramSummaryTest, AVirtualCallWithNoBodyInTheProgramIsSilent) {
  ProgramSummaries P;
  OpenQuestion Q = question("Journal::append");
  Q.Virtual = true;
  P.Questions.push_back(Q);
  EXPECT_TRUE(answerOpenQuestions(P).empty());
}

TEST(ProgramSummaryTest, AHelperMakingASettledVirtualCallBlocks) {
  // flush calls Journal::append through the vtable: a second round settles it.
  ProgramSummaries P = journalProgram();
  SummaryCall Virtual = call(8, "Journal::append");
  Virtual.Virtual = true;
  P.Functions.push_back(helper("flush", "/src/flush.cpp", {Virtual}));
  P.Questions.push_back(question("flush"));
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  ASSERT_EQ(Answers[0].Notes.size(), 2u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'flush' calls 'Disk::append' here");
  EXPECT_EQ(Answers[0].Notes[0].Offset, 8u); // at the virtual call
}

// The fast engine's calls by name: `save()` in namespace app may denote
// app::save or ::save; the program decides which one it is.
TEST(ProgramSummaryTest, ACallByNameRunsTheOneDefinitionOfItsNames) {
  ProgramSummaries P = storageProgram();
  P.Keys = SummaryKeys::Names;
  P.Questions[0].Callee = "app::save";
  P.Questions[0].Alternatives = {"save"};
  P.Functions[0].Calls[0].Alternatives = {"app::write_all"};
  P.deduplicate();
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  ASSERT_EQ(Answers[0].Notes.size(), 2u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'save' calls 'write_all' here");
}

TEST(ProgramSummaryTest, ACallWhoseNamesAreDefinedTwiceIsSilent) {
  // app::save does not block, ::save does: which one runs is lookup's question.
  ProgramSummaries P = storageProgram();
  P.Keys = SummaryKeys::Names;
  P.Functions.push_back(helper("app::save", "/src/app.cpp", {}));
  P.Questions[0].Callee = "app::save";
  P.Questions[0].Alternatives = {"save"};
  P.deduplicate();
  EXPECT_TRUE(answerOpenQuestions(P).empty());

  // The same ambiguity one helper deep.
  ProgramSummaries Deep = storageProgram();
  Deep.Functions.push_back(helper("app::write_all", "/src/app.cpp", {}));
  Deep.Functions[0].Calls[0].Alternatives = {"app::write_all"};
  Deep.deduplicate();
  EXPECT_TRUE(answerOpenQuestions(Deep).empty());
}

TEST(ProgramSummaryTest, AKeyDefinedAtTwoPlacesIsNotFollowed) {
  // Two overloads of write_all by name, one blocking: neither is believed.
  ProgramSummaries P = storageProgram();
  P.Functions.push_back(helper("write_all", "/src/memory.cpp", {}));
  P.deduplicate();
  EXPECT_TRUE(answerOpenQuestions(P).empty());
  EXPECT_EQ(P.Functions.size(), 3u); // both kept, so a merge of shards knows it too

  // One definition seen by two units (an inline helper in a header) is one.
  ProgramSummaries Twice = storageProgram();
  Twice.Functions.push_back(Twice.Functions[1]);
  Twice.deduplicate();
  EXPECT_EQ(Twice.Functions.size(), 2u);
  EXPECT_EQ(answerOpenQuestions(Twice).size(), 1u);
}

// By name, `write(out, x)` in namespace serde is a call of the table's C
// function only while the program defines none of the names it may denote.
TEST(ProgramSummaryTest, ByNameATableCallOfAProgramFunctionRunsIt) {
  ProgramSummaries P;
  P.Keys = SummaryKeys::Names;
  SummaryCall Write = call(7, "serde::write", "write");
  Write.Alternatives = {"write"};
  P.Functions.push_back(helper("serde::write_async", "/src/async.h", {Write}));
  P.Questions.push_back(question("serde::write_async"));
  EXPECT_EQ(answerOpenQuestions(P).size(), 1u); // no serde::write anywhere: POSIX write

  // Two overloads of serde::write, neither blocking: the call runs one of them.
  P.Functions.push_back(helper("serde::write", "/src/rw.h", {}));
  P.Functions.push_back(helper("serde::write", "/src/chrono.h", {}));
  P.deduplicate();
  EXPECT_TRUE(answerOpenQuestions(P).empty());

  // The full engine's calls are resolved: a table entry it names blocks.
  P.Keys = SummaryKeys::Usr;
  EXPECT_EQ(answerOpenQuestions(P).size(), 1u);
}

TEST(ProgramSummaryTest, MergingKeepsTheEnginesKeys) {
  ProgramSummaries Empty, Shard = storageProgram();
  Shard.Keys = SummaryKeys::Names;
  Empty.append(std::move(Shard));
  EXPECT_EQ(Empty.Keys, SummaryKeys::Names);
}

/// handler.cpp -> refresh (cache.cpp) -> load_all (loader.cpp) -> aio::run, and
/// the same path also reaching fsync first.
ProgramSummaries runnerProgram() {
  ProgramSummaries P;
  SummaryCall Run = call(31, "aio-run-usr");
  Run.Runs = "aio::run";
  P.Functions.push_back(helper("refresh", "/src/cache.cpp", {call(12, "load_all")}));
  P.Functions.push_back(helper("load_all", "/src/loader.cpp", {call(20, "", "fsync"), Run}));
  // aio::run's own body (a header) blocks in epoll_wait: it is not entered.
  P.Functions.push_back(helper("aio-run-usr", "/inc/aio/run.hpp", {call(5, "", "epoll_wait")}));
  OpenQuestion Q = question("refresh");
  Q.Seeks = Sought::Runner;
  P.Questions.push_back(Q);
  return P;
}

TEST(ProgramSummaryTest, ARunnerQuestionWalksThePathToTheRunner) {
  ProgramSummaries P = runnerProgram();
  P.deduplicate();
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  EXPECT_EQ(Answers[0].Check, "async-nested-run");
  EXPECT_NE(Answers[0].Message.find("call to 'refresh' in coroutine 'handle'"), std::string::npos)
      << Answers[0].Message;
  EXPECT_NE(Answers[0].Message.find("reaches 'aio::run'"), std::string::npos)
      << Answers[0].Message;
  ASSERT_EQ(Answers[0].Notes.size(), 2u);
  EXPECT_EQ(Answers[0].Notes[0].message(), "'refresh' calls 'load_all' here");
  EXPECT_EQ(Answers[0].Notes[1].Offset, 31u); // the runner, not the nearer fsync
  EXPECT_EQ(Answers[0].Notes[1].message(), "'load_all' runs a loop with 'aio::run' here");
}

TEST(ProgramSummaryTest, BlockingAndRunnerQuestionsSeekTheirOwnTargets) {
  ProgramSummaries P = runnerProgram();
  P.Questions.push_back(question("refresh")); // the blocking question of the same call
  P.deduplicate();
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 2u);
  std::sort(Answers.begin(), Answers.end(),
            [](const CrossFileFinding &A, const CrossFileFinding &B) { return A.Check < B.Check; });
  EXPECT_EQ(Answers[0].Check, "async-blocking-call");
  EXPECT_EQ(Answers[0].Notes.back().Called, "fsync");
  EXPECT_EQ(Answers[1].Check, "async-nested-run");
  EXPECT_EQ(Answers[1].Notes.back().Called, "aio::run");

  // Without the runner, the blocking answer stands and the runner question is silent.
  P.Functions[1].Calls.pop_back();
  P.deduplicate();
  Answers = answerOpenQuestions(P);
  ASSERT_EQ(Answers.size(), 1u);
  EXPECT_EQ(Answers[0].Check, "async-blocking-call");
}

TEST(ProgramSummaryTest, ARunnerCalledThroughACoroutineIsNotReached) {
  ProgramSummaries P = runnerProgram();
  P.Functions[0].Enterable = false; // refresh is a coroutine: checked on its own
  EXPECT_TRUE(answerOpenQuestions(P).empty());
  P = runnerProgram();
  P.Questions[0].Depth = 1;
  EXPECT_TRUE(answerOpenQuestions(P).empty());
}

} // namespace
} // namespace corolint
