//===--- FastWholeProgram.cpp - `corolint --fast`: findings across files --===//

#include "FastWholeProgram.h"
#include "SummaryFile.h"

#include "checks/model/Words.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

namespace corolint {
namespace {

/// The functions the whole program's answers may need: those the
/// coroutines' open questions call, then those these call, transitively, by
/// key (the functions of another scope that share a name are not followed).
/// Files are chosen by the names (last segments) of the keys.
class NeededFunctions {
public:
  /// \p Summaries (kept alive and unmoved by the caller) joins the program.
  void add(const ProgramSummaries &Summaries) {
    for (const FunctionSummary &Function : Summaries.Functions) {
      ByKey[Function.Key].push_back(&Function);
      if (Keys.count(Function.Key))
        expand(Function);
    }
    for (const OpenQuestion &Question : Summaries.Questions)
      need(Question);
    drain();
  }
  /// The names of the keys needed since the last call.
  std::set<std::string> takeNewNames() { return std::exchange(NewNames, {}); }

private:
  static std::string lastSegment(llvm::StringRef Key) {
    Key = Key.substr(Key.rfind('#') + 1); // after a file of internal linkage
    size_t Scope = Key.rfind("::");
    return (Scope == llvm::StringRef::npos ? Key : Key.substr(Scope + 2)).str();
  }
  template <typename CallOrQuestion> void need(const CallOrQuestion &Call) {
    need(Call.Callee);
    for (const std::string &Other : Call.Alternatives)
      need(Other);
  }
  void need(const std::string &Key) {
    if (!Key.empty() && Keys.insert(Key).second) {
      NewNames.insert(lastSegment(Key));
      Pending.push_back(Key);
    }
  }
  void expand(const FunctionSummary &Function) {
    for (const SummaryCall &Call : Function.Calls)
      need(Call);
  }
  void drain() {
    while (!Pending.empty()) {
      std::string Key = std::move(Pending.back());
      Pending.pop_back();
      if (auto Found = ByKey.find(Key); Found != ByKey.end())
        for (const FunctionSummary *Function : Found->second)
          expand(*Function);
    }
  }

  std::map<std::string, std::vector<const FunctionSummary *>, std::less<>> ByKey;
  std::set<std::string> Keys, NewNames;
  std::vector<std::string> Pending;
};

/// After the name at \p At: `(parameters)` then what may follow a function's
/// parameters in its definition (`{`, `const`, `noexcept`, `->`, a
/// constructor's `:`), not what follows a call (`;`, `)`, `.`, `,`).
bool parametersThenBody(llvm::StringRef Text, size_t At) {
  At = Text.find_first_not_of(" \t\r\n", At);
  if (At == llvm::StringRef::npos || Text[At] != '(')
    return false;
  unsigned Depth = 0;
  for (; At < Text.size(); ++At) {
    Depth += Text[At] == '(';
    if (Text[At] == ')' && --Depth == 0)
      break;
  }
  At = Text.find_first_not_of(" \t\r\n", At + 1);
  if (At == llvm::StringRef::npos)
    return false;
  llvm::StringRef Rest = Text.substr(At);
  if (Rest.starts_with("{") || Rest.starts_with("->") || Rest.starts_with("&") ||
      (Rest.starts_with(":") && !Rest.starts_with("::")))
    return true;
  llvm::StringRef Word = Rest.take_while(isWordChar);
  return llvm::is_contained({"const", "noexcept", "override", "final", "volatile", "mutable",
                             "requires", "try"},
                            Word);
}

/// The names \p Text may define functions of: a name, then what a
/// definition's parameters are followed by. Calls (`app().run()`) are not
/// definitions; a false one only costs a parse.
std::vector<llvm::StringRef> mayDefine(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Names;
  fast::anyWord(std::string_view(Text.data(), Text.size()), [&](std::string_view Word, size_t End) {
    if (parametersThenBody(Text, End))
      Names.emplace_back(Word.data(), Word.size());
    return false;
  });
  return Names;
}

/// Line and column of byte \p Offset of \p Text, as the engine counts them.
fast::Position positionAt(llvm::StringRef Text, uint32_t Offset) {
  Offset = std::min<uint32_t>(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  return {Offset, unsigned(1 + Before.count('\n')), unsigned(Offset - LineStart + 1)};
}

} // namespace

void forEachIndex(unsigned Jobs, size_t Count, llvm::function_ref<void(size_t)> Work) {
  if (Jobs <= 1 || Count <= 1) {
    for (size_t I = 0; I < Count; ++I)
      Work(I);
    return;
  }
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Count; ++I)
    Pool.async([&, I] { Work(I); });
  Pool.wait();
}

void summarizeTheRest(const LintSettings &S, unsigned Jobs, const std::vector<std::string> &Files,
                      std::vector<FileOutcome> &Outcomes) {
  std::vector<size_t> Rest;
  NeededFunctions Needed;
  for (size_t I = 0; I < Outcomes.size(); ++I) {
    const FileOutcome &Outcome = Outcomes[I];
    if (Outcome.Result.Summarized)
      Needed.add(Outcome.Result.Summaries);
    else if (Outcome.Buffer && Outcome.Engine && Outcome.Engine->summarizes())
      Rest.push_back(I);
  }
  auto Summarize = [&](const std::vector<size_t> &Now) {
    forEachIndex(Jobs, Now.size(), [&](size_t K) {
      FileOutcome &Outcome = Outcomes[Now[K]];
      llvm::StringRef Text = Outcome.Buffer->getBuffer();
      Outcome.Result.Summaries =
          Outcome.Engine->summarize(std::string_view(Text.data(), Text.size()), Files[Now[K]]);
      Outcome.Result.Summarized = true;
    });
  };
  if (!S.SummariesOut.empty())
    return Summarize(Rest);
  std::set<std::string> New = Needed.takeNewNames();
  if (New.empty() || Rest.empty())
    return;
  // Which files may define what, read once; then each round parses the files
  // that may define a function needed since the last.
  std::vector<std::vector<llvm::StringRef>> Defines(Rest.size());
  forEachIndex(Jobs, Rest.size(),
               [&](size_t K) { Defines[K] = mayDefine(Outcomes[Rest[K]].Buffer->getBuffer()); });
  llvm::StringMap<std::vector<size_t>> FilesDefining;
  for (size_t K = 0; K < Rest.size(); ++K)
    for (llvm::StringRef Name : Defines[K])
      if (std::vector<size_t> &Files = FilesDefining[Name]; Files.empty() || Files.back() != Rest[K])
        Files.push_back(Rest[K]);
  for (; !New.empty(); New = Needed.takeNewNames()) {
    std::vector<size_t> Now;
    for (const std::string &Name : New)
      if (auto Found = FilesDefining.find(Name); Found != FilesDefining.end())
        for (size_t I : Found->second)
          if (!Outcomes[I].Result.Summarized) {
            Outcomes[I].Result.Summarized = true; // claimed: parsed this round
            Now.push_back(I);
          }
    Summarize(Now);
    for (size_t I : Now)
      Needed.add(Outcomes[I].Result.Summaries);
  }
}


llvm::StringRef lineAt(llvm::StringRef Text, uint32_t Offset) {
  size_t Start = Text.take_front(Offset).rfind('\n');
  Start = Start == llvm::StringRef::npos ? 0 : Start + 1;
  size_t End = Text.find_first_of("\r\n", Start);
  return Text.slice(Start, End == llvm::StringRef::npos ? Text.size() : End);
}

SourcePosition position(const std::string &File, const fast::Position &Where) {
  return {File, Where.Offset, Where.Line, Where.Column};
}

bool answerAcrossFiles(const LintSettings &S, const std::vector<std::string> &Files,
                       std::vector<FileOutcome> &Outcomes, std::vector<Finding> &Findings) {
  ProgramSummaries Program;
  for (FileOutcome &Outcome : Outcomes)
    Program.append(std::move(Outcome.Result.Summaries));
  Program.Keys = SummaryKeys::Names;
  Program.deduplicate();
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options =
      makeOptionsProvider(S.Defaults, S.Overrides);
  WarningsAsErrors AsErrors(*Options);
  markAsErrors(Program, AsErrors);
  bool Ok = true;
  if (!S.SummariesOut.empty())
    if (llvm::Error E = writeSummaryFile(S.SummariesOut, Program)) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "cannot write '" << S.SummariesOut << "': " << llvm::toString(std::move(E)) << "\n";
      Ok = false;
    }
  if (S.Slice.Count > 1 && !S.SummariesOut.empty())
    return Ok;
  std::map<std::string, llvm::StringRef, std::less<>> Texts;
  for (size_t I = 0; I < Files.size(); ++I)
    if (Outcomes[I].Buffer)
      Texts.emplace(Files[I], Outcomes[I].Buffer->getBuffer());
  // Every place an answer names is in a file this run read.
  auto Place = [&](const std::string &File, unsigned Offset) -> std::optional<SourcePosition> {
    auto Text = Texts.find(File);
    if (Text == Texts.end())
      return std::nullopt;
    return position(File, positionAt(Text->second, Offset));
  };
  for (CrossFileFinding &Answer : answerProgram(Program, S.Verbose ? &llvm::errs() : nullptr)) {
    std::optional<SourcePosition> Where = Place(Answer.File, Answer.Offset);
    if (!Where)
      continue;
    Finding &F = Findings.emplace_back();
    F.Check = std::move(Answer.Check);
    F.Message = std::move(Answer.Message);
    if (Answer.AsError)
      F.Severity = Level::Error;
    F.LineText = lineAt(Texts.find(Answer.File)->second, Answer.Offset).str();
    F.Where = std::move(*Where);
    for (const PathNote &Step : Answer.Notes)
      if (std::optional<SourcePosition> At = Place(Step.File, Step.Offset))
        F.Notes.push_back({Step.message(), std::move(*At), {}});
  }
  return Ok;
}

} // namespace corolint
