//===--- Templates.h - the instantiations of a template's statement -------===//
//
// The checks match templates' patterns (TK_IgnoreUnlessSpelledInSource):
// each finding once, at the line written. Where the pattern's types are
// dependent and the rule needs them (does `result.wait()` block? is this
// result an error code? does `q.get()` make an awaiter?), a check asks the
// instantiations: the same statement, with its types known.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_TEMPLATES_H
#define COROLINT_CHECKS_UTILS_TEMPLATES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace corolint {

/// The functions instantiated from \p Pattern that have a body: the
/// specializations of its template (a function or member template, a
/// generic lambda's call operator), or its copies in the specializations of
/// its class template. At most \p Limit.
llvm::SmallVector<const clang::FunctionDecl *, 4>
instantiatedFunctions(const clang::FunctionDecl &Pattern, unsigned Limit = 8);

/// The statements instantiated from a template's pattern. Each instantiated
/// body is indexed by source range once, on first use (linear in its size);
/// a check keeps one and clears it at the start of each translation unit.
class Instantiations {
public:
  /// The statements instantiated from \p Pattern, a statement of a function
  /// template or of a member of a class template: the statement of the same
  /// kind over the same source range in each instantiated body (a dependent
  /// call may become a member or operator call), at most \p Limit of them.
  /// Empty outside templates and for templates never instantiated.
  llvm::SmallVector<const clang::Stmt *, 4> of(const clang::Stmt &Pattern,
                                               clang::ASTContext &Context, unsigned Limit = 8);
  void clear() { Index.clear(); }

private:
  using Range = std::pair<unsigned, unsigned>; ///< raw begin and end locations
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseMap<Range, llvm::SmallVector<const clang::Stmt *, 1>>>
      Index;
};

} // namespace corolint

#endif
