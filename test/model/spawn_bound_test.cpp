// async-unbounded-spawn across files (checks/model/ProgramSummary): a unit
// leaves its finding to the whole program when the spawned coroutine's body
// is elsewhere; the reduce reports it unless that coroutine's summary says it
// takes a semaphore every task shares, or the one the call hands it.
#include "checks/model/ProgramSummary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace corolint {
namespace {

FunctionSummary coroutine(std::string Key, std::optional<SemaphoreUse> Semaphores) {
  FunctionSummary F;
  F.Name = Key;
  F.Key = std::move(Key);
  F.File = "/src/fetcher.cpp";
  F.Offset = 100;
  F.Semaphores = std::move(Semaphores);
  return F;
}

/// crawler.cpp:40 spawns \p Callee once per URL, handing it the shared
/// semaphore as parameter \p Handed when given.
OpenQuestion spawns(std::string Callee, std::vector<unsigned> Handed = {}) {
  OpenQuestion Q;
  Q.Seeks = Sought::Bound;
  Q.CalleeName = Callee;
  Q.Callee = std::move(Callee);
  Q.Coroutine = "crawl";
  Q.File = "/src/crawler.cpp";
  Q.Offset = 40;
  Q.Message = "creates one task per element of 'urls'";
  Q.Notes.push_back({"/src/crawler.cpp", 60, "", "all of them are gathered here",
                     PathNote::Step::Said});
  Q.SharedArguments = std::move(Handed);
  return Q;
}

std::vector<CrossFileFinding> answers(std::vector<FunctionSummary> Functions,
                                      OpenQuestion Question) {
  ProgramSummaries P;
  P.Functions = std::move(Functions);
  P.Questions.push_back(std::move(Question));
  P.deduplicate();
  return answerOpenQuestions(P);
}

TEST(SpawnBoundTest, WorkTakingASharedSemaphoreWithdrawsTheFinding) {
  EXPECT_TRUE(answers({coroutine("fetch", SemaphoreUse{true, {}})}, spawns("fetch")).empty());
}

TEST(SpawnBoundTest, WorkTakingNoSemaphoreIsReportedAsTheUnitSaidIt) {
  std::vector<CrossFileFinding> Found =
      answers({coroutine("download", SemaphoreUse{})}, spawns("download"));
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Check, "async-unbounded-spawn");
  EXPECT_EQ(Found[0].File, "/src/crawler.cpp");
  EXPECT_EQ(Found[0].Offset, 40u);
  EXPECT_EQ(Found[0].Message, "creates one task per element of 'urls'");
  ASSERT_EQ(Found[0].Notes.size(), 1u);
  EXPECT_EQ(Found[0].Notes[0].message(), "all of them are gathered here");
  EXPECT_EQ(Found[0].Notes[0].message("crawler.cpp:3"),
            "all of them are gathered here (crawler.cpp:3)");
}

TEST(SpawnBoundTest, WithNoBodyAnywhereTheUnitsRuleDecides) {
  // Not handed a semaphore: reported; handed a shared one: trusted.
  EXPECT_EQ(answers({}, spawns("fetch")).size(), 1u);
  EXPECT_TRUE(answers({}, spawns("fetch", {1})).empty());
  // A summary another check wrote says nothing of semaphores: the same.
  EXPECT_EQ(answers({coroutine("fetch", std::nullopt)}, spawns("fetch")).size(), 1u);
}

TEST(SpawnBoundTest, AHandedSemaphoreBoundsOnlyWhenTheWorkAcquiresThatParameter) {
  EXPECT_TRUE(answers({coroutine("scrape", SemaphoreUse{false, {1}})}, spawns("scrape", {1}))
                  .empty());
  std::vector<CrossFileFinding> Found =
      answers({coroutine("scrape", SemaphoreUse{false, {0}})}, spawns("scrape", {1}));
  ASSERT_EQ(Found.size(), 1u);
  ASSERT_EQ(Found[0].Notes.size(), 2u);
  EXPECT_EQ(Found[0].Notes[1].File, "/src/fetcher.cpp");
  EXPECT_EQ(Found[0].Notes[1].Offset, 100u);
  EXPECT_EQ(Found[0].Notes[1].message(),
            "'scrape' is handed the semaphore but never acquires it, so it bounds nothing");
}

TEST(SpawnBoundTest, SemaphoresJoinTheOtherChecksSummaryOfTheDefinition) {
  // async-blocking-call's summary of the coroutine, and async-unbounded-spawn's.
  for (bool SpawnFirst : {false, true}) {
    std::vector<FunctionSummary> Functions{coroutine("fetch", std::nullopt),
                                           coroutine("fetch", SemaphoreUse{true, {}})};
    if (SpawnFirst)
      std::swap(Functions[0], Functions[1]);
    ProgramSummaries P;
    P.Functions = Functions;
    P.deduplicate();
    ASSERT_EQ(P.Functions.size(), 1u);
    ASSERT_TRUE(P.Functions[0].Semaphores.has_value());
    EXPECT_TRUE(P.Functions[0].Semaphores->Shared);
  }
}

TEST(SpawnBoundTest, AKeyDefinedAtTwoPlacesIsJudgedByTheUnitsRule) {
  FunctionSummary Other = coroutine("fetch", SemaphoreUse{true, {}});
  Other.File = "/other/fetcher.cpp";
  EXPECT_EQ(answers({coroutine("fetch", SemaphoreUse{true, {}}), Other}, spawns("fetch")).size(),
            1u);
}

TEST(SpawnBoundTest, OneCoroutineOfTheWorkTakingTheBoundIsEnough) {
  // The spawned work awaits prepare() (no semaphore) and then call() (one):
  // one question each, at the same place, one finding or none.
  ProgramSummaries P;
  P.Functions = {coroutine("prepare", SemaphoreUse{}), coroutine("call", SemaphoreUse{true, {}})};
  P.Questions = {spawns("prepare"), spawns("call")};
  P.deduplicate();
  EXPECT_TRUE(answerOpenQuestions(P).empty());
  P.Functions[0].Semaphores->Shared = false;
  P.Functions[1].Semaphores->Shared = false;
  std::vector<CrossFileFinding> Found = answerOpenQuestions(P);
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Notes.size(), 1u);
}

} // namespace
} // namespace corolint
