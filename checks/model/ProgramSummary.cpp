//===--- ProgramSummary.cpp - what each file tells the others --------------===//

#include "checks/model/ProgramSummary.h"
#include "checks/model/HelperReach.h"
#include "checks/utils/Messages.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace corolint {
namespace {

auto orderOf(const FunctionSummary &F) {
  return std::tie(F.Key, F.Enterable, F.Calls, F.File, F.Offset, F.Name, F.FileHash);
}

auto orderOf(const OpenQuestion &Q) {
  return std::tie(Q.File, Q.Offset, Q.Callee, Q.CalleeName, Q.Coroutine, Q.Awaited, Q.Offload,
                  Q.Depth, Q.AwaitsReadiness);
}

/// Where a question's coroutine runs the operation its callee reaches. The
/// unit asked only when the coroutine had not hopped onto a pool, and the
/// target's unit left out descriptor I/O on a descriptor made non-blocking.
class QuestionPlace : public BlockingPlaceFacts {
public:
  explicit QuestionPlace(const OpenQuestion &Question) : Question(Question) {}
  bool onPool() override { return false; }
  bool awaitsReadiness() override { return Question.AwaitsReadiness; }
  bool onNonBlockingDescriptor() override { return false; }

private:
  const OpenQuestion &Question;
};

std::string quoted(std::string_view Name) { return "'" + std::string(Name) + "'"; }

} // namespace

void ProgramSummaries::append(ProgramSummaries &&Other) {
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
  Functions.erase(std::unique(Functions.begin(), Functions.end(),
                              [](const FunctionSummary &A, const FunctionSummary &B) {
                                return A.Key == B.Key;
                              }),
                  Functions.end());
  std::sort(Questions.begin(), Questions.end(),
            [](const OpenQuestion &A, const OpenQuestion &B) { return orderOf(A) < orderOf(B); });
  Questions.erase(std::unique(Questions.begin(), Questions.end()), Questions.end());
}

std::vector<CrossFileFinding> answerOpenQuestions(const ProgramSummaries &Program) {
  std::unordered_map<std::string_view, const FunctionSummary *> ByKey;
  ByKey.reserve(Program.Functions.size());
  for (const FunctionSummary &Function : Program.Functions)
    ByKey.emplace(Function.Key, &Function);
  auto Lookup = [&](const std::string &Key) -> const FunctionSummary * {
    auto Found = Key.empty() ? ByKey.end() : ByKey.find(Key);
    return Found == ByKey.end() ? nullptr : Found->second;
  };

  // The units' own search, over every unit's functions: one set of
  // distances serves every question.
  HelperReach Reach([&](HelperReach::FunctionId Id) {
    const auto &Summary = *static_cast<const FunctionSummary *>(Id);
    HelperReach::Function Described;
    Described.Enterable = Summary.Enterable;
    for (const SummaryCall &Call : Summary.Calls) {
      HelperReach::Call &Made = Described.Calls.emplace_back();
      Made.Site = &Call;
      Made.IsTarget = !Call.Blocks.empty();
      if (const FunctionSummary *Callee = Lookup(Call.Callee))
        Made.Callees.push_back(Callee);
    }
    return Described;
  });

  std::vector<CrossFileFinding> Answers;
  for (const OpenQuestion &Question : Program.Questions) {
    const FunctionSummary *Callee = Lookup(Question.Callee);
    if (!Callee)
      continue; // no body anywhere: the blocking table decided in the unit
    std::optional<HelperReach::Path> Path = Reach.reach({Callee}, Question.Depth);
    if (!Path)
      continue;
    const auto &Target = *static_cast<const SummaryCall *>(Path->Target);
    BlockingOperation Operation{Target.Kind, Target.Blocks};
    QuestionPlace Place(Question);
    if (!blocksThere(Operation, Place))
      continue;

    CrossFileFinding &Answer = Answers.emplace_back();
    Answer.File = Question.File;
    Answer.Offset = Question.Offset;
    Answer.Message = Question.Awaited.empty()
                         ? messages::blockingHelper(Question.CalleeName, Question.Coroutine,
                                                    Operation.Name, Question.Offload)
                         : messages::blockingAwaiter(Question.Awaited, Question.Coroutine,
                                                     Operation.Name, Question.Offload);
    // Each helper's call of the next, then the blocking call itself.
    for (size_t I = 0; I + 1 < Path->Helpers.size(); ++I) {
      const auto &Helper = *static_cast<const FunctionSummary *>(Path->Helpers[I]);
      const auto &Next = *static_cast<const FunctionSummary *>(Path->Helpers[I + 1]);
      auto Call = std::find_if(Helper.Calls.begin(), Helper.Calls.end(),
                               [&](const SummaryCall &Made) { return Made.Callee == Next.Key; });
      Answer.Notes.push_back({Helper.File, Call == Helper.Calls.end() ? Helper.Offset : Call->Offset,
                              quoted(Helper.Name) + " calls " + quoted(Next.Name) + " here"});
    }
    const auto &Last = *static_cast<const FunctionSummary *>(Path->Helpers.back());
    Answer.Notes.push_back({Last.File, Target.Offset,
                            quoted(Last.Name) + " calls blocking " + quoted(Operation.Name) +
                                " here"});
  }
  return Answers;
}

} // namespace corolint
