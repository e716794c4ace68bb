//===--- Flow.cpp - does every path use a local before it dies? -----------===//

#include "Flow.h"
#include "Coroutines.h"
#include "ExpectedFailures.h"
#include "Handlers.h"
#include "SuspensionPaths.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"


using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// \p Exit (a return or co_return) is spelled by a test assertion macro
/// (`QCORO_VERIFY(x)` expands to `if (!...) co_return;`): the path is the
/// test's failure exit, where what the test still owns does not matter.
bool isAssertionExit(const Stmt &Exit, ASTContext &Context) {
  const SourceManager &Sources = Context.getSourceManager();
  SourceLocation Loc = Exit.getBeginLoc();
  // Bounded by the depth of macro nesting at this location.
  while (Loc.isMacroID()) {
    llvm::StringRef Macro = Lexer::getImmediateMacroName(Loc, Sources, Context.getLangOpts());
    if (isTestAssertion(std::string_view(Macro.data(), Macro.size())))
      return true;
    Loc = Sources.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

/// Every reference to one variable in a body.
class ReferenceCollector : public RecursiveASTVisitor<ReferenceCollector> {
public:
  explicit ReferenceCollector(const VarDecl &Var) : Var(Var) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == &Var)
      References.push_back(Ref);
    return true;
  }
  const VarDecl &Var;
  std::vector<const DeclRefExpr *> References;
};

/// The outermost lambda between \p Ref and \p Body, or null.
const Stmt *enclosingLambda(const DeclRefExpr &Ref, const Stmt &Body, ASTContext &Context) {
  const Stmt *Outermost = nullptr;
  DynTypedNode Current = DynTypedNode::create(Ref);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return Outermost;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *S = Parent.get<Stmt>()) {
      if (S == &Body)
        return Outermost;
      if (llvm::isa<LambdaExpr>(S))
        Outermost = S;
    } else if (Parent.get<FunctionDecl>() && !Outermost) {
      return nullptr;
    }
    Current = Parent;
  }
}

} // namespace

/// \p S sits in the try block (not a handler) of a try statement of \p Body:
/// what it throws may be caught and handled right there.
static bool insideTryBlock(const Stmt &S, const Stmt &Body, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(S);
  while (const Stmt *Child = Current.get<Stmt>()) {
    if (Child == &Body)
      return false;
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    if (const auto *Try = Parents[0].get<CXXTryStmt>(); Try && Try->getTryBlock() == Child)
      return true;
    Current = Parents[0];
  }
  return false;
}

Consumption consumptionOf(const VarDecl &Var, const FunctionDecl &Function, ASTContext &Context,
                          llvm::function_ref<bool(const DeclRefExpr &)> IsConsuming,
                          BodyGraphs *Graphs, bool ThrowsAbandon) {
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return {};
  ReferenceCollector Collector(Var);
  Collector.TraverseStmt(const_cast<Stmt *>(Body));

  // The statements at which the variable counts as consumed.
  llvm::SmallPtrSet<const Stmt *, 8> ConsumingPoints;
  for (const DeclRefExpr *Ref : Collector.References) {
    if (!IsConsuming(*Ref))
      continue;
    const Stmt *Lambda = enclosingLambda(*Ref, *Body, Context);
    ConsumingPoints.insert(Lambda ? Lambda : Ref);
  }
  if (ConsumingPoints.empty())
    return {Consumption::Nowhere, {}};

  std::unique_ptr<CFG> Owned;
  const CFG *Graph = nullptr;
  if (Graphs) {
    Graph = Graphs->get(Function, Context);
  } else {
    Owned = buildBodyCFG(Function, Context);
    Graph = Owned.get();
  }
  if (!Graph)
    return {}; // no CFG (unusual constructs): stay silent rather than guess
  WorkBudget *Budget = Graphs ? &Graphs->budget(Function, Context) : nullptr;
  // The references were collected by a walk of the whole body: about its size.
  if (Budget && !Budget->spend(Graph->size() + Collector.References.size()))
    return {};

  // Where the variable comes to life.
  std::optional<FlowPoint> Start = pointAfter(*Graph, [&](const Stmt &S) {
    const auto *Declaration = llvm::dyn_cast<DeclStmt>(&S);
    return Declaration && llvm::is_contained(Declaration->decls(), &Var);
  });
  if (!Start)
    return {};

  // Walk forward from the definition, stopping at consuming uses; reaching
  // the end of the variable's lifetime (or the function's exit) on the way
  // is a path that never consumed it.
  std::optional<Consumption> Missed;
  auto Visit = [&](const CFGElement &Element, const Stmt *&) {
    if (auto S = Element.getAs<CFGStmt>()) {
      if (ConsumingPoints.contains(S->getStmt()))
        return Step::EndPath;
      if ((llvm::isa<ReturnStmt>(S->getStmt()) || llvm::isa<CoreturnStmt>(S->getStmt())) &&
          isAssertionExit(*S->getStmt(), Context))
        return Step::EndPath;
      if (const auto *Throw = llvm::dyn_cast<CXXThrowExpr>(S->getStmt())) {
        if (!ThrowsAbandon || insideTryBlock(*Throw, *Body, Context))
          return Step::EndPath;
        Missed = {Consumption::SomePaths, Throw->getBeginLoc()};
        return Step::Stop;
      }
    } else if (auto Lifetime = Element.getAs<CFGLifetimeEnds>();
               Lifetime && Lifetime->getVarDecl() == &Var) {
      // A scope ends at its closing brace; a return or co_return where it stands.
      const Stmt *Trigger = Lifetime->getTriggerStmt();
      SourceLocation End;
      if (Trigger)
        End = llvm::isa<CompoundStmt>(Trigger) ? Trigger->getEndLoc() : Trigger->getBeginLoc();
      Missed = {Consumption::SomePaths, End};
      return Step::Stop;
    }
    return Step::Continue;
  };
  auto AtExit = [&](const Stmt *) {
    Missed = {Consumption::SomePaths, SourceLocation()};
    return Step::Stop;
  };
  if (!walkForward(*Graph, *Start, Visit, Budget, AtExit) || !Missed)
    return {};
  return *Missed;
}

namespace {

/// The first explicit throw of a handler body (outside nested try statements
/// and lambdas), and whether a consuming reference comes before it.
class HandlerScan : public RecursiveASTVisitor<HandlerScan> {
public:
  HandlerScan(const VarDecl &Var, llvm::function_ref<bool(const DeclRefExpr &)> IsConsuming)
      : Var(Var), IsConsuming(IsConsuming) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXTryStmt(CXXTryStmt *) { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (!Throw && Ref->getDecl() == &Var && IsConsuming(*Ref))
      Consumed = true;
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *E) {
    if (!Throw)
      Throw = E;
    return true;
  }
  const VarDecl &Var;
  llvm::function_ref<bool(const DeclRefExpr &)> IsConsuming;
  const CXXThrowExpr *Throw = nullptr;
  bool Consumed = false;
};

/// Whether \p S holds a reference to \p Var that \p IsConsuming accepts.
bool refersConsuming(const Stmt &S, const VarDecl &Var,
                     llvm::function_ref<bool(const DeclRefExpr &)> IsConsuming) {
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(&S); Ref && Ref->getDecl() == &Var)
    return IsConsuming(*Ref);
  for (const Stmt *Child : S.children())
    if (Child && refersConsuming(*Child, Var, IsConsuming))
      return true;
  return false;
}

} // namespace

SourceLocation rethrowWithoutConsuming(const VarDecl &Var, const FunctionDecl &Function,
                                       SourceLocation From, ASTContext &Context,
                                       llvm::function_ref<bool(const DeclRefExpr &)> IsConsuming) {
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return {};
  const SourceManager &Sources = Context.getSourceManager();
  auto Tries = match(findAll(cxxTryStmt().bind("try")), *Body, Context);
  for (const BoundNodes &Bound : Tries) {
    const auto *Try = Bound.getNodeAs<CXXTryStmt>("try");
    const Stmt *FirstSuspension = findSuspensionPoint(*Try->getTryBlock());
    if (!Sources.isBeforeInTranslationUnit(From, Try->getBeginLoc()) || !FirstSuspension ||
        insideTryBlock(*Try, *Body, Context))
      continue;
    // `try { co_await task; } catch (...) { throw; }`: what the handler sees is
    // the task's own outcome, and the task is finished.
    if (refersConsuming(*FirstSuspension, Var, IsConsuming))
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      HandlerScan Scan(Var, IsConsuming);
      Scan.TraverseStmt(const_cast<Stmt *>(Try->getHandler(I)->getHandlerBlock()));
      if (Scan.Throw && !Scan.Consumed)
        return Scan.Throw->getBeginLoc();
    }
  }
  return {};
}

UseAfterSuspension firstUseAfterSuspension(const FunctionDecl &Function, ASTContext &Context,
                                           llvm::function_ref<bool(const Stmt &)> IsUse) {
  std::unique_ptr<CFG> Graph = buildBodyCFG(Function, Context);
  if (!Graph)
    return {};
  WorkBudget Budget(WorkBudget::PerFunction, "uses after suspension",
                    coroutineDisplayName(Function),
                    Function.getLocation().printToString(Context.getSourceManager()));
  for (const CFGBlock *Block : *Graph) {
    for (unsigned I = 0; I < Block->size(); ++I) {
      auto Element = (*Block)[I].getAs<CFGStmt>();
      if (!Element || !isSuspensionPoint(Element->getStmt()))
        continue;
      // Walk forward from just after this suspension point.
      const Stmt *Used = nullptr;
      auto Visit = [&](const CFGElement &Next, const Stmt *&) {
        auto S = Next.getAs<CFGStmt>();
        if (!S || !IsUse(*S->getStmt()))
          return Step::Continue;
        Used = S->getStmt();
        return Step::Stop;
      };
      if (!walkForward(*Graph, {Block, I + 1}, Visit, &Budget))
        return {};
      if (Used)
        return {Used, Element->getStmt()};
    }
  }
  return {};
}

} // namespace corolint
