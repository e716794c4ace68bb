//===--- BlockingCallCheck.h - async-blocking-call -------------------------===//
#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "checks/model/BlockingCall.h"
#include "utils/AsyncCheck.h"
#include "utils/BlockingFunctions.h"
#include "utils/HelperSearch.h"
#include "utils/Summaries.h"
#include "utils/Templates.h"

#include <vector>

namespace corolint {

/// Flags calls that block the thread (sleeps, blocking waits, blocking I/O)
/// made from a coroutine — directly or through plain helper
/// functions defined in the translation unit — where they stall every task on
/// the event loop.
///
/// See docs/checks/blocking-call.md.
class BlockingCallCheck : public AsyncCheck<BlockingCallOptions> {
public:
  BlockingCallCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// A blocking operation and the expression that performs it.
  struct Blocking {
    const clang::Expr *Site = nullptr;
    BlockingOperation Operation;
  };
  /// The blocking operation \p E performs itself (not via helpers).
  std::optional<Blocking> blockingAt(const clang::Expr &E) const;
  /// Reports \p Call of \p Coroutine if it blocks, itself or through a
  /// helper; whether it did.
  bool checkCall(const clang::Expr &Call, const clang::FunctionDecl &Coroutine,
                 const clang::ast_matchers::MatchFinder::MatchResult &Result);
  void reportDirect(const Blocking &Found, const clang::FunctionDecl &Coroutine,
                    const clang::ast_matchers::MatchFinder::MatchResult &Result);
  /// A blocking operation of a helper's body, as summaries record it: descriptor
  /// I/O on a descriptor made non-blocking is none.
  std::optional<BlockingOperation> blockingInHelper(const clang::Expr &E) const;
  /// Leaves the whole-program step the question this unit cannot settle:
  /// does \p Callee, called by \p Coroutine at \p Call, block elsewhere?
  void askAcrossFiles(const clang::Expr &Call, const clang::FunctionDecl &Callee,
                      const clang::FunctionDecl &Coroutine,
                      const clang::ast_matchers::MatchFinder::MatchResult &Result);

  /// BlockingFunctions parsed.
  std::vector<BlockingFunction> BlockingTable;
  NameList BlockingNames;
  HelperSearch Helpers;
  /// Dependent calls are resolved in the template's instantiations.
  Instantiations Instantiated;

  /// Where this unit's summaries go: the CLI's whole-program step, or
  /// Editor.Unit when answering from the SummaryFile; null when neither.
  ProgramSummaries *Summaries = nullptr;
  EditorQuestions Editor;
  /// A coroutine's virtual call was left to the whole-program rule (see
  /// HelperSearch::followVirtualCalls): without the CLI, the unit answers it.
  bool LeftVirtualCall = false;
  /// What a coroutine's questions share, read once per coroutine (its body's
  /// walks would otherwise be repeated for each of its calls).
  struct CoroutineFacts {
    clang::SourceLocation Hop; ///< where it hops onto a pool; invalid: never
    bool AwaitsReadiness = false;
  };
  llvm::DenseMap<const clang::FunctionDecl *, CoroutineFacts> Coroutines;
  const CoroutineFacts &factsOf(const clang::FunctionDecl &Coroutine,
                                const clang::SourceManager &Sources);
  std::optional<UnitSummarizer> Summarizer;
  clang::ASTContext *Context = nullptr; ///< of the unit, once a definition matched
};

} // namespace corolint

#endif
