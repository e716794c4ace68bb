//===--- NoAwaitCheck.h - async-no-await -----------------------------------===//
#ifndef COROLINT_CHECKS_NOAWAITCHECK_H
#define COROLINT_CHECKS_NOAWAITCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/HelperSearch.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace corolint {

/// Flags a task-returning coroutine with no co_await or co_yield anywhere: it
/// could be a plain function. Coroutines that satisfy an async interface
/// (virtual functions, functions used as values, lambdas handed to an API,
/// members of explicit specializations, coroutines of test code and of
/// headers) are left alone. Not in the default set (docs/checks/no-await.md).
///
/// The rule is checks/model/NoAwait's; this describes each coroutine to it.
///
/// See docs/checks/no-await.md.
class NoAwaitCheck : public AsyncCheck<NoAwaitOptions> {
public:
  NoAwaitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  class CoroutineFacts;
  /// A task-returning coroutine without a suspension point.
  bool neverSuspends(const clang::FunctionDecl &Function) const;
  /// \p Body calls one of BlockingFunctions (or constructs one, a file
  /// stream), directly or through a plain helper of this translation unit,
  /// makes a task or an awaitable, or calls one of SpawnFunctions.
  bool hasSomethingToAwait(const clang::Stmt &Body, clang::ASTContext &Context) const;
  /// Reports at \p Where what checks/model/NoAwait finds.
  void report(CoroutineFacts &Facts, clang::SourceLocation Where);
  /// The translation unit is test code, or \p Function is defined in a
  /// header: its task-returning signature is imposed by who awaits it.
  bool signatureImposedByFile(const clang::FunctionDecl &Function, const clang::SourceManager &SM);

  NameList BlockingNames;
  /// Which helpers reach a blocking call; memoised, hence mutable.
  mutable HelperSearch BlockingHelpers;
  /// Functions in this TU that never suspend, judged at its end, when every
  /// use as a value is known.
  llvm::SmallVector<const clang::FunctionDecl *, 8> Candidates;
  llvm::SmallPtrSet<const clang::Decl *, 8> UsedAsValue;
  /// includesTestSupport() of the main file, computed once per TU.
  std::optional<bool> TestCode;
  /// isHeaderSource() per file that defines a candidate.
  llvm::DenseMap<clang::FileID, bool> HeaderFiles;
};

} // namespace corolint

#endif
