//===--- Handlers.h - what a catch handler does with what it caught -------===//
//
// Shared by the checks that ask whether an exception survives a handler
// (async-dropped-exception; async-cancellation-swallowed).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_HANDLERS_H
#define COROLINT_CHECKS_UTILS_HANDLERS_H

#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/Regex.h"

namespace corolint {

/// The first co_await or co_yield in \p S that suspends the function owning
/// \p S (nested lambdas are other functions), or null.
const clang::Stmt *findSuspensionPoint(const clang::Stmt &S);

/// The first co_await (or `for co_await`) in \p S, not in nested lambdas, or
/// null: a body with none but a co_yield is a synchronous generator.
const clang::Stmt *findAwait(const clang::Stmt &S);

struct HandlerActions {
  bool Rethrows = false; ///< `throw;`, `throw X`, std::rethrow_exception
  bool Logs = false;     ///< a call whose name looks like logging, or `<<` into a stream
  bool Records = false;  ///< uses the exception, std::current_exception, stores or returns a value
  bool Handles = false;  ///< calls anything else: cleanup such as stopping a session is handling

  /// Nothing at all happens to the failure (`catch (...) {}`, `{ continue; }`).
  bool swallows() const { return !Rethrows && !Logs && !Records && !Handles; }
};

/// \p Logging matches the unqualified names of logging functions.
HandlerActions analyzeHandler(const clang::CXXCatchStmt &Handler, const llvm::Regex &Logging);

/// True for `catch (...)`.
bool catchesAll(const clang::CXXCatchStmt &Handler);

} // namespace corolint

#endif
