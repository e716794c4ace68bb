//===--- FastEngine.cpp - parse, build the model, run the checks ----------===//

#include "driver/fast/FastEngine.h"

#include "driver/fast/FastCheck.h"
#include "driver/fast/FunctionModel.h"
#include "driver/fast/Nolint.h"
#include "driver/fast/SyntaxTree.h"

#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace corolint::fast {

namespace {

/// The first token of \p Node, for a message: at most one line, 40 bytes.
std::string firstToken(TSNode Node, std::string_view Source) {
  while (childCount(Node) != 0)
    Node = ts_node_child(Node, 0);
  std::string_view Text = nodeText(Node, Source);
  Text = Text.substr(0, std::min(Text.find('\n'), size_t(40)));
  return std::string(Text);
}

/// Where tree-sitter gave up: ERROR nodes (reported once, not per token
/// inside) and MISSING tokens it had to invent.
std::vector<ParseProblem> collectParseProblems(TSNode Root, std::string_view Source) {
  std::vector<ParseProblem> Problems;
  if (!ts_node_has_error(Root))
    return Problems;
  auto Report = [&](TSNode Node, std::string What) {
    TSPoint Where = ts_node_start_point(Node);
    Problems.push_back({{ts_node_start_byte(Node), Where.row + 1, Where.column + 1}, std::move(What)});
  };
  traverse(
      Root,
      [&](TSNode Node) {
        if (!ts_node_has_error(Node))
          return false;
        if (ts_node_is_missing(Node)) {
          std::string Expected(nodeType(Node));
          if (!ts_node_is_named(Node))
            Report(Node, "expected '" + Expected + "'");
          else if (Expected.find("identifier") != std::string::npos)
            Report(Node, "expected a name");
          else {
            std::replace(Expected.begin(), Expected.end(), '_', ' '); // "primitive type"
            Report(Node, "expected " + Expected);
          }
          return false;
        }
        if (nodeType(Node) == "ERROR") {
          std::string Token = firstToken(Node, Source);
          Report(Node, Token.empty() ? std::string("cannot parse this code")
                                     : "cannot parse the code starting at '" + Token + "'");
          return false;
        }
        return true;
      },
      [](TSNode) {});
  return Problems;
}

/// The file's name and content hash in its summaries: a function is believed
/// only while its file hashes the same (an editor's summary file).
void describeFile(ProgramSummaries &Summaries, std::string_view Source, std::string_view File) {
  Summaries.Keys = SummaryKeys::Names;
  uint64_t Hash = llvm::xxh3_64bits(llvm::StringRef(Source.data(), Source.size()));
  for (FunctionSummary &Function : Summaries.Functions) {
    Function.File = std::string(File);
    Function.FileHash = Hash;
  }
  for (OpenQuestion &Question : Summaries.Questions)
    Question.File = std::string(File);
}

} // namespace

Engine::Engine(const Options &Opts) {
  using Factory = std::unique_ptr<FastCheck> (*)(const Options &);
  static constexpr std::pair<std::string_view, Factory> Factories[] = {
#define ASYNC_CHECK(Stem, Name) {Name, make##Stem##Check},
#include "checks/Checks.def"
  };
  for (const auto &[Name, Make] : Factories)
    if (Opts.enabled(Name))
      if (std::unique_ptr<FastCheck> Check = Make(Opts))
        Checks.push_back(std::move(Check));
  for (const std::unique_ptr<FastCheck> &Check : Checks) {
    Check->request(Request);
    Summarize |= Opts.CollectSummaries && Check->summarizes();
  }
  Request.EveryCall = Summarize;
  // co_await and co_yield make a body a coroutine; so does co_return, and a
  // macro that expands to one of them spells one too.
  Triggers = {{"co_await"}, {"co_yield"}, {"co_return"}};
  for (const std::unique_ptr<FastCheck> &Check : Checks)
    Check->triggers(Triggers);
  std::sort(Triggers.begin(), Triggers.end());
  Triggers.erase(std::unique(Triggers.begin(), Triggers.end()), Triggers.end());
}

Engine::~Engine() = default;

FileResult Engine::lint(std::string_view Source, std::string_view File) const {
  FileResult Result;
  if (Source.size() >= UINT32_MAX) {
    Result.ParseProblems.push_back({{0, 1, 1}, "file too large for the fast engine (4 GiB or more)"});
    return Result;
  }
  // Most files of a large tree have no coroutine and name nothing a check
  // looks for: they cannot have findings, so they are not parsed.
  auto Present = [&](const std::vector<std::string> &Words) {
    return std::all_of(Words.begin(), Words.end(), [&](const std::string &Word) {
      return Word == "*" || containsWord(Source, Word);
    });
  };
  if (Checks.empty() || std::none_of(Triggers.begin(), Triggers.end(), Present))
    return Result;
  return run(Source, File, /*Checked=*/true);
}

ProgramSummaries Engine::summarize(std::string_view Source, std::string_view File) const {
  if (!Summarize || Source.size() >= UINT32_MAX)
    return {};
  return run(Source, File, /*Checked=*/false).Summaries;
}

FileResult Engine::run(std::string_view Source, std::string_view File, bool Checked) const {
  FileResult Result;
  Result.Summarized = Summarize;
  SyntaxTree Tree = SyntaxTree::parse(Source);
  if (!Tree.valid()) {
    if (Checked)
      Result.ParseProblems.push_back({{0, 1, 1}, "tree-sitter could not parse the file"});
    return Result;
  }
  if (Checked)
    Result.ParseProblems = collectParseProblems(Tree.root(), Source);

  // The scan is one walk of the tree, each name resolved against at most
  // ScopeStack::MaxCandidates directives; the checks walk single bodies. What
  // is not linear (helper paths) shares this budget: about a second.
  FileModel Model = scanFile(Tree.root(), Source, Request);
  WorkBudget Budget(WorkBudget::PerFunction);
  CheckContext Context{Source, Tree.root(), Model, Result.Findings, Budget,
                       Summarize ? &Result.Summaries : nullptr, File};
  for (const std::unique_ptr<FastCheck> &Check : Checks) {
    if (Checked)
      Check->check(Context);
    if (Summarize && Check->summarizes())
      Check->summarize(Context);
  }
  if (Budget.spent())
    Result.GaveUp.push_back("the helper search of async-blocking-call and async-nested-run");
  if (Summarize)
    describeFile(Result.Summaries, Source, File);

  if (!Result.Findings.empty() && Source.find("NOLINT") != std::string_view::npos) {
    NolintDirectives Directives(Source);
    Result.Findings.erase(std::remove_if(Result.Findings.begin(), Result.Findings.end(),
                                         [&](const Finding &F) {
                                           return Directives.suppresses(F.CheckName, F.Where.Line);
                                         }),
                          Result.Findings.end());
  }
  std::stable_sort(Result.Findings.begin(), Result.Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Where.Offset, A.CheckName) < std::tie(B.Where.Offset, B.CheckName);
                   });
  return Result;
}

FileResult lintBuffer(std::string_view Source, const Options &Opts) { return Engine(Opts).lint(Source); }

} // namespace corolint::fast
