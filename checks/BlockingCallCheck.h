//===--- BlockingCallCheck.h - async-blocking-call -------------------------===//
#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingFunctions.h"

#include <vector>

namespace corolint {

/// Flags calls that block the thread (sleeps, ...) made from a coroutine,
/// where they stall every task on the event loop.
///
/// See docs/checks/blocking-call.md.
class BlockingCallCheck : public clang::tidy::ClangTidyCheck {
public:
  BlockingCallCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
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
  const BlockingFunction *lookup(const clang::FunctionDecl &Callee) const;

  std::string RawBlockingFunctions;
  std::string RawSleepFunctions;
  std::vector<BlockingFunction> BlockingFunctions;
  /// What a blocking sleep of a std::chrono duration is rewritten to; empty: no fix-it.
  std::string SleepReplacement;
};

} // namespace corolint

#endif
