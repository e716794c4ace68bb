//===--- Cancellation.cpp - does a cancellation survive a handler? --------===//

#include "Cancellation.h"
#include "checks/model/SwallowedCancellation.h"
#include "Loops.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace corolint {

namespace {

bool isCallNamed(const CallExpr &Call, llvm::StringRef Name) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->getIdentifier() && Callee->getName() == Name;
}

/// Where a handler stores `std::current_exception()`: variables of the
/// coroutine outside the handler, or somewhere that outlives the coroutine's
/// frame (a member, a variable captured by reference, a reference parameter),
/// which hands the exception to whoever reads it there.
class RecordFinder : public RecursiveASTVisitor<RecordFinder> {
public:
  RecordFinder(const CXXCatchStmt &Handler, const Stmt &Body) : Handler(Handler), Body(Body) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      record(Op->getLHS(), Op->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      record(Op->getArg(0), Op->getArg(1));
    return true;
  }
  llvm::SmallVector<const VarDecl *, 2> Recorded;
  bool HandedOut = false;

private:
  void record(const Expr *Target, const Expr *Value) {
    const auto *Call = llvm::dyn_cast<CallExpr>(Value->IgnoreUnlessSpelledInSource());
    if (!Call || !isCallNamed(*Call, "current_exception"))
      return;
    const Expr *Stored = Target->IgnoreParenImpCasts();
    if (llvm::isa<MemberExpr>(Stored)) {
      HandedOut = true;
      return;
    }
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Stored);
    const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || Handler.getHandlerBlock()->getSourceRange().fullyContains(Var->getSourceRange()))
      return;
    if (!Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
        !Body.getSourceRange().fullyContains(Var->getSourceRange()))
      HandedOut = true; // outlives this coroutine: its reader decides
    else
      Recorded.push_back(Var);
  }
  const CXXCatchStmt &Handler;
  const Stmt &Body;
};

/// `v` or `std::move(v)`: the variable.
const Decl *passedVariable(const Expr &Argument) {
  const Expr *E = Argument.IgnoreUnlessSpelledInSource();
  if (const auto *Move = llvm::dyn_cast<CallExpr>(E))
    if (Move->getNumArgs() == 1 && (isCallNamed(*Move, "move") || isCallNamed(*Move, "forward")))
      E = Move->getArg(0)->IgnoreUnlessSpelledInSource();
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
  return Ref ? Ref->getDecl() : nullptr;
}

/// After \p After, one of \p Vars is passed on: to a call that hands an
/// exception on (`std::rethrow_exception(std::move(ep))`, Seastar's
/// `co_await coroutine::return_exception_ptr(ep)`), or returned.
class RethrowFinder : public RecursiveASTVisitor<RethrowFinder> {
public:
  RethrowFinder(llvm::ArrayRef<const VarDecl *> Vars, SourceLocation After,
                const SourceManager &Sources)
      : Vars(Vars), After(After), Sources(Sources) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getIdentifier() && handsExceptionOn(Callee->getName()))
      for (const Expr *Argument : Call->arguments())
        passes(*Call, *Argument);
    return !Found;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    if (Class->getIdentifier() && handsExceptionOn(Class->getName()))
      for (const Expr *Argument : Construct->arguments())
        passes(*Construct, *Argument);
    return !Found;
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (Return->getRetValue())
      passes(*Return, *Return->getRetValue());
    return !Found;
  }
  bool VisitCoreturnStmt(CoreturnStmt *Return) {
    if (Return->getOperand())
      passes(*Return, *Return->getOperand());
    return !Found;
  }
  bool Found = false;

private:
  void passes(const Stmt &Use, const Expr &Argument) {
    if (Sources.isBeforeInTranslationUnit(After, Use.getBeginLoc()))
      Found |= llvm::is_contained(Vars, passedVariable(Argument));
  }
  llvm::ArrayRef<const VarDecl *> Vars;
  SourceLocation After;
  const SourceManager &Sources;
};

/// `h.cancel()` as a statement of its own (also `(void)h.cancel();` and
/// `bool ok = h.cancel();`): the handle it cancels.
const Decl *cancelledBy(const Stmt &S, llvm::ArrayRef<llvm::StringRef> CancelMethods) {
  const Expr *E = llvm::dyn_cast<Expr>(&S);
  if (const auto *Declaration = llvm::dyn_cast<DeclStmt>(&S))
    if (Declaration->isSingleDecl())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Declaration->getSingleDecl()))
        E = Var->getInit();
  if (!E)
    return nullptr;
  E = E->IgnoreUnlessSpelledInSource();
  if (const auto *Cast = llvm::dyn_cast<ExplicitCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreUnlessSpelledInSource();
  const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier() ||
      !llvm::is_contained(CancelMethods, plainName(*Call->getMethodDecl())))
    return nullptr;
  const auto *Object =
      llvm::dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return Object ? Object->getDecl() : nullptr;
}

/// A cancel of \p Handle in a statement that runs before \p Target on every
/// path: an earlier statement of a block enclosing it, in the same function.
bool cancelledBefore(const Decl *Handle, const Stmt &Target, ASTContext &Context,
                     llvm::ArrayRef<llvm::StringRef> CancelMethods) {
  DynTypedNode Current = DynTypedNode::create(Target);
  const Stmt *Child = &Target;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty() || Parents[0].get<Decl>() || Parents[0].get<LambdaExpr>())
      return false;
    if (const auto *Block = Parents[0].get<CompoundStmt>())
      for (const Stmt *S : Block->body()) {
        if (S == Child)
          break;
        if (cancelledBy(*S, CancelMethods) == Handle)
          return true;
      }
    Current = Parents[0];
    if (const auto *S = Parents[0].get<Stmt>())
      Child = S;
  }
}

} // namespace

bool rethrownAfterHandler(const CXXCatchStmt &Handler, const CXXTryStmt &Try, const Stmt &Body) {
  RecordFinder Records(Handler, Body);
  Records.TraverseStmt(Handler.getHandlerBlock());
  if (Records.HandedOut)
    return true;
  if (Records.Recorded.empty())
    return false;
  const SourceManager &Sources =
      Records.Recorded.front()->getASTContext().getSourceManager();
  RethrowFinder Rethrow(Records.Recorded, Try.getEndLoc(), Sources);
  Rethrow.TraverseStmt(const_cast<Stmt *>(&Body));
  return Rethrow.Found;
}

bool awaitsOnlyWhatItCancelled(const CXXTryStmt &Try, ASTContext &Context,
                               llvm::ArrayRef<llvm::StringRef> CancelMethods) {
  bool Any = false, All = true;
  forEachAwait(*Try.getTryBlock(), nullptr, [&](const Expr &Operand) {
    Any = true;
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Operand.IgnoreUnlessSpelledInSource());
    const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    All = All && Var && Var->hasLocalStorage() &&
          cancelledBefore(Var, Try, Context, CancelMethods);
  });
  return Any && All;
}

bool fallsThrough(const Stmt &S) {
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(&S))
    return Block->body_empty() || fallsThrough(*Block->body_back());
  if (llvm::isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
    return false;
  if (const auto *If = llvm::dyn_cast<IfStmt>(&S))
    return !If->getElse() || fallsThrough(*If->getThen()) || fallsThrough(*If->getElse());
  if (const auto *E = llvm::dyn_cast<Expr>(&S)) {
    const Expr *Inner = E->IgnoreUnlessSpelledInSource();
    if (llvm::isa<CXXThrowExpr>(Inner))
      return false;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Inner))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return !Callee->isNoReturn();
  }
  return true;
}

} // namespace corolint
