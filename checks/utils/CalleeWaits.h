//===--- CalleeWaits.h - plain callees that wait for the task they start -===//
//
// A plain function handed a task (or a callable that makes one) may start it
// and block until its completion callback fires before returning:
//
//   std::promise<void> p;
//   std::move(lazy).via(&executor).start([&p](Try<void>&&) { p.set_value(); });
//   p.get_future().wait();
//
// The task has finished when the call returns, so whatever it refers to in
// the caller's full-expression or scope is still alive (async_simple's
// SpinLockTest). The wait must be tied to the start: its object is named in
// the statement that starts the task (the callback fulfils it). A wait on
// anything else says nothing about this task.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_CALLEEWAITS_H
#define COROLINT_CHECKS_UTILS_CALLEEWAITS_H

#include "Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// In the definition of \p Callee, a function that is not a coroutine: the
/// blocking wait (one of \p Waits: `std::future::wait`, `std::latch::wait`,
/// ...) that follows, in the body's own statement list, the first statement
/// using parameter \p ParamIndex, on an object that statement also names.
/// Null when there is none or the body is out of sight.
const clang::CallExpr *waitForStartedParameter(const clang::FunctionDecl &Callee,
                                               unsigned ParamIndex, clang::ASTContext &Context,
                                               const NameList &Waits);

} // namespace corolint

#endif
