//===--- DanglingReferenceCheck.h - async-dangling-reference ---------------===//
#ifndef COROLINT_CHECKS_DANGLINGREFERENCECHECK_H
#define COROLINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Lifetimes.h"

namespace corolint {

/// Flags a task that outlives what it refers to: a coroutine's reference (or
/// view) parameter bound to a temporary or a local, or a lambda coroutine's
/// captures (which live in the lambda object, not in the frame), when the task
/// escapes the full-expression or the local's scope (spawned, stored,
/// returned) instead of being awaited at once; and a capturing lambda
/// coroutine handed to a function that may destroy it while the coroutine is
/// suspended (CP.51, CP.53).
///
/// See docs/checks/dangling-reference.md.
class DanglingReferenceCheck : public AsyncCheck<DanglingReferenceOptions> {
public:
  DanglingReferenceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Something a task refers to that may die before it.
  struct Dependency {
    Referent What;
    const clang::NamedDecl *Through; ///< the parameter, or the lambda's call operator
    bool IsCapture;                  ///< the lambda's captures (its closure object)
  };

  void checkTaskCall(const clang::Expr &Call, clang::ASTContext &Context);
  void checkHandedLambda(const clang::LambdaExpr &Lambda, const clang::Expr &Call,
                         clang::ASTContext &Context);
  llvm::SmallVector<Dependency, 2> dependencies(const clang::Expr &Call) const;
  /// Why the task outlives \p Local, as a few words ("spawned", "returned"), or "".
  std::string outlivesLocal(const clang::Expr &Call, const TaskDestination &Where,
                            const clang::VarDecl &Local, clang::ASTContext &Context) const;
  /// \p Task is handed to a plain function that starts it and waits for
  /// its completion before returning (see CalleeWaits.h).
  bool handedToWaitingCallee(const clang::Expr &Task, const TaskDestination &Where,
                             clang::ASTContext &Context) const;
  bool drainedBeforeScopeEnd(const clang::Expr &Spawn, const clang::VarDecl &Local,
                             clang::ASTContext &Context) const;
  /// The calls of RunFunctions in \p Scope.
  llvm::SmallVector<const clang::CallExpr *, 2> runCalls(const clang::Stmt &Scope,
                                                        clang::ASTContext &Context) const;
  /// \p Holder (a task, or a container of tasks) is awaited on every path,
  /// directly or through a gather whose task is kept in a local that is
  /// (\p Depth bounds that chain).
  bool awaitedEverywhere(const clang::VarDecl &Holder, clang::ASTContext &Context,
                         unsigned Depth = 2) const;

  /// Every element of \p Container is awaited, on every path: in a range-for
  /// that awaits its element, or through a gather or run.
  bool elementsAwaitedEverywhere(const clang::VarDecl &Container,
                                 const clang::FunctionDecl &Function,
                                 clang::ASTContext &Context) const;

  /// The profile's blocking waits: a callee that blocks in one on the
  /// signal its task's completion fulfils has run the task to its end.
  NameList CompletionWaits;
};

} // namespace corolint

#endif
