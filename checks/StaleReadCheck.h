//===--- StaleReadCheck.h - async-stale-read -------------------------------===//
#ifndef COROLINT_CHECKS_STALEREADCHECK_H
#define COROLINT_CHECKS_STALEREADCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/SuspensionPaths.h"

namespace corolint {

/// Flags shared state (a global, a static, a member, a variable captured by
/// reference) written from a value read before a suspension point, with no
/// async mutex held across both: the guide's `temp = counter; await ...;
/// counter = temp + 1` lost update (ESLint's require-atomic-updates).
///
/// See docs/checks/stale-read.md.
class StaleReadCheck : public AsyncCheck<StaleReadOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Graphs.clear(); }

private:
  /// A loop walking a shared container with an iterator across a suspension.
  void checkIteration(const clang::Stmt &Loop, clang::ASTContext &Context);
  /// A local iterator, reference or pointer into a shared container used
  /// after a suspension point that follows where it was taken.
  void checkHeld(const clang::DeclStmt &Declaration, clang::ASTContext &Context);
  /// An async-mutex guard of \p Function is alive from before \p Read to \p Write.
  bool guardedByAsyncMutex(const clang::Stmt &Read, const clang::Stmt &Write,
                           const clang::FunctionDecl &Function, clang::ASTContext &Context) const;

  BodyGraphs Graphs;
};

} // namespace corolint

#endif
