//===--- SuspensionPaths.h - is there a suspension point on the way? ------===//
//
// "A lock held across a suspension point" and "a value read before a
// suspension point and written back after it" are questions about paths
// through a coroutine's body: asked on its CFG, not on the order of lines.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SUSPENSIONPATHS_H
#define COROLINT_CHECKS_UTILS_SUSPENSIONPATHS_H

#include "Budget.h"
#include "Coroutines.h"
#include "FlowGraph.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace corolint {

/// Says where a path stops mattering: the lock was released, the value read again.
using PathEnd = llvm::function_ref<bool(const clang::CFGElement &)>;

/// The first `co_await` or `co_yield` reached on some path from just after
/// \p From before \p Ends cuts it; null when there is none, or when the
/// search would overdraw \p Budget (then it stays silent). Each CFG block is
/// entered at most twice: linear in the CFG.
const clang::Stmt *suspensionAfter(const clang::CFG &Graph, const clang::Stmt &From,
                                   PathEnd Ends, WorkBudget *Budget = nullptr);

/// A `co_await` or `co_yield` on some path from just after \p From to \p To
/// that \p Ends does not cut; null when there is none.
const clang::Stmt *suspensionBetween(const clang::CFG &Graph, const clang::Stmt &From,
                                     const clang::Stmt &To, PathEnd Ends,
                                     WorkBudget *Budget = nullptr);

} // namespace corolint

#endif
