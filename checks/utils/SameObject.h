//===--- SameObject.h - do two expressions name the same object? ----------===//
//
// "unlock() of the mutex that lock() took", "written back to the variable it
// was read from": compared by the structure of the expressions (`m`,
// `this->m_`, `shard.m`, `cache_[key]`), not by their text.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SAMEOBJECT_H
#define COROLINT_CHECKS_UTILS_SAMEOBJECT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/FoldingSet.h"

namespace corolint {

class SameObject {
public:
  SameObject(const clang::Expr &E, const clang::ASTContext &Context);
  /// \p E (parentheses and implicit casts aside) names the same object.
  bool operator()(const clang::Expr *E) const;
  /// The first expression in \p Root (nested lambdas aside) that names it, or null.
  const clang::Expr *findIn(const clang::Stmt &Root) const;

private:
  llvm::FoldingSetNodeID Wanted;
  clang::Stmt::StmtClass WantedClass;
  const clang::ASTContext &Context;
};

/// The variable an object expression starts from: `p` in `p.get_future()`,
/// `s` in `s.wait_for_clients`, `e` in `e.wait()`; null when it starts from
/// something else (a call's result, `this`).
const clang::VarDecl *rootVariable(const clang::Expr &Object);

} // namespace corolint

#endif
