//===--- Throwing.h - whether a spawned coroutine lets an exception out ---===//
//
// A coroutine spawned with a completion token that discards its outcome
// (asio's `detached`) loses every exception that leaves its body. These
// helpers find the coroutine an argument starts and the first place its body
// can let an exception out.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_THROWING_H
#define COROLINT_CHECKS_UTILS_THROWING_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace corolint {

/// The coroutine whose body runs when \p Argument is handed to a spawn: a call
/// of a coroutine defined in this translation unit (`echo(std::move(socket))`,
/// `self->reader()`), a lambda coroutine, or a lambda that only returns such a
/// call (`[self] { return self->reader(); }`). Null when the body is not here.
const clang::FunctionDecl *spawnedCoroutine(const clang::Expr &Argument);

/// The first `co_await` or `throw` in \p Coroutine's body whose exception no
/// enclosing handler stops, or null. `catch (...)` and `catch (std::exception)`
/// stop everything; a `system_error` handler stops what awaited operations
/// throw. Awaits that report failure as a value (a result holding an
/// `error_code`, a `redirect_error`/`as_tuple` token) and awaits of the
/// coroutine's own state (asio's `this_coro::executor`) throw nothing; nor do
/// awaits for which \p CancelsOnly holds (a timer's wait fails only when it is
/// cancelled, and a cancelled task has nothing to report). Plain calls are not
/// counted: every call may throw `bad_alloc`, and a handler's own logging
/// would make every guarded coroutine "throwing".
const clang::Stmt *
escapingThrow(const clang::FunctionDecl &Coroutine,
              llvm::function_ref<bool(const clang::Expr &Awaited)> CancelsOnly);

} // namespace corolint

#endif
