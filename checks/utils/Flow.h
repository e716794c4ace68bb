//===--- Flow.h - does every path use a local before it dies? -------------===//
//
// "Bound to a local and never awaited" and "never awaited on some path out of
// its scope" are decided on the CFG of the enclosing function, not by looking
// at the next statement.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_FLOW_H
#define COROLINT_CHECKS_UTILS_FLOW_H

#include "SuspensionPaths.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace corolint {

/// Whether the uses of a local that the caller calls "consuming" (awaited,
/// moved, passed on, ...) cover every path out of the local's lifetime.
struct Consumption {
  enum Kind {
    Everywhere, ///< every path consumes it (or leaves by an exception)
    SomePaths,  ///< some path reaches the end of its lifetime without a consuming use
    Nowhere,    ///< no consuming use at all
  } How = Everywhere;
  /// For SomePaths: the statement that ends the unconsuming path (a return,
  /// or the end of the scope), when known.
  clang::SourceLocation PathEnd;
};

/// \p IsConsuming sees each reference to \p Var in \p Function's body; a
/// reference inside a nested lambda is judged by its own merit, and the
/// lambda then counts as the use.
/// Linear in the body; with \p Graphs, the CFG is built once per function and
/// the work of all the locals asked about is charged to its budget (a check
/// asks once per local, so unbudgeted a body costs locals x size); when that
/// runs out the answer is Everywhere (silent).
/// With \p ThrowsAbandon, a path that leaves by an explicit `throw` (a
/// rethrow from a handler) counts as one that never consumed the variable:
/// what it owns (handles of running tasks) is dropped on the way out.
Consumption consumptionOf(const clang::VarDecl &Var, const clang::FunctionDecl &Function,
                          clang::ASTContext &Context,
                          llvm::function_ref<bool(const clang::DeclRefExpr &)> IsConsuming,
                          BodyGraphs *Graphs = nullptr, bool ThrowsAbandon = false);

/// A `throw` in a handler of \p Function (one of a try statement that starts
/// after \p From and whose try block suspends) that leaves the function
/// without a reference to \p Var that \p IsConsuming accepts earlier in that
/// handler: the CFG has no edges into handlers, so consumptionOf does not see
/// these paths. Invalid when there is none.
clang::SourceLocation
rethrowWithoutConsuming(const clang::VarDecl &Var, const clang::FunctionDecl &Function,
                        clang::SourceLocation From, clang::ASTContext &Context,
                        llvm::function_ref<bool(const clang::DeclRefExpr &)> IsConsuming);

/// A statement that may run after its function has suspended.
struct UseAfterSuspension {
  const clang::Stmt *Use = nullptr;        ///< null when there is none
  const clang::Stmt *Suspension = nullptr; ///< a co_await or co_yield it can follow
};

/// The first statement of \p Function's body that \p IsUse accepts and that
/// is reachable on the CFG from a suspension point (so a use in the awaited
/// operand itself, evaluated before suspending, does not count; a use in a
/// loop that suspends does). A walk per suspension point, so suspensions x
/// CFG size, capped at WorkBudget::PerFunction (then: none found).
UseAfterSuspension firstUseAfterSuspension(const clang::FunctionDecl &Function,
                                           clang::ASTContext &Context,
                                           llvm::function_ref<bool(const clang::Stmt &)> IsUse);

} // namespace corolint

#endif
