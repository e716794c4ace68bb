//===--- LockAcrossAwaitCheck.h - async-lock-across-await ------------------===//
#ifndef COROLINT_CHECKS_LOCKACROSSAWAITCHECK_H
#define COROLINT_CHECKS_LOCKACROSSAWAITCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/SuspensionPaths.h"

namespace corolint {

/// Flags a blocking lock (a guard of a std::mutex, a manual `lock()` that an
/// `unlock()` ends) held across a suspension point of a coroutine, decided on
/// the CFG: suspending in an initializer counts, releasing first on every
/// path does not (clippy's await_holding_lock; CP.52).
///
/// See docs/checks/lock-across-await.md.
class LockAcrossAwaitCheck : public AsyncCheck<LockAcrossAwaitOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Graphs.clear(); }

private:
  /// \p Type (through references and pointers) is a mutex whose lock blocks.
  bool isBlockingMutex(clang::QualType Type) const;
  bool isGuard(clang::QualType Type) const;
  /// The blocking mutex a guard's construction locks, or null (defer_lock, an
  /// async mutex, nothing).
  const clang::Expr *lockedByGuard(const clang::CXXConstructExpr &Construct) const;
  void report(const clang::Stmt &Lock, clang::SourceLocation At, const clang::Expr &Mutex,
              const clang::Stmt &Suspension, const clang::FunctionDecl &Function,
              clang::ASTContext &Context);

  BodyGraphs Graphs;
};

} // namespace corolint

#endif
