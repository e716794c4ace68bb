//===--- Statements.h - where an expression's value goes ------------------===//
#ifndef COROLINT_CHECKS_UTILS_STATEMENTS_H
#define COROLINT_CHECKS_UTILS_STATEMENTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// The parent of \p E, skipping the implicit nodes the compiler wraps around
/// values (cleanups, temporaries, implicit casts, parentheses).
clang::DynTypedNode semanticParent(const clang::Expr &E, clang::ASTContext &Context);

/// How an expression's value is thrown away, if it is.
enum class Discard {
  No,
  Statement,  ///< `f();` — an expression statement (also a for-increment, a comma's left side)
  CastToVoid, ///< `(void)f();` or `static_cast<void>(f())`
};

Discard discardKind(const clang::Expr &E, clang::ASTContext &Context);

/// `E` stands alone as a statement, so `co_await E` can replace it.
/// Container members that add to or inspect a container without handing its
/// elements to anyone.
inline bool isContainerFiller(llvm::StringRef Member) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                             "emplace", "reserve", "size", "empty", "clear", "capacity"},
                            Member);
}

inline bool isStatement(const clang::Expr &E, clang::ASTContext &Context) {
  return discardKind(E, Context) == Discard::Statement;
}

} // namespace corolint

#endif
