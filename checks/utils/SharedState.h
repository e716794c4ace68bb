//===--- SharedState.h - state other tasks can see and change ------------===//
//
// A coroutine that suspends lets other tasks run: what they can reach (a
// global, a member of `this`, a variable captured by reference) may change
// under it, and so may iterators into it.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SHAREDSTATE_H
#define COROLINT_CHECKS_UTILS_SHAREDSTATE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// Written state that other tasks can see: a global or static, a member of
/// `this` (or of such state), a variable captured by reference. Locals and
/// parameters (and what they own) belong to this coroutine.
bool isShared(const clang::Expr &Target, const clang::FunctionDecl &Function);

/// A loop of \p Function that walks a shared container with an iterator (a
/// range-for over it, or a for loop whose variable comes from a member call
/// on it such as begin(), find() or lower_bound()) and may suspend in its body
/// and then go on to the next element: the container can change while the
/// coroutine is suspended, and the iterator with it. Returns the container
/// expression and the suspension point, or nulls.
struct SharedIteration {
  const clang::Expr *Container = nullptr;
  const clang::Stmt *Suspension = nullptr;
};
SharedIteration iteratesSharedAcrossSuspension(const clang::Stmt &Loop,
                                               const clang::FunctionDecl &Function,
                                               clang::ASTContext &Context);

} // namespace corolint

#endif
