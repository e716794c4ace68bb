//===--- Coroutines.h - where a statement sits relative to coroutines ----===//
//
// Shared by every check: "inside a coroutine" means the innermost enclosing
// function (a lambda counts as its own function) has a coroutine body.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_COROUTINES_H
#define COROLINT_CHECKS_UTILS_COROUTINES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <string>

namespace corolint {

/// True when \p Function's body contains co_await, co_yield or co_return.
bool isCoroutine(const clang::FunctionDecl &Function);

/// The body as written: for a coroutine, the statements inside the
/// CoroutineBodyStmt that Clang wraps them in. Null without a body.
const clang::Stmt *writtenBody(const clang::FunctionDecl &Function);

/// Where a statement is: its innermost enclosing function (for a lambda, the
/// call operator) and whether evaluating it runs on that function's thread.
struct StatementContext {
  const clang::FunctionDecl *Function = nullptr; ///< null outside any function
  bool InCatchHandler = false;   ///< inside a `catch` block of that function
  bool Unevaluated = false;      ///< under sizeof, decltype, noexcept, typeid(type)
};

StatementContext contextOf(const clang::Stmt &S, clang::ASTContext &Context);

/// \p Type (through references and sugar) is an awaiter: its class declares
/// await_ready, await_suspend and await_resume, and is no coroutine's return
/// object (no promise_type: tasks are TaskTypes' business). What a semaphore's acquire(),
/// a mutex's lock() or an event's wait() return: an operation that does
/// nothing until it is awaited.
bool isAwaiterType(clang::QualType Type);

/// \p Type (through references) is a coroutine's return object: its class
/// declares a promise_type (a task of some library).
bool isCoroutineReturnType(clang::QualType Type);

/// How messages name a coroutine: its unqualified name, or "" for a lambda.
std::string coroutineDisplayName(const clang::FunctionDecl &Function);

/// A suspension point: a `co_await` (a CoawaitExpr, or a DependentCoawaitExpr
/// in a template's pattern, whose awaiter is not known yet) or a `co_yield`.
/// The one definition every check and flow walk uses.
bool isSuspensionPoint(const clang::Stmt *S);

/// \p Node is a `co_await`, dependent or not: an expression whose (semantic)
/// parent it is, is awaited on the spot.
bool isAwait(const clang::DynTypedNode &Node);

/// The `co_await` (a CoawaitExpr, or a DependentCoawaitExpr in a template's
/// pattern) that \p E is part of, at most 8 parents up: its operand, or an
/// implicit call of its awaiter (walk under TK_AsIs to reach those). Null
/// when there is none that close.
const clang::Expr *enclosingAwait(const clang::Expr &E, clang::ASTContext &Context);

/// Matches a call, expression or statement whose innermost enclosing
/// function is a coroutine (see contextOf).
AST_MATCHER(clang::Stmt, isInCoroutine) {
  StatementContext Where = contextOf(Node, Finder->getASTContext());
  return Where.Function && !Where.Unevaluated && isCoroutine(*Where.Function);
}

} // namespace corolint

#endif
