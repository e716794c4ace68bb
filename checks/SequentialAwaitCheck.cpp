//===--- SequentialAwaitCheck.cpp - async-sequential-await -----------------===//

#include "SequentialAwaitCheck.h"
#include "checks/model/GatherableLoop.h"
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

namespace {

/// A loop of a coroutine as the AST shows it, for gatherableLoop().
class ClangLoopFacts : public GatherableLoopFacts {
public:
  ClangLoopFacts(const Stmt &Loop, ASTContext &Context, const SequentialAwaitCheck &Check)
      : Loop(Loop), Body(loopBody(Loop)), Context(Context), Check(Check) {
    forEachAwait(Loop, nullptr, [&](const Expr &Operand) { Operands.push_back(&Operand); });
    Tasks.resize(Operands.size());
  }

  bool pacedByEvents() override {
    const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop);
    return RangeFor && RangeFor->getCoawaitLoc().isValid();
  }
  LoopSize size() override { return loopSize(Loop, Context); }
  bool repeatsWithoutItems() override { return corolint::repeatsWithoutItems(Loop); }
  std::size_t awaitCount() override { return Body ? Operands.size() : 0; }
  bool awaitsOutsideBody() override {
    return llvm::any_of(Operands, [&](const Expr *Operand) {
      auto Loops = enclosingLoops(*Operand, Context);
      return Loops.empty() || Loops.front() != &Loop || !mentions(*Body, Operand, nullptr);
    });
  }
  bool yields() override {
    YieldFinder Yields;
    Yields.TraverseStmt(const_cast<Stmt *>(Body));
    return Yields.Found;
  }
  std::optional<std::string> freshTask(std::size_t I) override {
    Tasks[I] = Check.freshTask(*Operands[I]);
    if (!Tasks[I])
      return std::nullopt;
    return Tasks[I]->getDirectCallee()->getNameAsString();
  }
  bool sharesAnObject(std::size_t I) override {
    return dependence().sharedMutableOperand(*Tasks[I]) != nullptr;
  }
  bool readsCarriedState(std::size_t I) override {
    return dependence().readsCarriedState(*Operands[I]);
  }
  bool continuationDependsOnBody() override { return dependence().continuationDependsOnBody(); }
  bool exitsEarly() override { return dependence().exitsEarly(); }

  /// Where the finding goes: the first await.
  SourceLocation firstAwait() const {
    const Expr *Await = enclosingAwait(*Operands.front(), Context);
    return (Await ? Await : Operands.front())->getBeginLoc();
  }

private:
  /// Built on the first question that needs it: it runs a mutation analysis of the body.
  const LoopDependence &dependence() {
    if (!Dependence)
      Dependence.emplace(Loop, Context);
    return *Dependence;
  }

  const Stmt &Loop;
  const Stmt *Body;
  ASTContext &Context;
  const SequentialAwaitCheck &Check;
  llvm::SmallVector<const Expr *, 4> Operands;
  llvm::SmallVector<const CallExpr *, 4> Tasks; ///< freshTask's answers
  std::optional<LoopDependence> Dependence;
};

} // namespace

void SequentialAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  ClangLoopFacts Facts(*Loop, *Result.Context, *this);
  if (std::optional<GatherableLoop> Found = gatherableLoop(Facts, *this)) {
    diag(Facts.firstAwait(), "%0") << Found->Message;
    diag(Loop->getBeginLoc(), "%0", DiagnosticIDs::Note) << Found->Note;
  }
}

} // namespace corolint
