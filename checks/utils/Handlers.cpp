//===--- Handlers.cpp - what a catch handler does with what it caught -----===//

#include "Handlers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

namespace {

class SuspensionFinder : public RecursiveASTVisitor<SuspensionFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; } // another function
  bool VisitCoawaitExpr(CoawaitExpr *E) { return found(E); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return found(E); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return AwaitsOnly || found(E); }
  // `for co_await (x : s)` awaits begin() and ++ in implicit code the
  // traversal does not enter.
  bool VisitCXXForRangeStmt(CXXForRangeStmt *Loop) {
    return Loop->getCoawaitLoc().isValid() ? found(Loop) : true;
  }
  const Stmt *Found = nullptr;
  bool AwaitsOnly = false;

private:
  bool found(const Stmt *S) {
    Found = S;
    return false;
  }
};

class HandlerVisitor : public RecursiveASTVisitor<HandlerVisitor> {
public:
  HandlerVisitor(const CXXCatchStmt &Handler, const llvm::Regex &Logging)
      : Handler(Handler), Logging(Logging) {}

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // A lambda that captures the exception records it; its body is not run here.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == Handler.getExceptionDecl())
        Actions.Records = true;
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *) {
    Actions.Rethrows = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      if (const IdentifierInfo *Id = Callee->getIdentifier()) {
        llvm::StringRef Name = Id->getName();
        if (Name == "rethrow_exception" || Name == "rethrow_if_nested")
          Actions.Rethrows = true;
        else if (Name == "current_exception")
          Actions.Records = true;
        else if (Logging.match(Name))
          Actions.Logs = true;
        else
          Actions.Handles = true; // closes a socket, stops a session, notifies someone
      }
    } else {
      Actions.Handles = true; // a call through a pointer or a callable object
    }
    if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
      if (Operator->getOperator() == OO_LessLess && isStream(Operator->getArg(0)->getType()))
        Actions.Logs = true;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Handler.getExceptionDecl())
      Actions.Records = true;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      recordStore(*Op->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      recordStore(*Op->getSubExpr()); // `++failures;` counts the failure
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (Return->getRetValue())
      Actions.Records = true; // turned into an error value for the caller
    return true;
  }
  bool VisitCoreturnStmt(CoreturnStmt *Return) {
    if (Return->getOperand())
      Actions.Records = true;
    return true;
  }

  HandlerActions Actions;

private:
  static bool isStream(QualType Type) {
    const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
    if (!Record)
      return false;
    std::string Name = Record->getQualifiedNameAsString();
    return llvm::StringRef(Name).contains("ostream") || llvm::StringRef(Name).contains("basic_ios");
  }
  /// Storing something outside the handler (a flag, a count, an error slot)
  /// records the failure.
  void recordStore(const Expr &Target) {
    const Expr *Stored = Target.IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Stored))
      Actions.Records |= !isDeclaredInHandler(Ref->getDecl());
    else if (llvm::isa<MemberExpr>(Stored))
      Actions.Records = true;
  }
  bool isDeclaredInHandler(const ValueDecl *D) const {
    SourceRange Range = Handler.getHandlerBlock()->getSourceRange();
    return Range.fullyContains(D->getSourceRange()) || D == Handler.getExceptionDecl();
  }

  const CXXCatchStmt &Handler;
  const llvm::Regex &Logging;
};

} // namespace

const Stmt *findSuspensionPoint(const Stmt &S) {
  SuspensionFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(&S));
  return Finder.Found;
}

const Stmt *findAwait(const Stmt &S) {
  SuspensionFinder Finder;
  Finder.AwaitsOnly = true;
  Finder.TraverseStmt(const_cast<Stmt *>(&S));
  return Finder.Found;
}

HandlerActions analyzeHandler(const CXXCatchStmt &Handler, const llvm::Regex &Logging) {
  HandlerVisitor Visitor(Handler, Logging);
  Visitor.TraverseStmt(Handler.getHandlerBlock());
  return Visitor.Actions;
}

bool catchesAll(const CXXCatchStmt &Handler) { return Handler.getExceptionDecl() == nullptr; }

} // namespace corolint
