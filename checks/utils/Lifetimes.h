//===--- Lifetimes.h - what a task refers to, and where the task goes ------===//
//
// A coroutine frame keeps its reference parameters as references and a lambda
// coroutine keeps its captures in the lambda object, not in the frame. Whether
// that dangles depends on two things decided here: what the reference names
// (a temporary dies with the full-expression, a local with its scope; a global
// or the object behind a pointer is somebody else's business) and where the
// task goes (awaited at once, bound to a local, handed to a spawn, returned).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_LIFETIMES_H
#define COROLINT_CHECKS_UTILS_LIFETIMES_H

#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// The object an argument makes a reference (or a view) refer to.
struct Referent {
  enum Kind {
    None,      ///< outlives any task we can see: global, static, member, pointee, reference parameter
    Temporary, ///< destroyed at the end of the full-expression
    Local,     ///< an automatic variable (or by-value parameter), destroyed at the end of its scope
  } How = None;
  const clang::VarDecl *Var = nullptr; ///< for Local
};

/// What \p Arg, bound to a reference parameter, refers to. With \p Views the
/// parameter is a view (one of those types: string_view, span) and the owner
/// it views is followed through the conversion; a view of a view or of a
/// literal is None.
Referent referentOf(const clang::Expr &Arg, const NameList *Views = nullptr);

/// The task \p E makes is run to completion before its full-expression ends:
/// an enclosing `co_await` (directly, or through gather, with, an operator)
/// or a call to one of \p RunFunctions — unless it goes through one of
/// \p Detaching (aio::shield), which lets it run on when the awaiter is cancelled.
bool completesInFullExpression(const clang::Expr &E, clang::ASTContext &Context,
                               const NameList &RunFunctions,
                               const NameList *Detaching = nullptr);

/// Where a task goes when it does not complete in its full-expression.
struct TaskDestination {
  enum Kind {
    Discarded, ///< `f(x);`: never runs (async-unawaited-task's business)
    Local,     ///< bound to a local task; it can run only while that local lives
    Handed,    ///< an argument of a call (spawned, detached, pushed into a container)
    Returned,  ///< returned to the caller
    Stored,    ///< assigned to something that is not a local
    Unknown,
  } How = Unknown;
  const clang::Expr *Via = nullptr; ///< for Handed: the call; for Returned/Stored: the expression
  const clang::Stmt *Return = nullptr; ///< for Returned: the return statement
  /// For Local: the task variable. For Handed: the local that keeps what the
  /// call made (`auto h = create_task(...)`) or the local the call is made on
  /// (`tasks.push_back(...)`, `group.create_task(...)`), when there is one.
  const clang::VarDecl *Holder = nullptr;
};

TaskDestination destinationOf(const clang::Expr &Task, clang::ASTContext &Context);

/// The statement whose end ends \p Var's lifetime: the compound statement
/// around its declaration, or its function's body for a parameter.
const clang::Stmt *scopeOf(const clang::VarDecl &Var, clang::ASTContext &Context);

/// \p Inner is declared after \p Outer inside Outer's scope, so it dies first.
bool diesBefore(const clang::VarDecl &Inner, const clang::VarDecl &Outer,
                clang::ASTContext &Context);

} // namespace corolint

#endif
