//===--- DroppedExceptionCheck.h - async-dropped-exception -----------------===//
#ifndef COROLINT_CHECKS_DROPPEDEXCEPTIONCHECK_H
#define COROLINT_CHECKS_DROPPEDEXCEPTIONCHECK_H

#include "utils/AsyncCheck.h"
#include "llvm/Support/Regex.h"

namespace corolint {

/// Flags places where a task's exception can vanish: spawned handles that are
/// dropped or not observed on some path, task groups never joined, results of
/// gather(return_exceptions) never inspected, handlers around a suspension
/// point that swallow, done-callbacks that never look at the outcome, and
/// coroutines that can throw spawned with a token that drops the exception.
///
/// See docs/checks/dropped-exception.md.
class DroppedExceptionCheck : public AsyncCheck<DroppedExceptionOptions> {
public:
  DroppedExceptionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkSpawn(const clang::CallExpr &Spawn, clang::ASTContext &Context);
  void checkTaskGroup(const clang::VarDecl &Group, clang::ASTContext &Context);
  void checkGatherResults(const clang::CallExpr &Gather, clang::ASTContext &Context);
  void checkHandler(const clang::CXXCatchStmt &Handler, clang::ASTContext &Context);
  /// A spawn told to drop the outcome (a DiscardingTokens argument, or a
  /// completion handler that never reads its exception_ptr), or one of
  /// DiscardingSpawns (\p Discarder null), of a coroutine that can throw.
  void checkDiscardedOutcome(const clang::CallExpr &Spawn, const clang::Expr *Discarder,
                             clang::ASTContext &Context);
  void checkDoneCallback(const clang::CXXMemberCallExpr &Add, const clang::LambdaExpr &Callback,
                         clang::ASTContext &Context);
  bool callbackInspects(const clang::LambdaExpr &Callback) const;
  void checkCollectedHandle(const clang::CallExpr &Spawn, const clang::CXXMemberCallExpr &Fill,
                            const clang::FunctionDecl &Function, llvm::StringRef SpawnName,
                            clang::ASTContext &Context);
  /// Whether this use of a handle retrieves the task's outcome (awaits it, asks for its
  /// result, hands it on, gives it an inspecting done-callback). A done-callback that does
  /// not inspect sets \p BlindCallback.
  bool observesOutcome(const clang::DeclRefExpr &Ref, clang::ASTContext &Context,
                       bool &BlindCallback) const;

  /// LoggingFunctions compiled.
  llvm::Regex LoggingPattern;
};

} // namespace corolint

#endif
