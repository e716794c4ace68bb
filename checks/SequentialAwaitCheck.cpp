//===--- SequentialAwaitCheck.cpp - async-sequential-await -----------------===//

#include "SequentialAwaitCheck.h"
#include "utils/Coroutines.h"
#include "utils/Handlers.h"
#include "utils/LoopDependence.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// A loop that yields hands out one result at a time on purpose (a generator).
class YieldFinder : public RecursiveASTVisitor<YieldFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCoyieldExpr(CoyieldExpr *) { return !(Found = true); }
  bool Found = false;
};

/// The `co_await` whose operand is \p Operand (the operand itself if none).
const Expr *awaitOf(const Expr &Operand, ASTContext &Context) {
  const Expr *Await = enclosingAwait(Operand, Context);
  return Await ? Await : &Operand;
}

} // namespace

void SequentialAwaitCheck::registerMatchers(MatchFinder *Finder) {
  if (TaskTypes.Names.empty())
    return;
  Finder->addMatcher(
      stmt(anyOf(forStmt(), cxxForRangeStmt(), whileStmt(), doStmt()), isInCoroutine())
          .bind("loop"),
      this);
}

const CallExpr *SequentialAwaitCheck::freshTask(const Expr &Operand) const {
  const auto *Call = llvm::dyn_cast<CallExpr>(Operand.IgnoreUnlessSpelledInSource());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || isListed(*Callee, GatherFunctions.Names) || isListed(*Callee, SleepFunctions.Names))
    return nullptr;
  // `co_await create_task(fetch(u))`, `co_await wait_for(fetch(u), 1s)`,
  // `co_await timeout(1s, fetch(u))`: the work inside, whichever argument it is.
  if (isListed(*Callee, SpawnFunctions.Names) || isListed(*Callee, TimeoutWrappers.Names)) {
    for (const Expr *Argument : Call->arguments())
      if (const CallExpr *Task = freshTask(*Argument))
        return Task;
    return nullptr;
  }
  // A lambda called in place shares whatever it captured.
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee); Method && Method->getParent()->isLambda())
    return nullptr;
  // A coroutine that never suspends runs to its end inside the await: there
  // are no waits to add up, nothing a gather could overlap (async_simple's
  // demo_example/CountChar.cpp counts characters in CPU-only coroutines).
  if (const FunctionDecl *Definition = Callee->getDefinition())
    if (const auto *Body = llvm::dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody());
        Body && !findSuspensionPoint(*Body->getBody()))
      return nullptr;
  return hasListedType(Call->getType(), TaskTypes.Names) ? Call : nullptr;
}

void SequentialAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  const Stmt *Body = loopBody(*Loop);
  if (!Body)
    return;
  // A loop of unknown length (a server's accept loop, a consumer) paces itself
  // by events; so does `for co_await`, whose elements arrive one at a time.
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(Loop);
      RangeFor && RangeFor->getCoawaitLoc().isValid())
    return;
  LoopSize Size = loopSize(*Loop, Context);
  // Iterations that repeat the same await (a benchmark's, a retry's) have no
  // items to gather: the sequence is the point.
  if (!isGatherable(Size) || repeatsWithoutItems(*Loop))
    return;

  llvm::SmallVector<const Expr *, 4> Operands;
  forEachAwait(*Loop, nullptr, [&](const Expr &Operand) { Operands.push_back(&Operand); });
  if (Operands.empty())
    return;
  YieldFinder Yields;
  Yields.TraverseStmt(const_cast<Stmt *>(Body));
  if (Yields.Found)
    return;

  LoopDependence Dependence(*Loop, Context);
  const CallExpr *First = nullptr;
  for (const Expr *Operand : Operands) {
    // Awaits in the condition, or in an inner loop (which is judged on its own).
    auto Loops = enclosingLoops(*Operand, Context);
    if (Loops.empty() || Loops.front() != Loop || !mentions(*Body, Operand, nullptr))
      return;
    const CallExpr *Task = freshTask(*Operand);
    if (!Task || Dependence.sharedMutableOperand(*Task) || Dependence.readsCarriedState(*Operand))
      return;
    if (!First)
      First = Task;
  }
  if (Dependence.continuationDependsOnBody() || Dependence.exitsEarly())
    return;

  std::string Gather = GatherFunctions.firstSpelling();
  const Expr *Await = awaitOf(*Operands.front(), Context);
  diag(Await->getBeginLoc(), "%0")
      << messages::sequentialAwait(First->getDirectCallee()->getNameAsString(),
                                   messages::awaitFrequency(phraseKind(Size), Size.Source,
                                                            Size.Iterations),
                                   Gather);
  diag(Loop->getBeginLoc(), "%0", DiagnosticIDs::Note)
      << messages::sequentialAwaitRewrite(Gather, TaskTypes.firstSpelling());
}

} // namespace corolint
