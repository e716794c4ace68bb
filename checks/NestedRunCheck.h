//===--- NestedRunCheck.h - async-nested-run -------------------------------===//
#ifndef COROLINT_CHECKS_NESTEDRUNCHECK_H
#define COROLINT_CHECKS_NESTEDRUNCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/HelperSearch.h"
#include "utils/Summaries.h"

namespace corolint {

/// Flags an event-loop runner (aio::run, run_until_complete, sync_wait) called
/// inside a coroutine, directly or through plain functions of the translation
/// unit (or, with the CLI's whole-program step, of other files), and a
/// loop-creating runner called once per item of a loop.
///
/// The rule is checks/model/NestedRun's; this describes each call to it.
///
/// See docs/checks/nested-run.md.
class NestedRunCheck : public AsyncCheck<NestedRunOptions> {
public:
  NestedRunCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  bool isRunner(const clang::CallExpr &Call) const;
  /// Leaves the whole-program step the question this unit cannot settle:
  /// does the function \p Call (in coroutine \p Coroutine) runs reach a
  /// runner through helpers elsewhere?
  void askAcrossFiles(const clang::CallExpr &Call, const std::string &Coroutine,
                      const clang::SourceManager &Sources);

  HelperSearch Helpers;
  /// async-blocking-call writes the unit's summaries for the CLI, runners
  /// included; without it (disabled, or not across files) this check does.
  bool BlockingCallSummarizes = false;
  /// async-blocking-call's SummaryFile: the project's summaries, for the
  /// editor and the plugin.
  std::string SummaryFile;
  /// Where this unit's questions (and, see above, summaries) go: the CLI's
  /// whole-program step, or Editor.Unit when answering from the SummaryFile;
  /// null when neither.
  ProgramSummaries *Summaries = nullptr;
  EditorQuestions Editor;
  /// A coroutine's virtual call was left to the whole-program rule (see
  /// HelperSearch::followVirtualCalls): without the CLI, the unit answers it.
  bool LeftVirtualCall = false;
  clang::ASTContext *Unit = nullptr; ///< once a definition matched, when summarizing
};

} // namespace corolint

#endif
