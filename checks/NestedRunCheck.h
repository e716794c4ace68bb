//===--- NestedRunCheck.h - async-nested-run -------------------------------===//
#ifndef COROLINT_CHECKS_NESTEDRUNCHECK_H
#define COROLINT_CHECKS_NESTEDRUNCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/HelperSearch.h"
#include "llvm/ADT/DenseMap.h"

namespace corolint {

/// Flags an event-loop runner (aio::run, run_until_complete, sync_wait) called
/// inside a coroutine, directly or through plain functions of the translation
/// unit, and a loop-creating runner called once per item of a loop.
///
/// See docs/checks/nested-run.md.
class NestedRunCheck : public AsyncCheck<NestedRunOptions> {
public:
  NestedRunCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Helpers.reset(); }

private:
  bool isRunner(const clang::CallExpr &Call) const;
  /// The first runner call reached from \p Function's body through plain
  /// functions of this translation unit, at most HelperDepth calls deep.
  void checkPerItem(const clang::CallExpr &Run, clang::ASTContext &Context);

  HelperSearch Helpers;
};

} // namespace corolint

#endif
