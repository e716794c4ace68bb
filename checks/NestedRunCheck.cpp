//===--- NestedRunCheck.cpp - async-nested-run -----------------------------===//

#include "NestedRunCheck.h"
#include "checks/model/NestedRun.h"
#include "utils/HelperSearch.h"
#include "utils/Coroutines.h"
#include "utils/LoopDependence.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/Summaries.h"
#include "utils/TestMacros.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

std::string runnerName(const CallExpr &Call) { return loopRunnerName(*Call.getDirectCallee()); }

/// \p Loc is written in the argument of a test assertion that expects it to
/// fail (EXPECT_DEATH, EXPECT_THROW): the blocking run is what the test checks.
bool inFailureExpectingMacro(SourceLocation Loc, const SourceManager &Sources,
                             const LangOptions &Language) {
  return expandedFromMacro(Loc, Sources, Language, [](llvm::StringRef Macro) {
    return expectsFailure(std::string_view(Macro.data(), Macro.size()));
  });
}

} // namespace

NestedRunCheck::NestedRunCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), Helpers([this](const Expr &E) {
        const auto *Call = llvm::dyn_cast<CallExpr>(&E);
        return Call && isRunner(*Call);
      }) {
  auto Blocking = optionsOf<BlockingCallOptions>("async-blocking-call", *Context, Profile);
  BlockingCallSummarizes = Context->isCheckEnabled("async-blocking-call") && Blocking.CrossFile;
  SummaryFile = std::move(Blocking.SummaryFile);
  // A virtual call runs a loop by the whole-program rule (every body it may run).
  Helpers.followVirtualCalls(false);
}

void NestedRunCheck::onStartOfTranslationUnit() {
  Helpers.reset();
  Unit = nullptr;
  Editor.clear();
  LeftVirtualCall = false;
}

void NestedRunCheck::onEndOfTranslationUnit() {
  if (!Unit)
    return;
  Editor.finishUnit(
      *Summaries, CrossFile ? SummaryFile : "", LeftVirtualCall || Helpers.metVirtualCall(),
      Unit->getSourceManager(),
      [&](ProgramSummaries &Out) {
        UnitSummarizer(RunFunctions.Names).summarizeUnit(*Unit, Out);
      },
      *this);
}

void NestedRunCheck::registerMatchers(MatchFinder *Finder) {
  if (RunFunctions.Names.empty())
    return;
  // The CLI's whole-program step collects. Without it, the unit's questions
  // are answered at its end (the unit summarized afresh, by this check): from
  // the project's summary file, or over the unit alone when a virtual call
  // was left to the whole-program rule.
  Summaries = CrossFile ? summaryOutput() : nullptr;
  if (!Summaries)
    Summaries = &Editor.Unit;
  if (Summaries == &Editor.Unit || !BlockingCallSummarizes)
    Finder->addMatcher(functionDecl(isDefinition()).bind("definition"), this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(isInNameList(&RunFunctions.Names)))).bind("run"), this);
  if (HelperDepth > 0)
    Finder->addMatcher(callExpr(callee(functionDecl(unless(isInNameList(&RunFunctions.Names)))),
                                isInCoroutine())
                           .bind("call"),
                       this);
}

bool NestedRunCheck::isRunner(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && isListed(*Callee, RunFunctions.Names);
}

namespace {

/// \p Run's options (any argument after the task) read a variable declared in \p Loop.
bool configuredPerIteration(const CallExpr &Run, const Stmt &Loop, ASTContext &Context) {
  for (unsigned I = 1; I < Run.getNumArgs(); ++I) {
    auto Refs = match(findAll(declRefExpr(to(varDecl())).bind("ref")),
                      *Run.getArg(I)->IgnoreUnlessSpelledInSource(), Context);
    for (const BoundNodes &Ref : Refs)
      if (isDeclaredIn(*Ref.getNodeAs<DeclRefExpr>("ref")->getDecl(), Loop))
        return true;
  }
  return false;
}

/// A call as the AST shows it, for nestedRun().
class ClangRunCall : public RunCallFacts {
public:
  ClangRunCall(const CallExpr &Call, bool IsRunner, const MatchFinder::MatchResult &Result,
               HelperSearch &Helpers, unsigned HelperDepth)
      : Call(Call), IsRunner(IsRunner), Result(Result), Context(*Result.Context),
        Where(contextOf(Call, Context)), Helpers(Helpers), HelperDepth(HelperDepth) {}

  std::string runner() override { return IsRunner ? runnerName(Call) : ""; }
  std::optional<std::string> coroutine() override {
    if (!Where.Function || !isCoroutine(*Where.Function))
      return std::nullopt;
    return coroutineDisplayName(*Where.Function);
  }
  bool notRunForReal() override {
    return !Where.Function || Where.Unevaluated ||
           inFailureExpectingMacro(Call.getBeginLoc(), *Result.SourceManager,
                                   Context.getLangOpts());
  }
  bool runsExistingLoop() override {
    const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Call.getDirectCallee());
    return Method && !Method->isStatic();
  }
  std::size_t loopCount() override {
    Loops = enclosingLoops(Call, Context);
    return Loops.size();
  }
  LoopSize loopSize(std::size_t Loop) override { return corolint::loopSize(*Loops[Loop], Context); }
  bool configuredPerIteration(std::size_t Loop) override {
    return corolint::configuredPerIteration(Call, *Loops[Loop], Context);
  }
  bool repeatsWithoutItems(std::size_t Loop) override {
    return corolint::repeatsWithoutItems(*Loops[Loop]);
  }
  std::optional<HelperRunner> reachesRunner() override {
    const FunctionDecl *Callee = Call.getDirectCallee();
    // A virtual call's bodies are settled by the whole-program rule.
    LeftVirtualCall = isVirtualDispatch(Call);
    Reached = LeftVirtualCall ? nullptr
                              : llvm::dyn_cast_or_null<CallExpr>(
                                    Helpers.find(*Callee, HelperDepth, *Result.SourceManager));
    SearchedInVain = !Reached;
    if (!Reached)
      return std::nullopt;
    return HelperRunner{Callee->getNameAsString(), runnerName(*Reached)};
  }

  /// The coroutine's call reached no runner through this unit's helpers.
  bool searchedInVain() const { return SearchedInVain; }
  /// The call was virtual, left to the whole-program rule.
  bool leftVirtualCall() const { return LeftVirtualCall; }

  SourceLocation noteLocation(const NestedRun &Found) const {
    if (Found.Where == NestedRun::NoteAt::Loop)
      return Loops[Found.NoteLoop]->getBeginLoc();
    return Reached->getBeginLoc();
  }

private:
  const CallExpr &Call;
  bool IsRunner;
  const MatchFinder::MatchResult &Result;
  ASTContext &Context;
  StatementContext Where;
  HelperSearch &Helpers;
  unsigned HelperDepth;
  llvm::SmallVector<const Stmt *, 4> Loops; ///< loopCount's answer
  const CallExpr *Reached = nullptr;         ///< reachesRunner's answer
  bool SearchedInVain = false;
  bool LeftVirtualCall = false;
};

} // namespace

void NestedRunCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Nodes.getNodeAs<FunctionDecl>("definition")) {
    Unit = Result.Context; // summarized at the end of the unit, instantiations too
    return;
  }
  const auto *Run = Result.Nodes.getNodeAs<CallExpr>("run");
  const CallExpr &Call = Run ? *Run : *Result.Nodes.getNodeAs<CallExpr>("call");
  ClangRunCall Facts(Call, Run != nullptr, Result, Helpers, HelperDepth);
  std::optional<NestedRun> Found = nestedRun(Facts);
  LeftVirtualCall |= Facts.leftVirtualCall();
  if (!Found) {
    if (Facts.searchedInVain())
      askAcrossFiles(Call, *Facts.coroutine(), *Result.SourceManager);
    return;
  }
  diag(Call.getBeginLoc(), "%0") << Found->Message;
  if (Found->Where != NestedRun::NoteAt::Nothing)
    diag(Facts.noteLocation(*Found), "%0", DiagnosticIDs::Note) << Found->Note;
}

void NestedRunCheck::askAcrossFiles(const CallExpr &Call, const std::string &Coroutine,
                                    const SourceManager &Sources) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Summaries || Sources.isInSystemHeader(Sources.getExpansionLoc(Callee->getLocation())))
    return;
  if (const FunctionDecl *Definition = Callee->getDefinition();
      Definition && isCoroutine(*Definition))
    return; // checked on its own
  OpenQuestion Question;
  Question.Seeks = Sought::Runner;
  Question.Callee = summaryKey(*Callee);
  Question.CalleeName = Callee->getNameAsString();
  Question.Virtual = isVirtualDispatch(Call);
  Question.Coroutine = Coroutine;
  std::optional<std::pair<std::string, unsigned>> Place =
      summaryPlace(Call.getBeginLoc(), Sources);
  if (Question.Callee.empty() || !Place)
    return;
  std::tie(Question.File, Question.Offset) = std::move(*Place);
  Question.Depth = HelperDepth;
  Summaries->Questions.push_back(std::move(Question));
  if (Summaries == &Editor.Unit)
    Editor.askedAt(Call.getBeginLoc());
}

} // namespace corolint
