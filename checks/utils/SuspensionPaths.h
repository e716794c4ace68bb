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

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace corolint {

/// The CFG of \p Function's own statements (for a coroutine, the body it was
/// written with), every expression its own element, scope ends and implicit
/// destructors included. Null when Clang cannot build one.
std::unique_ptr<clang::CFG> buildBodyCFG(const clang::FunctionDecl &Function,
                                         clang::ASTContext &Context);

/// The body CFGs of the functions one check looks at, built once per
/// translation unit, each with the work budget of the queries on it.
class BodyGraphs {
public:
  /// Null when Clang cannot build one.
  const clang::CFG *get(const clang::FunctionDecl &Function, clang::ASTContext &Context);
  /// What the path queries of \p Function may still cost (WorkBudget::PerFunction
  /// CFG elements in all: each query is linear in the CFG, but a check asks one
  /// per lock or per read, so a body's cost is their product).
  WorkBudget &budget(const clang::FunctionDecl &Function, clang::ASTContext &Context);
  void clear() {
    Graphs.clear();
    Budgets.clear();
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>> Graphs;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<WorkBudget>> Budgets;
};

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
