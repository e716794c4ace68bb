//===--- Polling.h - is a loop only polling a condition between sleeps? ---===//
//
// async-busy-wait needs to tell `while (!ready) co_await sleep(10ms);` from a
// periodic loop that does work, and from a loop driven by its own counter.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_POLLING_H
#define COROLINT_CHECKS_UTILS_POLLING_H

#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <optional>

namespace corolint {

struct PollingLoop {
  const clang::Expr *Condition = nullptr; ///< the first condition it polls
  const clang::Expr *Sleep = nullptr;     ///< the first awaited sleep call
};

/// \p Loop (while, do or for) does nothing but sleep with one of \p Sleeps
/// and test conditions that only something else changes: its body holds only
/// awaited sleeps and `if (c) break;`/`return`/`co_return` statements, it
/// awaits nothing but the sleeps, and no variable its conditions read is
/// modified by the loop itself (a counter or retry count).
std::optional<PollingLoop> pollingLoop(const clang::Stmt &Loop, const NameList &Sleeps,
                                       clang::ASTContext &Context);

} // namespace corolint

#endif
