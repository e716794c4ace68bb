//===--- CallableCopies.cpp - callees that run a copy of a callable ------===//

#include "CallableCopies.h"
#include "Coroutines.h"
#include "Lifetimes.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// \p E names \p Param, through parentheses, casts, std::forward and std::move.
bool namesParameter(const Expr *E, const ParmVarDecl &Param) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl() == &Param;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || !Callee->isInStdNamespace() || Call->getNumArgs() != 1 ||
          (plainName(*Callee) != "forward" && plainName(*Callee) != "move"))
        return false;
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Cast = llvm::dyn_cast<CXXNamedCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    return false;
  }
  return false;
}

/// \p E builds a new object from \p Param (a copy or a move of it).
bool copiesParameter(const Expr *E, const ParmVarDecl &Param) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Materialize = llvm::dyn_cast<MaterializeTemporaryExpr>(E))
      E = Materialize->getSubExpr();
    else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = llvm::dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E))
      return Construct->getNumArgs() == 1 && namesParameter(Construct->getArg(0), Param);
    else
      return false;
  }
  return false;
}

/// The call result flows, without being awaited, into a `return` of its
/// function.
bool returnedAsIs(const Expr &Call, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(Call);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<ReturnStmt>())
      return true;
    const auto *E = Parent.get<Expr>();
    if (!E || llvm::isa<CoawaitExpr>(E) || llvm::isa<CallExpr>(E))
      return false;
    Current = Parent;
  }
}

} // namespace

const Expr *callThroughDyingCopy(const FunctionDecl &Callee, unsigned ParamIndex,
                                 ASTContext &Context, const NameList &TaskTypes,
                                 const NameList &RunFunctions) {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition || !Definition->getBody() || ParamIndex >= Definition->getNumParams())
    return nullptr;
  const ParmVarDecl &Param = *Definition->getParamDecl(ParamIndex);
  auto Calls = match(findAll(cxxOperatorCallExpr(hasOverloadedOperatorName("()")).bind("call")),
                     *Definition->getBody(), Context);
  for (const BoundNodes &Bound : Calls) {
    const auto *Call = Bound.getNodeAs<CXXOperatorCallExpr>("call");
    if (Call->getNumArgs() == 0 || !hasListedType(Call->getType(), TaskTypes))
      continue;
    const Expr *Object = Call->getArg(0);
    // `Func(func)(s)`: the copy dies at the end of this full-expression.
    if (copiesParameter(Object, Param)) {
      if (!completesInFullExpression(*Call, Context, RunFunctions))
        return Call;
      continue;
    }
    // `auto c = std::forward<F>(f); return c();`: the copy dies on return.
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
    const auto *Local = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Local && !llvm::isa<ParmVarDecl>(Local) && Local->hasLocalStorage() &&
        !Local->getType()->isReferenceType() && Local->getInit() &&
        copiesParameter(Local->getInit(), Param) && !isCoroutine(*Definition) &&
        returnedAsIs(*Call, Context))
      return Call;
  }
  return nullptr;
}

} // namespace corolint
