//===--- BusyWaitCheck.h - async-busy-wait ---------------------------------===//
#ifndef COROLINT_CHECKS_BUSYWAITCHECK_H
#define COROLINT_CHECKS_BUSYWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/CheckOptions.h"

namespace corolint {

/// Flags a loop in a coroutine that does nothing but poll a condition and
/// sleep (`while (!ready) co_await aio::sleep(10ms);`): the asyncio Event
/// pattern wakes the waiter when the condition changes instead (ASYNC110).
///
/// See docs/checks/busy-wait.md.
class BusyWaitCheck : public clang::tidy::ClangTidyCheck {
public:
  BusyWaitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
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
  ListOption SleepFunctions;
  ListOption EventTypes;
};

} // namespace corolint

#endif
