//===--- CallableCopies.h - callees that run a copy of a callable --------===//
//
// A function handed a callable may call a copy of it rather than the object
// the caller passed: `Func(func)(s)` (a temporary copy), `auto c =
// std::forward<F>(f); return c();` (a local copy returned from). When that
// call yields a task and the copy dies before the task finishes, a lambda
// coroutine's captures dangle even though the caller awaits at once: awaiting
// keeps the caller's lambda alive, not the callee's copy (seastar's
// invoke_on_all and map_reduce, a continuation run under a gate).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_CALLABLECOPIES_H
#define COROLINT_CHECKS_UTILS_CALLABLECOPIES_H

#include "Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// In the definition of \p Callee (an instantiation when it is a template),
/// the call through a copy of parameter \p ParamIndex whose task outlives that
/// copy: the copy is a temporary and the task is not awaited in the same
/// full-expression, or it is a local returned from a function that is not a
/// coroutine. Null when there is none or the body is out of sight.
const clang::Expr *callThroughDyingCopy(const clang::FunctionDecl &Callee, unsigned ParamIndex,
                                        clang::ASTContext &Context, const NameList &TaskTypes,
                                        const NameList &RunFunctions);

} // namespace corolint

#endif
