//===--- HelperSearch.h - follow a coroutine's calls into plain helpers ---===//
//
// "A coroutine that calls a helper that sleeps blocks too": the search through
// plain (non-coroutine) functions defined in the translation unit that several
// checks share. Lambdas are other functions and are not entered.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_HELPERSEARCH_H
#define COROLINT_CHECKS_UTILS_HELPERSEARCH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <vector>

namespace corolint {

/// The function a call or construction runs, or null.
const clang::FunctionDecl *calleeOf(const clang::Expr &E);

class HelperSearch {
public:
  using Predicate = llvm::function_ref<bool(const clang::Expr &)>;

  /// The first call or construction that \p IsTarget accepts, reached from
  /// \p Function's body through plain functions of this translation unit
  /// (not in system headers), at most \p Depth calls deep; null if none.
  /// The answer depends only on (\p Function, \p Depth), never on what was
  /// asked before: verdicts are memoised per definition and depth (a helper
  /// first reached at the depth limit is searched again when reached
  /// directly), so one instance serves one predicate. Cost: each pair is
  /// searched once, so at most Depth x (calls in the file's helpers).
  const clang::Expr *find(const clang::FunctionDecl &Function, unsigned Depth,
                          const clang::SourceManager &Sources, Predicate IsTarget);

  /// Forget the verdicts (at the start of each translation unit).
  void reset() {
    Verdicts.clear();
    Calls.clear();
  }

private:
  /// The calls and constructions of a definition's body, collected once.
  const std::vector<const clang::Expr *> &callsOf(const clang::FunctionDecl &Definition);

  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, const clang::Expr *> Verdicts;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::Expr *>> Calls;
};

} // namespace corolint

#endif
