//===--- CancellationSwallowedCheck.h - async-cancellation-swallowed -------===//
#ifndef COROLINT_CHECKS_CANCELLATIONSWALLOWEDCHECK_H
#define COROLINT_CHECKS_CANCELLATIONSWALLOWEDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/CheckOptions.h"
#include "llvm/Support/Regex.h"

namespace corolint {

/// Flags, in a coroutine, a handler that catches the cancellation exception
/// (or everything) around a suspension point and never re-raises it, so the
/// cancelled task carries on as if nothing happened.
///
/// See docs/checks/cancellation-swallowed.md.
class CancellationSwallowedCheck : public clang::tidy::ClangTidyCheck {
public:
  CancellationSwallowedCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<clang::TraversalKind> getCheckTraversalKind() const override {
    return clang::TK_IgnoreUnlessSpelledInSource;
  }

private:
  ListOption CancelledTypes;
  ListOption TaskTypes;
  std::string CancellationByToken;
  std::string RawCancelMethods;
  llvm::SmallVector<llvm::StringRef, 4> CancelMethods;
};

} // namespace corolint

#endif
