//===--- SequentialAwaitCheck.h - async-sequential-await -------------------===//
#ifndef COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H

#include "utils/AsyncCheck.h"

namespace corolint {

/// Flags a loop of a known size whose body awaits independent tasks one
/// after another (ESLint's no-await-in-loop, with the data dependence it
/// lacks): the iterations could run together under one gather.
///
/// The rule is checks/model/GatherableLoop's; this describes the loop to it.
///
/// See docs/checks/sequential-await.md.
class SequentialAwaitCheck : public AsyncCheck<SequentialAwaitOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

  /// The call that makes the fresh task \p Operand awaits (`fetch(u)`, also
  /// under a spawn or a timeout wrapper), or null when the operand is anything
  /// else: a handle already running, a gather, a sleep, a queue's `get()`.
  const clang::CallExpr *freshTask(const clang::Expr &Operand) const;
};

} // namespace corolint

#endif
