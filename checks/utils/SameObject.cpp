//===--- SameObject.cpp - do two expressions name the same object? --------===//

#include "SameObject.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace corolint {

SameObject::SameObject(const Expr &E, const ASTContext &Context) : Context(Context) {
  const Expr *Bare = E.IgnoreParenImpCasts();
  Bare->Profile(Wanted, Context, /*Canonical=*/true);
  WantedClass = Bare->getStmtClass();
}

bool SameObject::operator()(const Expr *E) const {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (E->getStmtClass() != WantedClass)
    return false;
  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Context, /*Canonical=*/true);
  return ID == Wanted;
}

const Expr *SameObject::findIn(const Stmt &Root) const {
  class Finder : public RecursiveASTVisitor<Finder> {
  public:
    explicit Finder(const SameObject &Same) : Same(Same) {}
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitExpr(Expr *E) {
      if (Same(E))
        Found = E;
      return !Found;
    }
    const SameObject &Same;
    const Expr *Found = nullptr;
  } Search(*this);
  Search.TraverseStmt(const_cast<Stmt *>(&Root));
  return Search.Found;
}

const VarDecl *rootVariable(const Expr &Object) {
  const Expr *E = &Object;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
      E = Member->getBase();
    else if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(E))
      E = Call->getImplicitObjectArgument();
    else if (const auto *Temporary = llvm::dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr();
    else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

} // namespace corolint
