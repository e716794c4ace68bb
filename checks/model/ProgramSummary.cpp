//===--- ProgramSummary.cpp - what each file tells the others --------------===//

#include "checks/model/ProgramSummary.h"
#include "checks/model/HelperReach.h"
#include "checks/utils/Messages.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace corolint {
namespace {

auto orderOf(const FunctionSummary &F) {
  return std::tie(F.Key, F.File, F.Offset, F.Enterable, F.Calls, F.Overrides, F.Name,
                  F.FileHash, F.Semaphores);
}

auto orderOf(const OpenQuestion &Q) {
  return std::tie(Q.File, Q.Offset, Q.Seeks, Q.Callee, Q.Alternatives, Q.CalleeName, Q.Virtual,
                  Q.Coroutine, Q.Awaited, Q.Offload, Q.Depth, Q.AwaitsReadiness, Q.AnyOverride,
                  Q.Message, Q.Notes, Q.SharedArguments, Q.AsError);
}

/// Any depth: whether a body reaches a blocking operation at all.
constexpr unsigned AnyDepth = ~0u - 1;

/// The program's functions by key, and what a call or a question runs.
class CallTargets {
public:
  /// \p AnyOverride: a virtual call runs the nearest body that blocks, as
  /// soon as one does (the AnyOverrideBlocks option); else only when every one does.
  CallTargets(const ProgramSummaries &Program, bool AnyOverride)
      : AnyOverride(AnyOverride), ByName(Program.Keys == SummaryKeys::Names) {
    ByKey.reserve(Program.Functions.size());
    for (const FunctionSummary &Function : Program.Functions) {
      // A key defined at two places (two overloads the fast engine names
      // alike, two programs' `handle` in one database) is ambiguous.
      if (auto [Known, New] = ByKey.emplace(Function.Key, &Function); !New)
        Ambiguous.insert(Known->first);
      for (const std::string &Overridden : Function.Overrides)
        Overriders[Overridden].push_back(&Function);
    }
    for (std::string_view Key : Ambiguous)
      ByKey.erase(Key);
    for (const FunctionSummary &Function : Program.Functions)
      for (const SummaryCall &Call : Function.Calls)
        if (Call.Virtual)
          VirtualKeys.push_back(Call.Callee);
    for (const OpenQuestion &Question : Program.Questions)
      if (Question.Virtual)
        VirtualKeys.push_back(Question.Callee);
    std::sort(VirtualKeys.begin(), VirtualKeys.end());
    VirtualKeys.erase(std::unique(VirtualKeys.begin(), VirtualKeys.end()), VirtualKeys.end());
  }

  /// The body a call runs, as far as settled: for a virtual call, the
  /// implementation chosen once every one reached a blocking operation; for
  /// a call by name, the one definition of the names it may denote.
  template <typename CallOrQuestion> const FunctionSummary *runs(const CallOrQuestion &Call) const {
    const std::string *Key = &Call.Callee;
    if (!Call.Alternatives.empty()) {
      Key = runsOneOf(Call.Callee, Call.Alternatives);
      if (!Key)
        return nullptr;
    }
    const auto &Table = Call.Virtual ? ResolvedVirtual : ByKey;
    auto Found = Key->empty() ? Table.end() : Table.find(*Key);
    return Found == Table.end() ? nullptr : Found->second;
  }

  /// \p Call is a blocking operation where it is made. By name, a call of a
  /// C function of the table (`write(out, x)` in namespace serde) by a name
  /// the program defines (`serde::write`, overloaded or not) runs the
  /// program's function instead; the full engine's calls are resolved.
  bool blocks(const SummaryCall &Call) const {
    if (Call.Blocks.empty())
      return false;
    if (!ByName)
      return true;
    auto Defined = [&](const std::string &Key) { return isDefined(Key); };
    return !Defined(Call.Callee) &&
           std::none_of(Call.Alternatives.begin(), Call.Alternatives.end(), Defined);
  }

  /// Settles the virtual calls whose every implementation (or, with
  /// AnyOverride, one) reaches a blocking operation in \p Reach; whether any
  /// was settled (a new round is due).
  bool settleVirtualCalls(HelperReach &Reach) {
    bool Settled = false;
    for (const std::string &Key : VirtualKeys) {
      if (ResolvedVirtual.count(Key))
        continue;
      std::vector<const FunctionSummary *> Bodies = implementations(Key);
      const FunctionSummary *Nearest = nullptr;
      size_t NearestLength = 0;
      bool Every = !Bodies.empty();
      for (const FunctionSummary *Body : Bodies) {
        std::optional<HelperReach::Path> Path = Reach.reach({Body}, AnyDepth);
        Every &= Path.has_value();
        if (Path && (!Nearest || Path->Helpers.size() < NearestLength)) {
          Nearest = Body;
          NearestLength = Path->Helpers.size();
        }
      }
      if (AnyOverride ? Nearest != nullptr : Every) {
        ResolvedVirtual.emplace(Key, Nearest);
        Settled = true;
      }
    }
    return Settled;
  }

private:
  /// The one of \p Callee and \p Alternatives the program defines. When
  /// several are (`app::helper` and `::helper`), which one the call means is
  /// a question of lookup the fast engine cannot settle: none.
  const std::string *runsOneOf(const std::string &Callee,
                               const std::vector<std::string> &Alternatives) const {
    const std::string *Found = isDefined(Callee) ? &Callee : nullptr;
    for (const std::string &Other : Alternatives)
      if (isDefined(Other)) {
        if (Found)
          return nullptr;
        Found = &Other;
      }
    return Found && !Ambiguous.count(*Found) ? Found : nullptr;
  }

  bool isDefined(const std::string &Key) const {
    return !Key.empty() && (ByKey.count(Key) || Ambiguous.count(Key));
  }

  /// The method's own body, if it has one, and every override's, transitively.
  std::vector<const FunctionSummary *> implementations(const std::string &Key) const {
    std::vector<const FunctionSummary *> Bodies;
    if (auto Own = ByKey.find(Key); Own != ByKey.end())
      Bodies.push_back(Own->second);
    std::vector<std::string_view> Pending{Key};
    std::unordered_set<std::string_view> Seen{Key};
    while (!Pending.empty()) {
      auto Found = Overriders.find(Pending.back());
      Pending.pop_back();
      if (Found == Overriders.end())
        continue;
      for (const FunctionSummary *Override : Found->second)
        if (Seen.insert(Override->Key).second) {
          Bodies.push_back(Override);
          Pending.push_back(Override->Key);
        }
    }
    return Bodies;
  }

  bool AnyOverride;
  bool ByName; ///< the keys are names as written (the fast engine's)
  std::unordered_map<std::string_view, const FunctionSummary *> ByKey, ResolvedVirtual;
  std::unordered_set<std::string_view> Ambiguous; ///< keys defined at two places
  std::unordered_map<std::string_view, std::vector<const FunctionSummary *>> Overriders;
  std::vector<std::string> VirtualKeys;
};

/// The units' own search over every unit's functions, for one thing sought
/// and one reading of virtual calls: one set of distances serves every
/// question that asks the same.
class ProgramSearch {
public:
  ProgramSearch(const ProgramSummaries &Program, Sought Seeks, bool AnyOverride)
      : Seeks(Seeks), Targets(Program, AnyOverride), Reach(search()) {
    // A virtual call settled makes its callers reach: search again until no
    // more settle (at most once per virtual method, mostly once).
    while (Targets.settleVirtualCalls(Reach))
      Reach = search();
  }
  // Its search's describer points back at it.
  ProgramSearch(const ProgramSearch &) = delete;
  ProgramSearch &operator=(const ProgramSearch &) = delete;

  Sought Seeks;
  CallTargets Targets;
  HelperReach Reach;

private:
  HelperReach search() {
    return HelperReach([this](HelperReach::FunctionId Id) {
      const auto &Summary = *static_cast<const FunctionSummary *>(Id);
      HelperReach::Function Described;
      Described.Enterable = Summary.Enterable;
      for (const SummaryCall &Call : Summary.Calls) {
        HelperReach::Call &Made = Described.Calls.emplace_back();
        Made.Site = &Call;
        Made.IsTarget = Seeks == Sought::Runner ? !Call.Runs.empty() : Targets.blocks(Call);
        // A runner's own body (aio::run's, in a header) is not the program's
        // doing: running the loop is the finding, whichever is sought.
        if (!Call.Runs.empty())
          continue;
        if (const FunctionSummary *Callee = Targets.runs(Call))
          Made.Callees.push_back(Callee);
      }
      return Described;
    });
  }
};

/// The searches the questions need, each made once when first asked for.
class ProgramSearches {
public:
  explicit ProgramSearches(const ProgramSummaries &Program) : Program(Program) {}
  ProgramSearch &forQuestion(const OpenQuestion &Question) {
    std::optional<ProgramSearch> &Search =
        Made[Question.Seeks == Sought::Runner][Question.AnyOverride];
    if (!Search)
      Search.emplace(Program, Question.Seeks, Question.AnyOverride);
    return *Search;
  }

private:
  const ProgramSummaries &Program;
  std::optional<ProgramSearch> Made[2][2]; ///< by [sought a runner][AnyOverride]
};

/// Where a question's coroutine runs the operation its callee reaches. The
/// unit asked only when the coroutine had not hopped onto a pool, and the
/// target's unit left out descriptor I/O on a descriptor made non-blocking
/// (by an accessor, or in a function that handles EAGAIN).
class QuestionPlace : public BlockingPlaceFacts {
public:
  explicit QuestionPlace(const OpenQuestion &Question) : Question(Question) {}
  bool onPool() override { return false; }
  bool awaitsReadiness() override { return Question.AwaitsReadiness; }
  bool onNonBlockingDescriptor() override { return false; }
  bool handlesWouldBlock() override { return false; }

private:
  const OpenQuestion &Question;
};

std::string quoted(std::string_view Name) { return "'" + std::string(Name) + "'"; }

} // namespace

std::string_view checkSeeking(Sought Seeks) {
  switch (Seeks) {
  case Sought::Blocking:
    break;
  case Sought::Runner:
    return "async-nested-run";
  case Sought::Bound:
    return "async-unbounded-spawn";
  }
  return "async-blocking-call";
}

std::string PathNote::message(std::string_view Where) const {
  if (Kind == Step::Said)
    return Where.empty() ? Called : Called + " (" + std::string(Where) + ")";
  std::string Text = quoted(Function);
  if (!Where.empty())
    Text += " (" + std::string(Where) + ")";
  switch (Kind) {
  case Step::Call:
    return Text + " calls " + quoted(Called) + " here";
  case Step::Blocking:
    return Text + " calls blocking " + quoted(Called) + " here";
  case Step::Runner:
    return Text + " runs a loop with " + quoted(Called) + " here";
  case Step::Said:
    break;
  }
  return Text;
}

void ProgramSummaries::append(ProgramSummaries &&Other) {
  if (Functions.empty() && Questions.empty()) // the first unit's, or an empty shard's
    Keys = Other.Keys;
  std::move(Other.Functions.begin(), Other.Functions.end(), std::back_inserter(Functions));
  std::move(Other.Questions.begin(), Other.Questions.end(), std::back_inserter(Questions));
}

void ProgramSummaries::deduplicate() {
  // Two units may see one definition differently (their macros differ): the
  // least in a fixed order is kept, whichever unit ran first.
  std::sort(Functions.begin(), Functions.end(),
            [](const FunctionSummary &A, const FunctionSummary &B) {
              return orderOf(A) < orderOf(B);
            });
  // A key at two places stays twice: the answers find it ambiguous. One
  // definition's semaphores (async-unbounded-spawn's) join the summary kept,
  // whichever check wrote the rest.
  std::vector<FunctionSummary> Kept;
  for (FunctionSummary &Function : Functions) {
    if (!Kept.empty() && Kept.back().Key == Function.Key && Kept.back().File == Function.File &&
        Kept.back().Offset == Function.Offset) {
      if (!Kept.back().Semaphores)
        Kept.back().Semaphores = std::move(Function.Semaphores);
      continue;
    }
    Kept.push_back(std::move(Function));
  }
  Functions = std::move(Kept);
  std::sort(Questions.begin(), Questions.end(),
            [](const OpenQuestion &A, const OpenQuestion &B) { return orderOf(A) < orderOf(B); });
  Questions.erase(std::unique(Questions.begin(), Questions.end()), Questions.end());
}

namespace {

/// \p Question's answer when \p Path (from the callee) reaches what it seeks.
std::optional<CrossFileFinding> answerOf(const OpenQuestion &Question,
                                         const HelperReach::Path &Path,
                                         const CallTargets &Targets) {
  const auto &Target = *static_cast<const SummaryCall *>(Path.Target);
  CrossFileFinding Answer;
  PathNote::Step LastStep = PathNote::Step::Runner;
  std::string Reached = Target.Runs;
  Answer.Check = checkSeeking(Question.Seeks);
  Answer.AsError = Question.AsError;
  if (Question.Seeks == Sought::Runner) {
    Answer.Message =
        messages::nestedRunThroughHelper(Question.CalleeName, Question.Coroutine, Reached);
  } else {
    BlockingOperation Operation{Target.Kind, Target.Blocks};
    QuestionPlace Place(Question);
    if (!blocksThere(Operation, Place))
      return std::nullopt;
    Answer.Message = Question.Awaited.empty()
                         ? messages::blockingHelper(Question.CalleeName, Question.Coroutine,
                                                    Operation.Name, Question.Offload)
                         : messages::blockingAwaiter(Question.Awaited, Question.Coroutine,
                                                     Operation.Name, Question.Offload);
    LastStep = PathNote::Step::Blocking;
    Reached = Operation.Name;
  }
  Answer.File = Question.File;
  Answer.Offset = Question.Offset;
  // Each helper's call of the next, then the operation itself.
  for (size_t I = 0; I + 1 < Path.Helpers.size(); ++I) {
    const auto &Helper = *static_cast<const FunctionSummary *>(Path.Helpers[I]);
    const auto &Next = *static_cast<const FunctionSummary *>(Path.Helpers[I + 1]);
    auto Call = std::find_if(Helper.Calls.begin(), Helper.Calls.end(),
                             [&](const SummaryCall &Made) { return Targets.runs(Made) == &Next; });
    Answer.Notes.push_back({Helper.File, Call == Helper.Calls.end() ? Helper.Offset : Call->Offset,
                            Helper.Name, Next.Name, PathNote::Step::Call});
  }
  const auto &Last = *static_cast<const FunctionSummary *>(Path.Helpers.back());
  Answer.Notes.push_back({Last.File, Target.Offset, Last.Name, Reached, LastStep});
  return Answer;
}

/// What one bound question says of its coroutine: it bounds the tasks, or
/// not (with a note when it drops the semaphore it is handed). A coroutine
/// whose body is nowhere (or that the check did not summarize) is judged by
/// the unit's rule: a shared semaphore handed to it is trusted.
struct BoundVerdict {
  bool Bounds = false;
  std::optional<PathNote> Note;
};

BoundVerdict boundVerdict(const OpenQuestion &Question, const CallTargets &Targets) {
  const FunctionSummary *Callee = Targets.runs(Question);
  if (!Callee || !Callee->Semaphores)
    return {!Question.SharedArguments.empty(), std::nullopt};
  const SemaphoreUse &Use = *Callee->Semaphores;
  bool TakesHanded = std::any_of(
      Question.SharedArguments.begin(), Question.SharedArguments.end(), [&](unsigned Index) {
        return std::find(Use.Parameters.begin(), Use.Parameters.end(), Index) !=
               Use.Parameters.end();
      });
  if (Use.Shared || TakesHanded)
    return {true, std::nullopt};
  if (Question.SharedArguments.empty())
    return {};
  return {false, PathNote{Callee->File, Callee->Offset, "",
                          messages::semaphoreNotAcquired(Callee->Name), PathNote::Step::Said}};
}

/// The unbounded-spawn findings the bound questions carry. The questions of
/// one place (one per coroutine elsewhere that the spawned work runs or
/// awaits) carry one finding: withdrawn when one of them bounds the tasks.
std::vector<CrossFileFinding> boundAnswers(const ProgramSummaries &Program) {
  std::optional<CallTargets> Targets;
  std::map<std::pair<std::string_view, unsigned>, size_t> Found; // place -> index in Answers
  std::vector<CrossFileFinding> Answers;
  std::vector<bool> Withdrawn;
  for (const OpenQuestion &Question : Program.Questions) {
    if (Question.Seeks != Sought::Bound)
      continue;
    if (!Targets)
      Targets.emplace(Program, /*AnyOverride=*/false);
    auto [Place, New] = Found.try_emplace({Question.File, Question.Offset}, Answers.size());
    if (New) {
      Answers.push_back({std::string(checkSeeking(Question.Seeks)), Question.File,
                         Question.Offset, Question.Message, Question.Notes, Question.AsError});
      Withdrawn.push_back(false);
    }
    BoundVerdict Verdict = boundVerdict(Question, *Targets);
    Withdrawn[Place->second] = Withdrawn[Place->second] || Verdict.Bounds;
    if (Verdict.Note)
      Answers[Place->second].Notes.push_back(std::move(*Verdict.Note));
  }
  std::vector<CrossFileFinding> Standing;
  for (size_t I = 0; I < Answers.size(); ++I)
    if (!Withdrawn[I])
      Standing.push_back(std::move(Answers[I]));
  return Standing;
}

} // namespace

std::vector<CrossFileFinding> answerOpenQuestions(const ProgramSummaries &Program) {
  ProgramSearches Searches(Program);
  std::vector<CrossFileFinding> Answers = boundAnswers(Program);
  for (const OpenQuestion &Question : Program.Questions) {
    if (Question.Seeks == Sought::Bound)
      continue;
    ProgramSearch &Search = Searches.forQuestion(Question);
    const FunctionSummary *Callee = Search.Targets.runs(Question);
    if (!Callee)
      continue; // no body anywhere: the unit's own rules decided
    std::optional<HelperReach::Path> Path = Search.Reach.reach({Callee}, Question.Depth);
    if (!Path)
      continue;
    if (std::optional<CrossFileFinding> Answer = answerOf(Question, *Path, Search.Targets))
      Answers.push_back(std::move(*Answer));
  }
  return Answers;
}

} // namespace corolint
