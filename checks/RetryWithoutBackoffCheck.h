//===--- RetryWithoutBackoffCheck.h - async-retry-without-backoff ----------===//
#ifndef COROLINT_CHECKS_RETRYWITHOUTBACKOFFCHECK_H
#define COROLINT_CHECKS_RETRYWITHOUTBACKOFFCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Templates.h"

namespace corolint {

/// Flags a retry loop in a coroutine — a loop that awaits an operation,
/// leaves when it succeeds and goes round again when it fails (caught in a
/// handler, or seen in an error code, an expected or a bool) — that never
/// waits between attempts.
///
/// See docs/checks/retry-without-backoff.md.
class RetryWithoutBackoffCheck : public AsyncCheck<RetryWithoutBackoffOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Instantiated.clear(); }

private:
  /// An attempt that \p Loop repeats at once when it fails.
  struct Retry {
    const clang::Expr *Operand = nullptr; ///< what is attempted
    clang::SourceLocation Where;          ///< the handler or test that goes round again
    bool OnResult = false;                ///< the failure is seen in a result, not caught
  };
  std::optional<Retry> unpacedRetry(const clang::Stmt &Loop, clang::ASTContext &Context) const;

  /// Awaiting \p Operand waits on purpose: a sleep, or a timer's wait.
  bool isDelay(const clang::Expr &Operand) const;

  /// Loops of templates whose pattern cannot know a result's type.
  Instantiations Instantiated;
};

} // namespace corolint

#endif
