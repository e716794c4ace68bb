//===--- NestedRunCheck.cpp - async-nested-run -----------------------------===//

#include "NestedRunCheck.h"
#include "utils/HelperSearch.h"
#include "utils/Coroutines.h"
#include "utils/LoopDependence.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/TestMacros.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

std::string runnerName(const CallExpr &Call) {
  return qualifiedName(*Call.getDirectCallee()).substr(2);
}

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
      }) {}

void NestedRunCheck::registerMatchers(MatchFinder *Finder) {
  if (RunFunctions.Names.empty())
    return;
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

void NestedRunCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Run = Result.Nodes.getNodeAs<CallExpr>("run")) {
    StatementContext Where = contextOf(*Run, Context);
    if (!Where.Function || Where.Unevaluated ||
        inFailureExpectingMacro(Run->getBeginLoc(), *Result.SourceManager, getLangOpts()))
      return;
    if (isCoroutine(*Where.Function)) {
      diag(Run->getBeginLoc(), "%0")
          << messages::nestedLoopRun(runnerName(*Run), coroutineDisplayName(*Where.Function));
      return;
    }
    checkPerItem(*Run, Context);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  StatementContext Where = contextOf(*Call, Context);
  if (!Where.Function || Where.Unevaluated ||
      inFailureExpectingMacro(Call->getBeginLoc(), *Result.SourceManager, getLangOpts()))
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const auto *Inner =
      llvm::dyn_cast_or_null<CallExpr>(Helpers.find(*Callee, HelperDepth, *Result.SourceManager));
  if (!Inner)
    return;
  diag(Call->getBeginLoc(), "%0") << messages::nestedRunThroughHelper(
      Callee->getNameAsString(), coroutineDisplayName(*Where.Function), runnerName(*Inner));
  diag(Inner->getBeginLoc(), "'%0' runs a loop here", DiagnosticIDs::Note) << runnerName(*Inner);
}

/// \p Run's options (any argument after the task) read a variable declared in \p Loop: each
/// iteration asks for a differently configured loop (one per backend, say), which one loop
/// for all items cannot give.
static bool configuredPerIteration(const CallExpr &Run, const Stmt &Loop, ASTContext &Context) {
  for (unsigned I = 1; I < Run.getNumArgs(); ++I) {
    auto Refs = match(findAll(declRefExpr(to(varDecl())).bind("ref")),
                      *Run.getArg(I)->IgnoreUnlessSpelledInSource(), Context);
    for (const BoundNodes &Ref : Refs)
      if (isDeclaredIn(*Ref.getNodeAs<DeclRefExpr>("ref")->getDecl(), Loop))
        return true;
  }
  return false;
}

void NestedRunCheck::checkPerItem(const CallExpr &Run, ASTContext &Context) {
  // Running an existing loop again (a member: run_until_complete) creates
  // nothing; a free runner (aio::run, sync_wait) builds a loop per call.
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Run.getDirectCallee()))
    if (!Method->isStatic())
      return;
  for (const Stmt *Loop : enclosingLoops(Run, Context)) {
    std::string Subject = perItemSubject(loopSize(*Loop, Context));
    if (Subject.empty() || configuredPerIteration(Run, *Loop, Context) ||
        repeatsWithoutItems(*Loop))
      continue;
    diag(Run.getBeginLoc(), "%0") << messages::runPerItem(runnerName(Run), Subject);
    diag(Loop->getBeginLoc(), "the loop is here", DiagnosticIDs::Note);
    return;
  }
}

} // namespace corolint
