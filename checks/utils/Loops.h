//===--- Loops.h - how many times a loop runs, as far as the source says ---===//
//
// "One task per element of a collection whose size is not a small constant"
// needs the loops around a statement and, for each, either its trip count
// (when the source makes it a compile-time constant) or what its size comes
// from ('urls', 'n'), in the words a message can quote.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_LOOPS_H
#define COROLINT_CHECKS_UTILS_LOOPS_H

#include "LoopSize.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>

namespace corolint {

/// `do { ... } while (0)`, a macro's statement wrapper (Catch's REQUIRE,
/// a project's LOG): it runs once and repeats nothing.
bool runsOnlyOnce(const clang::Stmt &Loop, const clang::ASTContext &Context);

/// The for, range-for, while and do loops around \p S, innermost first, up to
/// the innermost enclosing function (a lambda's body ends the walk). A
/// `do { } while (0)` is not a loop.
llvm::SmallVector<const clang::Stmt *, 4> enclosingLoops(const clang::Stmt &S,
                                                         clang::ASTContext &Context);

/// The body of a for, range-for, while or do loop.
const clang::Stmt *loopBody(const clang::Stmt &Loop);

/// How many times \p Loop runs.
LoopSize loopSize(const clang::Stmt &Loop, clang::ASTContext &Context);

/// A counted for loop whose body never reads its counter, or a range-for whose
/// body never reads its element (`for (auto _ : state)`), repeats the same work
/// (a benchmark's iterations, a test's two dequeues): no item per iteration.
bool repeatsWithoutItems(const clang::Stmt &Loop);

/// The source text of \p E, shortened for a message.
std::string spelling(const clang::Expr &E, clang::ASTContext &Context);

/// Calls \p Visit for each `co_await` in \p Root that runs in Root's own
/// function (not in nested lambdas), skipping the subtree \p Skip.
void forEachAwait(const clang::Stmt &Root, const clang::Stmt *Skip,
                  llvm::function_ref<void(const clang::Expr &Operand)> Visit);

/// True when \p Root (not counting nested lambdas) contains \p Target or a
/// reference to \p Var.
bool mentions(const clang::Stmt &Root, const clang::Stmt *Target, const clang::Decl *Var);

} // namespace corolint

#endif
