//===--- Statements.cpp - where an expression's value goes ----------------===//

#include "Statements.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

DynTypedNode semanticParent(const Expr &E, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(E);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return DynTypedNode();
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<ExprWithCleanups>() || Parent.get<ImplicitCastExpr>() ||
        Parent.get<CXXBindTemporaryExpr>() || Parent.get<MaterializeTemporaryExpr>() ||
        Parent.get<ParenExpr>()) {
      Current = Parent;
      continue;
    }
    return Parent;
  }
}

namespace {
bool isSameExpr(const Expr *Child, const Expr &E) {
  return Child && Child->IgnoreUnlessSpelledInSource() == E.IgnoreUnlessSpelledInSource();
}
} // namespace

Discard discardKind(const Expr &E, ASTContext &Context) {
  DynTypedNode Parent = semanticParent(E, Context);
  if (const auto *Cast = Parent.get<ExplicitCastExpr>())
    return Cast->getTypeAsWritten()->isVoidType() ? Discard::CastToVoid : Discard::No;
  if (const auto *Comma = Parent.get<BinaryOperator>())
    return Comma->getOpcode() == BO_Comma && isSameExpr(Comma->getLHS(), E) ? Discard::Statement
                                                                          : Discard::No;
  const auto *Statement = Parent.get<Stmt>();
  if (!Statement || llvm::isa<Expr>(Statement))
    return Discard::No;
  // In a statement's own value positions the value is used; in its body it is not.
  if (const auto *If = llvm::dyn_cast<IfStmt>(Statement))
    return isSameExpr(If->getCond(), E) ? Discard::No : Discard::Statement;
  if (const auto *While = llvm::dyn_cast<WhileStmt>(Statement))
    return isSameExpr(While->getCond(), E) ? Discard::No : Discard::Statement;
  if (const auto *Do = llvm::dyn_cast<DoStmt>(Statement))
    return isSameExpr(Do->getCond(), E) ? Discard::No : Discard::Statement;
  if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(Statement))
    return isSameExpr(Switch->getCond(), E) ? Discard::No : Discard::Statement;
  if (const auto *For = llvm::dyn_cast<ForStmt>(Statement))
    return isSameExpr(For->getCond(), E) ? Discard::No : Discard::Statement;
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(Statement))
    return isSameExpr(llvm::dyn_cast<Expr>(RangeFor->getBody()), E) ? Discard::Statement
                                                                      : Discard::No;
  if (llvm::isa<ReturnStmt, CoreturnStmt, DeclStmt, CoroutineBodyStmt>(Statement))
    return Discard::No;
  return Discard::Statement;
}

} // namespace corolint
