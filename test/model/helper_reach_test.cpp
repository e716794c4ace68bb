// The helper search both engines share (checks/model/HelperReach), on call
// graphs written out by hand: each function is a node with its calls in
// source order, as an engine would describe it.
#include "checks/model/HelperReach.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace corolint {
namespace {

/// A file's call graph by function name: "f" -> calls of f, each either a
/// target ("!name") or a call to the function named.
class Graph {
public:
  Graph &function(const std::string &Name, std::vector<std::string> Calls, bool Enterable = true) {
    Functions[Name] = {std::move(Calls), Enterable};
    return *this;
  }

  HelperReach search(WorkBudget *Budget = nullptr) {
    return HelperReach(
        [this](HelperReach::FunctionId Id) {
          const std::string &Name = *static_cast<const std::string *>(Id);
          ++Described[Name];
          HelperReach::Function Out;
          const Node &Own = Functions.at(Name);
          Out.Enterable = Own.Enterable;
          for (const std::string &Call : Own.Calls) {
            HelperReach::Call &Made = Out.Calls.emplace_back();
            Made.Site = &Call;
            Made.IsTarget = Call[0] == '!';
            if (!Made.IsTarget && Functions.count(Call))
              Made.Callees.push_back(id(Call));
          }
          return Out;
        },
        Budget);
  }

  HelperReach::FunctionId id(const std::string &Name) const { return &Functions.find(Name)->first; }

  /// "helper>helper>!target", or "" for no path.
  std::string path(HelperReach &Search, std::vector<std::string> Callees, unsigned Depth) const {
    std::vector<HelperReach::FunctionId> Ids;
    for (const std::string &Callee : Callees)
      Ids.push_back(id(Callee));
    std::optional<HelperReach::Path> Found = Search.reach(Ids, Depth);
    if (!Found)
      return "";
    std::string Text;
    for (HelperReach::FunctionId Helper : Found->Helpers)
      Text += *static_cast<const std::string *>(Helper) + ">";
    return Text + *static_cast<const std::string *>(Found->Target);
  }

  std::map<std::string, int> Described;

private:
  struct Node {
    std::vector<std::string> Calls;
    bool Enterable = true;
  };
  std::map<std::string, Node> Functions;
};

TEST(HelperReach, ATargetInTheCalleeIsOneDeep) {
  Graph G;
  G.function("read_config", {"parse", "!fopen", "!fread"}).function("parse", {});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"read_config"}, 1), "read_config>!fopen");
  EXPECT_EQ(G.path(Search, {"read_config"}, 0), "");
}

TEST(HelperReach, DepthCountsTheHelpersOnThePath) {
  Graph G;
  G.function("a", {"b"}).function("b", {"c"}).function("c", {"d"}).function("d", {"!sleep"});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"a"}, 3), "");
  EXPECT_EQ(G.path(Search, {"a"}, 4), "a>b>c>d>!sleep");
  EXPECT_EQ(G.path(Search, {"b"}, 3), "b>c>d>!sleep");
}

// Issue 15's order bug: a helper first met at the depth limit, where its
// target is out of reach, must still be found when asked about directly.
TEST(HelperReach, AnAnswerDoesNotDependOnEarlierQuestions) {
  Graph G;
  G.function("parse_all", {"parse_file"})
      .function("parse_file", {"parse_header"})
      .function("parse_header", {"wait_for_disk"})
      .function("wait_for_disk", {"!sleep_for"});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"parse_all"}, 3), "");
  EXPECT_EQ(G.path(Search, {"parse_header"}, 3), "parse_header>wait_for_disk>!sleep_for");

  HelperReach Fresh = G.search();
  EXPECT_EQ(G.path(Fresh, {"parse_header"}, 3), "parse_header>wait_for_disk>!sleep_for");
  EXPECT_EQ(G.path(Fresh, {"parse_all"}, 3), "");
}

TEST(HelperReach, TheNearestTargetWinsThenSourceOrder) {
  Graph G;
  G.function("load", {"far", "near", "also_near"})
      .function("far", {"farther"})
      .function("farther", {"!sleep"})
      .function("near", {"!fopen"})
      .function("also_near", {"!getline"});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"load"}, 3), "load>near>!fopen");
}

TEST(HelperReach, RecursionEndsAndIsFollowed) {
  Graph G;
  G.function("ping", {"pong"}).function("pong", {"ping", "!sleep"});
  G.function("spin", {"spin"});
  G.function("even", {"odd"}).function("odd", {"even"});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"ping"}, 3), "ping>pong>!sleep");
  EXPECT_EQ(G.path(Search, {"spin"}, 3), "");
  EXPECT_EQ(G.path(Search, {"even"}, 100), "");
}

TEST(HelperReach, ACoroutineOrSystemFunctionIsNotGoneThrough) {
  Graph G;
  G.function("helper", {"other_coroutine"})
      .function("other_coroutine", {"!sleep"}, /*Enterable=*/false);
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"helper"}, 3), "");
  EXPECT_EQ(G.path(Search, {"other_coroutine"}, 3), "");
}

TEST(HelperReach, SeveralCandidatesTheNearestIsTaken) {
  Graph G; // the fast engine's guesses: `save()` may be either overload
  G.function("a::save", {"a::flush"}).function("a::flush", {"!fsync"});
  G.function("b::save", {"!fwrite"});
  HelperReach Search = G.search();
  EXPECT_EQ(G.path(Search, {"a::save", "b::save"}, 3), "b::save>!fwrite");
  EXPECT_EQ(G.path(Search, {"a::save", "b::save"}, 1), "b::save>!fwrite");
}

TEST(HelperReach, EachFunctionIsDescribedOnce) {
  Graph G;
  G.function("shared", {"deeper"}).function("deeper", {"!sleep"});
  for (std::string Caller : {"one", "two", "three"})
    G.function(Caller, {"shared"});
  HelperReach Search = G.search();
  for (std::string Caller : {"one", "two", "three", "shared", "one"})
    EXPECT_EQ(G.path(Search, {Caller}, 3), Caller + ">" + (Caller == "shared" ? "" : "shared>") +
                                               "deeper>!sleep");
  for (const auto &[Name, Times] : G.Described)
    EXPECT_EQ(Times, 1) << Name;
  Search.reset();
  G.path(Search, {"shared"}, 3);
  EXPECT_EQ(G.Described["shared"], 2);
}

TEST(HelperReach, ASpentBudgetAnswersNothing) {
  Graph G;
  std::string Previous = "!sleep";
  for (int I = 0; I < 50; ++I) {
    std::string Name = "f" + std::to_string(I);
    G.function(Name, {Previous});
    Previous = Name;
  }
  WorkBudget Small(20);
  HelperReach Search = G.search(&Small);
  EXPECT_EQ(G.path(Search, {"f49"}, 100), "");
  EXPECT_TRUE(Small.spent());
  EXPECT_EQ(G.path(Search, {"f0"}, 1), ""); // silent from then on, not half-solved

  WorkBudget Enough;
  HelperReach Full = G.search(&Enough);
  EXPECT_NE(G.path(Full, {"f49"}, 100), "");
}

} // namespace
} // namespace corolint
