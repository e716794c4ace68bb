//===--- SharedState.cpp - state other tasks can see and change ----------===//

#include "SharedState.h"
#include "Coroutines.h"
#include "Names.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

namespace {

/// A variable of the enclosing function, seen from a lambda: shared when the
/// lambda holds a reference to it, its own copy otherwise.
bool capturedByReference(const VarDecl &Var, const FunctionDecl &Function) {
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Function);
  if (!Method || !Method->getParent()->isLambda())
    return false;
  llvm::DenseMap<const ValueDecl *, FieldDecl *> Captures;
  FieldDecl *ThisCapture = nullptr;
  Method->getParent()->getCaptureFields(Captures, ThisCapture);
  auto It = Captures.find(&Var);
  return It != Captures.end() && It->second->getType()->isReferenceType();
}

} // namespace

bool isShared(const Expr &Target, const FunctionDecl &Function) {
  const Expr *E = Target.IgnoreParenImpCasts();
  while (E) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || llvm::isa<ParmVarDecl>(Var))
        return false;
      return Var->hasGlobalStorage() ||
             (Ref->refersToEnclosingVariableOrCapture() && capturedByReference(*Var, Function));
    }
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<CXXThisExpr>(Base))
        return true;
      if (Member->isArrow())
        return false; // through a pointer we cannot follow
      E = Base;
    } else if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(E);
               Operator && Operator->getOperator() == OO_Subscript) {
      E = Operator->getArg(0)->IgnoreParenImpCasts();
    } else {
      return false;
    }
  }
  return false;
}

namespace {

/// The loop body may leave the loop right after \p S: a later statement of
/// a block around it (up to the body) is a break, return or throw.
bool leavesLoopAfter(const Stmt &S, const Stmt &Body, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(S);
  const Stmt *Child = &S;
  while (Child != &Body) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    if (const auto *Block = Parents[0].get<CompoundStmt>()) {
      bool After = false;
      for (const Stmt *Sibling : Block->body()) {
        if (After && (llvm::isa<BreakStmt>(Sibling) || llvm::isa<ReturnStmt>(Sibling) ||
                      llvm::isa<CoreturnStmt>(Sibling) || llvm::isa<CXXThrowExpr>(Sibling)))
          return true;
        After |= Sibling == Child;
      }
    }
    // Through a local's declaration (`long t = co_await ...;`) to its DeclStmt.
    Current = Parents[0];
    if (const auto *Parent = Parents[0].get<Stmt>())
      Child = Parent;
    else if (!Parents[0].get<VarDecl>())
      return false;
  }
  return false;
}

/// The first co_await or co_yield of \p Body (outside nested lambdas) after
/// which the loop may go on to its next element.
const Stmt *suspensionBeforeNextElement(const Stmt &S, const Stmt &Body, ASTContext &Context) {
  if (llvm::isa<LambdaExpr>(S))
    return nullptr;
  if (isSuspensionPoint(&S) &&
      !leavesLoopAfter(S, Body, Context))
    return &S;
  for (const Stmt *Child : S.children())
    if (Child)
      if (const Stmt *Found = suspensionBeforeNextElement(*Child, Body, Context))
        return Found;
  return nullptr;
}

/// `v.begin()`, `v.find(k)`, `m.lower_bound(k)`: a position in the object a
/// member function is called on (not a value read out of it).
const Expr *iteratorSource(const Expr *Init) {
  if (!Init)
    return nullptr;
  const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(Init->IgnoreUnlessSpelledInSource());
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getDeclName().isIdentifier())
    return nullptr;
  llvm::StringRef Name = plainName(*Call->getMethodDecl());
  bool Positional = Name.ends_with("begin") || Name == "find" || Name == "lower_bound" ||
                    Name == "upper_bound";
  QualType Type = Call->getType();
  if (!Positional || Type->isReferenceType() || !(Type->isRecordType() || Type->isPointerType()))
    return nullptr;
  return Call->getImplicitObjectArgument();
}

/// Nothing can add or remove elements: a constant, or a fixed-size array
/// (its iterators stay valid whatever other tasks write).
bool isFixed(const Expr &Container) {
  QualType Type = Container.getType();
  if (Type.isConstQualified() && llvm::isa<DeclRefExpr>(Container.IgnoreParenImpCasts()))
    return true;
  if (Type->isConstantArrayType())
    return true;
  const auto *Record = Type->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getName() == "array";
}

} // namespace

SharedIteration iteratesSharedAcrossSuspension(const Stmt &Loop, const FunctionDecl &Function,
                                               ASTContext &Context) {
  const Expr *Container = nullptr;
  const Stmt *Body = nullptr;
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Range = RangeFor->getRangeInit();
    // A temporary range (a copy, a call's result) is the coroutine's own.
    if (Range && Range->isGLValue())
      Container = Range;
    Body = RangeFor->getBody();
  } else if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop)) {
    if (const auto *Init = llvm::dyn_cast_or_null<DeclStmt>(For->getInit()))
      if (Init->isSingleDecl())
        if (const auto *Var = llvm::dyn_cast<VarDecl>(Init->getSingleDecl()))
          Container = iteratorSource(Var->getInit());
    Body = For->getBody();
  }
  if (!Container || !Body || !isShared(*Container, Function) || isFixed(*Container))
    return {};
  const Stmt *Suspension = suspensionBeforeNextElement(*Body, *Body, Context);
  if (!Suspension)
    return {};
  return {Container, Suspension};
}

} // namespace corolint
