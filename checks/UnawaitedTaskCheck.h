//===--- UnawaitedTaskCheck.h - async-unawaited-task -----------------------===//
#ifndef COROLINT_CHECKS_UNAWAITEDTASKCHECK_H
#define COROLINT_CHECKS_UNAWAITEDTASKCHECK_H

#include "checks/model/DiscardedCall.h"
#include "utils/AsyncCheck.h"
#include "utils/Coroutines.h"
#include "utils/SuspensionPaths.h"
#include "utils/Templates.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace corolint {

/// Flags lazy tasks that are created and then never run: discarded, bound to
/// a local that is never awaited (on some path), collected into a container
/// nobody awaits, used as a value, or returned through a void callable.
///
/// See docs/checks/unawaited-task.md.
class UnawaitedTaskCheck : public AsyncCheck<UnawaitedTaskOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    ReportedContainers.clear();
    Graphs.clear();
    Instantiated.clear();
  }

private:
  void checkTaskCall(const clang::Expr &Call, const clang::ast_matchers::MatchFinder::MatchResult &Result);
  void checkBoundToLocal(const clang::Expr &Call, const clang::VarDecl &Var,
                         clang::ASTContext &Context);
  void checkCollected(const clang::Expr &Call, const clang::VarDecl &Container,
                      clang::ASTContext &Context);
  /// A discarded call of a template's pattern whose type is dependent: a
  /// task or an awaiter in some instantiation.
  void checkDependentCall(const clang::Expr &Pattern, clang::ASTContext &Context);
  /// Reports a discarded \p Call through checks/model/DiscardedCall, at the
  /// expression \p Written (a template's pattern for its instantiations).
  void reportDiscarded(const clang::Expr &Call, const clang::Expr &Written, Produced What,
                       Discard How, const StatementContext &Where, clang::ASTContext &Context);
  void checkAwaiterCall(const clang::Expr &Call, clang::ASTContext &Context);
  void checkVoidCallable(const clang::CXXConstructExpr &Construct, clang::ASTContext &Context);

  /// One finding per container, however many tasks are pushed into it.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> ReportedContainers;
  BodyGraphs Graphs; ///< one CFG and work budget per function, for all its task locals
  Instantiations Instantiated; ///< dependent calls resolved in the instantiations
};

} // namespace corolint

#endif
