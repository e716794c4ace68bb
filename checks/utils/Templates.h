//===--- Templates.h - the instantiations of a template's statement -------===//
//
// The checks match templates' patterns (TK_IgnoreUnlessSpelledInSource):
// each finding once, at the line written. Where the pattern's types are
// dependent and the rule needs them (is this result an error code?), a check
// asks the instantiations: the same statement, with its types known.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_TEMPLATES_H
#define COROLINT_CHECKS_UTILS_TEMPLATES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace corolint {

/// The statements instantiated from \p Pattern, a statement of a function
/// template or of a member of a class template: the statement of the same
/// kind over the same source range in each instantiated body (a dependent
/// call may become a member or operator call), at most \p Limit of them.
/// Empty outside templates and for templates never instantiated.
llvm::SmallVector<const clang::Stmt *, 4>
instantiationsOf(const clang::Stmt &Pattern, clang::ASTContext &Context, unsigned Limit = 8);

} // namespace corolint

#endif
