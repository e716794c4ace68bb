//===--- SequentialAwaitCheck.h - async-sequential-await -------------------===//
#ifndef COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/CheckOptions.h"

namespace corolint {

class LoopDependence;

/// Flags a loop of a known size whose body awaits independent tasks one
/// after another (ESLint's no-await-in-loop, with the data dependence it
/// lacks): the iterations could run together under one gather.
///
/// See docs/checks/sequential-await.md.
class SequentialAwaitCheck : public clang::tidy::ClangTidyCheck {
public:
  SequentialAwaitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
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
  /// The call that makes the fresh task \p Operand awaits (`fetch(u)`, also
  /// under a spawn or a timeout wrapper), or null when the operand is anything
  /// else: a handle already running, a gather, a sleep, a queue's `get()`.
  const clang::CallExpr *freshTask(const clang::Expr &Operand) const;

  ListOption TaskTypes;
  ListOption SpawnFunctions;
  ListOption GatherFunctions;
  ListOption TimeoutWrappers;
  ListOption SleepFunctions;
};

} // namespace corolint

#endif
