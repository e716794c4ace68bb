//===--- Cancellation.h - does a cancellation survive a handler? ----------===//
//
// async-cancellation-swallowed asks three questions of a try statement in a
// coroutine: is the cancellation re-raised after the handler (the shape
// runtime-api.md prescribes, since a handler cannot co_await), did this task
// cancel what it awaits (asyncio's `t.cancel(); try { await t } except
// CancelledError: pass`), and can `throw;` be appended to the handler.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_CANCELLATION_H
#define COROLINT_CHECKS_UTILS_CANCELLATION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/ArrayRef.h"

namespace corolint {

/// The handler stores `std::current_exception()` in a variable of \p Body
/// outside it that is passed on after the try statement (to
/// `std::rethrow_exception`, Seastar's `coroutine::return_exception_ptr`,
/// `set_exception`..., or returned), or somewhere that outlives the
/// coroutine (a member, a capture by reference): the shape runtime-api.md
/// prescribes, since a handler cannot co_await its cleanup.
bool rethrownAfterHandler(const clang::CXXCatchStmt &Handler, const clang::CXXTryStmt &Try,
                          const clang::Stmt &Body);

/// Every suspension point of the try block awaits a local handle on which one
/// of \p CancelMethods was called earlier on every path to the try (a
/// statement of a block that encloses the try, before it).
bool awaitsOnlyWhatItCancelled(const clang::CXXTryStmt &Try, clang::ASTContext &Context,
                               llvm::ArrayRef<llvm::StringRef> CancelMethods);

/// Control can fall off the end of \p Block (it does not end in a return,
/// throw, break, continue, goto or an if/else whose branches all do).
bool fallsThrough(const clang::Stmt &Block);

} // namespace corolint

#endif
