//===--- Polling.h - a loop of the AST as async-busy-wait's rule reads it -===//
//
// The full engine's side of checks/model/PollingLoop.h: the shapes of a
// loop's statements and what its conditions read and its body writes, taken
// from Clang's AST (variables and members named by their declarations).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_POLLING_H
#define COROLINT_CHECKS_UTILS_POLLING_H

#include "checks/model/PollingLoop.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <optional>
#include <vector>

namespace corolint {

/// \p Loop (while, do or for) described for pollingLoop(); a statement's
/// Anchor indexes \p Anchors (the awaited call of an AwaitedCall). Nothing
/// for other statements.
std::optional<PollLoop> describePollLoop(const clang::Stmt &Loop, clang::ASTContext &Context,
                                         std::vector<const clang::Expr *> &Anchors);

} // namespace corolint

#endif
