//===--- Statements.h - where an expression's value goes ------------------===//
#ifndef COROLINT_CHECKS_UTILS_STATEMENTS_H
#define COROLINT_CHECKS_UTILS_STATEMENTS_H

#include "checks/model/DiscardedCall.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// The parent of \p E, skipping the implicit nodes the compiler wraps around
/// values (cleanups, temporaries, implicit casts, parentheses).
clang::DynTypedNode semanticParent(const clang::Expr &E, clang::ASTContext &Context);

Discard discardKind(const clang::Expr &E, clang::ASTContext &Context);

/// Container members that add to or inspect a container without handing its
/// elements to anyone.
inline bool isContainerFiller(llvm::StringRef Member) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                             "emplace", "reserve", "size", "empty", "clear", "capacity"},
                            Member);
}

/// `E` stands alone as a statement, so `co_await E` can replace it.
inline bool isStatement(const clang::Expr &E, clang::ASTContext &Context) {
  return discardKind(E, Context) == Discard::Statement;
}

} // namespace corolint

#endif
