//===--- CancellationSwallowedCheck.h - async-cancellation-swallowed -------===//
#ifndef COROLINT_CHECKS_CANCELLATIONSWALLOWEDCHECK_H
#define COROLINT_CHECKS_CANCELLATIONSWALLOWEDCHECK_H

#include "utils/AsyncCheck.h"
#include "llvm/Support/Regex.h"

namespace corolint {

/// Flags, in a coroutine, a handler that catches the cancellation exception
/// (or everything) around a suspension point and never re-raises it, so the
/// cancelled task carries on as if nothing happened.
///
/// The rule is checks/model/SwallowedCancellation's; this describes each
/// handler to it and adds the fix-it.
///
/// See docs/checks/cancellation-swallowed.md.
class CancellationSwallowedCheck : public AsyncCheck<CancellationSwallowedOptions> {
public:
  CancellationSwallowedCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// CancelMethods split at ';'.
  llvm::SmallVector<llvm::StringRef, 4> CancelMethodNames;
};

} // namespace corolint

#endif
