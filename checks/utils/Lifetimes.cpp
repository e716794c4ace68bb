//===--- Lifetimes.cpp - what a task refers to, and where the task goes ----===//

#include "Lifetimes.h"
#include "Coroutines.h"
#include "Statements.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

namespace {

/// Parentheses and the implicit nodes around a value, but not the
/// materialisation of a temporary (that is what we look for).
const Expr *stripImplicit(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Full = llvm::dyn_cast<FullExpr>(E))
      E = Full->getSubExpr();
    else
      return E;
  }
}

bool isStdCast(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Call.getNumArgs() == 1 && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         llvm::is_contained({"move", "forward", "as_const", "ref", "cref"}, plainName(*Callee));
}

Referent referentOfObject(const Expr *E) {
  E = stripImplicit(E);
  if (llvm::isa<MaterializeTemporaryExpr>(E))
    return {Referent::Temporary, nullptr};
  if (const auto *Call = llvm::dyn_cast<CallExpr>(E))
    if (isStdCast(*Call))
      return referentOfObject(Call->getArg(0));
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType())
      return {Referent::Local, Var};
    return {};
  }
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
    if (!Member->isArrow() && llvm::isa<FieldDecl>(Member->getMemberDecl()))
      return referentOfObject(Member->getBase()); // a part of a local is as short-lived
  return {};
}

} // namespace

Referent referentOf(const Expr &Arg, const NameList *Views) {
  if (!Views)
    return referentOfObject(&Arg);
  // The owner a view is made from: a constructor argument (span(vec)) or the
  // object of a conversion operator (std::string's operator string_view),
  // through copies of the view itself.
  const Expr *E = &Arg;
  for (int Step = 0; Step < 4; ++Step) {
    E = stripImplicit(E);
    if (const auto *Materialized = llvm::dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Materialized->getSubExpr();
      continue;
    }
    const Expr *Made = nullptr;
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 1)
        Made = Construct->getArg(0);
    } else if (const auto *Conversion = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
      if (llvm::isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
        Made = Conversion->getImplicitObjectArgument();
    }
    if (!Made)
      return {}; // a view variable, a literal, a pointer: its owner is not visible here
    if (hasListedType(Made->getType(), *Views)) {
      E = Made;
      continue;
    }
    if (!Made->getType()->getAsCXXRecordDecl())
      return {};
    return referentOfObject(Made);
  }
  return {};
}

bool completesInFullExpression(const Expr &E, ASTContext &Context, const NameList &RunFunctions,
                               const NameList *Detaching) {
  DynTypedNode Current = DynTypedNode::create(E);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (isAwait(Parent))
      return true;
    if (const auto *Call = Parent.get<CallExpr>())
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        if (isListed(*Callee, RunFunctions))
          return true;
        if (Detaching && isListed(*Callee, *Detaching))
          return false;
      }
    // A lambda's body, a statement or a declaration ends the full-expression.
    if (Parent.get<LambdaExpr>() || !Parent.get<Expr>())
      return false;
    Current = Parent;
  }
}

TaskDestination destinationOf(const Expr &Task, ASTContext &Context) {
  const Expr *E = &Task;
  DynTypedNode Parent = semanticParent(*E, Context);
  // std::move(task) goes where the move goes.
  while (const auto *Call = Parent.get<CallExpr>()) {
    if (!isStdCast(*Call))
      break;
    E = Call;
    Parent = semanticParent(*E, Context);
  }
  TaskDestination Where;
  if (discardKind(*E, Context) != Discard::No) {
    Where.How = TaskDestination::Discarded;
    return Where;
  }
  auto Same = [E](const Expr *Other) {
    return Other && Other->IgnoreUnlessSpelledInSource() == E->IgnoreUnlessSpelledInSource();
  };
  if (const auto *Var = Parent.get<VarDecl>()) {
    Where.How = Var->hasLocalStorage() && !Var->getType()->isReferenceType()
                    ? TaskDestination::Local
                    : TaskDestination::Stored;
    Where.Holder = Var;
    Where.Via = E;
    return Where;
  }
  if (const auto *Return = Parent.get<ReturnStmt>()) {
    Where.How = TaskDestination::Returned;
    Where.Return = Return;
    return Where;
  }
  if (const auto *Return = Parent.get<CoreturnStmt>()) {
    Where.How = TaskDestination::Returned;
    Where.Return = Return;
    return Where;
  }
  // An assignment keeps the task where its left side lives.
  const Expr *AssignedTo = nullptr;
  if (const auto *Binary = Parent.get<BinaryOperator>()) {
    if (Binary->isAssignmentOp() && Same(Binary->getRHS()))
      AssignedTo = Binary->getLHS();
  } else if (const auto *Operator = Parent.get<CXXOperatorCallExpr>()) {
    if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2 &&
        Same(Operator->getArg(1)))
      AssignedTo = Operator->getArg(0);
  }
  if (AssignedTo) {
    Referent Target = referentOf(*AssignedTo);
    Where.How = Target.How == Referent::Local ? TaskDestination::Local : TaskDestination::Stored;
    Where.Holder = Target.Var;
    Where.Via = AssignedTo;
    return Where;
  }
  const Expr *Call = nullptr;
  if (const auto *CallE = Parent.get<CallExpr>()) {
    if (llvm::any_of(CallE->arguments(), Same))
      Call = CallE;
  } else if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    if (llvm::any_of(Construct->arguments(), Same))
      Call = Construct;
  }
  if (!Call)
    return Where;
  Where.How = TaskDestination::Handed;
  Where.Via = Call;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    Referent Object = referentOf(*Member->getImplicitObjectArgument());
    if (Object.How == Referent::Local)
      Where.Holder = Object.Var;
    else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(
                 Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      Where.Holder = llvm::dyn_cast<VarDecl>(Ref->getDecl()); // a reference parameter
    return Where;
  }
  if (const auto *Var = semanticParent(*Call, Context).get<VarDecl>())
    if (Var->hasLocalStorage())
      Where.Holder = Var;
  return Where;
}

const Stmt *scopeOf(const VarDecl &Var, ASTContext &Context) {
  if (llvm::isa<ParmVarDecl>(Var)) {
    const auto *Function = llvm::dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
    return Function ? Function->getBody() : nullptr;
  }
  DynTypedNode Current = DynTypedNode::create(Var);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return nullptr;
    if (const auto *S = Parents[0].get<Stmt>())
      if (!llvm::isa<DeclStmt>(S))
        return S;
    Current = Parents[0];
  }
}

bool diesBefore(const VarDecl &Inner, const VarDecl &Outer, ASTContext &Context) {
  const Stmt *Scope = scopeOf(Outer, Context);
  if (!Scope)
    return false;
  const SourceManager &Sources = Context.getSourceManager();
  SourceLocation Loc = Inner.getLocation();
  return Sources.isBeforeInTranslationUnit(Outer.getLocation(), Loc) &&
         Sources.isBeforeInTranslationUnit(Loc, Scope->getEndLoc());
}

} // namespace corolint
