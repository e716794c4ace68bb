//===--- GatherResults.h - what happens to gather(return_exceptions)'s results ===//
//
// gather(return_exceptions, ...) turns every failure into a value. Whether
// those failures are lost depends on what the code after the gather does with
// the results, and on whether the gathered handles were cancelled first (the
// shutdown idiom, where failures are the expected cancellations).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_GATHERRESULTS_H
#define COROLINT_CHECKS_UTILS_GATHERRESULTS_H

#include "Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/Support/Regex.h"

namespace corolint {

/// Whether the statements of \p Function after \p Gather look at the failures
/// in its results: read an error (`error()`, `exception()`), test the outcome
/// in a way that acts on failure, log (\p Logging names) or rethrow, or read
/// values without filtering (`value()` rethrows a failure), or hand the
/// variable \p Results holding them (if any) on to a function or return it:
/// then the receiver decides. \p ResultTypes are the per-task outcome types.
bool gatherErrorsInspected(const clang::CallExpr &Gather, const clang::FunctionDecl &Function,
                           const clang::VarDecl *Results, const NameList &ResultTypes,
                           const llvm::Regex &Logging, clang::ASTContext &Context);

/// Every handle \p Gather awaits was cancelled earlier in \p Function
/// (`h.cancel()`, or `for (auto &h : handles) h.cancel();`).
bool gathersWhatItCancelled(const clang::CallExpr &Gather, const clang::FunctionDecl &Function,
                            clang::ASTContext &Context);

} // namespace corolint

#endif
