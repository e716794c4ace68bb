//===--- SpawnJoins.cpp - how a spawner waits for what it spawned ---------===//

#include "SpawnJoins.h"
#include "SameObject.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// An awaited one-shot or counting signal that tasks set when they end: a
/// latch, an event, a barrier, a wait group or a baton (`co_await l`,
/// `co_await e.wait()`), by the name of its class.
bool isCompletionSignal(const Expr &Operand) {
  QualType Type = Operand.getType();
  if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(&Operand))
    Type = Call->getImplicitObjectArgument()->getType();
  const NamedDecl *Class = namingDecl(Type.getNonReferenceType());
  if (!Class || !Class->getIdentifier())
    return false;
  std::string Name = Class->getName().lower();
  return llvm::any_of(llvm::ArrayRef<llvm::StringRef>{"latch", "event", "barrier", "wait_group",
                                                      "waitgroup", "baton"},
                      [&](llvm::StringRef Kind) { return llvm::StringRef(Name).contains(Kind); });
}

} // namespace

bool awaitsEachElement(const DeclRefExpr &Range, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(Range);
  // The range is the initializer of the loop's implicit `__range` variable.
  for (int Up = 0; Up < 4; ++Up) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    if (const auto *Loop = Parents[0].get<CXXForRangeStmt>()) {
      const VarDecl *Element = Loop->getLoopVariable();
      if (!Loop->getRangeInit() || Loop->getRangeInit()->IgnoreParenImpCasts() != &Range ||
          !Element || !Loop->getBody())
        return false;
      // Every iteration reaches the await: no way out of the loop and no
      // condition between it and the body.
      const Stmt &Body = *Loop->getBody();
      auto Exits = stmt(anyOf(breakStmt(), returnStmt(), coreturnStmt(), gotoStmt()));
      if (!match(traverse(TK_AsIs, findAll(Exits)), Body, Context).empty())
        return false;
      auto Unconditional = [&](const Stmt &Await) {
        // Up to the loop itself (the body may be an implicit node the
        // parent map skips).
        DynTypedNode Node = DynTypedNode::create(Await);
        while (true) {
          DynTypedNodeList Up = Context.getParents(Node);
          if (Up.empty())
            return false;
          if (Up[0].get<Stmt>() == Loop)
            return true;
          const auto *Logical = Up[0].get<BinaryOperator>();
          if (Up[0].get<IfStmt>() || Up[0].get<SwitchStmt>() || Up[0].get<ForStmt>() ||
              Up[0].get<WhileStmt>() || Up[0].get<DoStmt>() || Up[0].get<CXXForRangeStmt>() ||
              Up[0].get<ConditionalOperator>() || Up[0].get<LambdaExpr>() ||
              (Logical && Logical->isLogicalOp()))
            return false;
          Node = Up[0];
        }
      };
      for (const BoundNodes &Bound :
           match(traverse(TK_AsIs, findAll(coawaitExpr(hasDescendant(declRefExpr(
                                                           to(varDecl(equalsNode(Element))))))
                                               .bind("await"))),
                 Body, Context))
        if (Unconditional(*Bound.getNodeAs<Stmt>("await")))
          return true;
      return false;
    }
    Current = Parents[0];
  }
  return false;
}

bool awaitsSignalGivenTo(const Expr &Spawn, ASTContext &Context) {
  // What the spawned task was given: a signal among them is what it reports on.
  llvm::SmallPtrSet<const VarDecl *, 4> Given;
  for (const BoundNodes &Bound :
       match(traverse(TK_AsIs, findAll(declRefExpr(to(varDecl().bind("var"))))), Spawn, Context))
    Given.insert(Bound.getNodeAs<VarDecl>("var"));
  // A statement that is the await (`co_await l;`, `auto r = co_await e.wait();`),
  // not one that may skip it.
  auto AwaitsGiven = [&](const Stmt &S) {
    const Expr *Value = llvm::dyn_cast<Expr>(&S);
    if (const auto *Declaration = llvm::dyn_cast<DeclStmt>(&S);
        Declaration && Declaration->isSingleDecl())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Declaration->getSingleDecl()))
        Value = Var->getInit();
    const auto *Await = Value ? llvm::dyn_cast<CoawaitExpr>(Value->IgnoreImplicit()) : nullptr;
    if (!Await || !isCompletionSignal(*Await->getOperand()->IgnoreImplicit()))
      return false;
    const VarDecl *Signal = rootVariable(*Await->getOperand()->IgnoreImplicit());
    return Signal && Given.contains(Signal);
  };
  // A later statement of a block around the spawn: reached whenever the
  // spawn's statement completes.
  DynTypedNode Current = DynTypedNode::create(Spawn);
  for (unsigned Up = 0; Up < 32; ++Up) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty() || Parents[0].get<LambdaExpr>() || Parents[0].get<FunctionDecl>())
      return false;
    if (const auto *Block = Parents[0].get<CompoundStmt>()) {
      bool After = false;
      for (const Stmt *S : Block->body()) {
        if (After && AwaitsGiven(*S))
          return true;
        After |= S == Current.get<Stmt>();
      }
    }
    Current = Parents[0];
  }
  return false;
}

bool joinsPoolAfter(const Expr &Spawn, const Stmt &Scope, const NameList &JoinFunctions,
                    ASTContext &Context) {
  if (JoinFunctions.empty())
    return false;
  const SourceManager &Sources = Context.getSourceManager();
  for (const BoundNodes &Bound :
       match(findAll(cxxMemberCallExpr(callee(cxxMethodDecl(isInNameList(&JoinFunctions))))
                         .bind("join")),
             Scope, Context)) {
    const auto *Join = Bound.getNodeAs<CXXMemberCallExpr>("join");
    const Expr *Pool = Join->getImplicitObjectArgument();
    // `tp->shutdown()` on a smart pointer: the pool is the pointer's object.
    if (const auto *Deref = llvm::dyn_cast_or_null<CXXOperatorCallExpr>(
            Pool ? Pool->IgnoreParenImpCasts() : nullptr);
        Deref && Deref->getNumArgs() == 1 &&
        (Deref->getOperator() == OO_Arrow || Deref->getOperator() == OO_Star))
      Pool = Deref->getArg(0);
    if (Pool && Sources.isBeforeInTranslationUnit(Spawn.getEndLoc(), Join->getBeginLoc()) && SameObject(*Pool, Context).findIn(Spawn))
      return true;
  }
  return false;
}

} // namespace corolint
