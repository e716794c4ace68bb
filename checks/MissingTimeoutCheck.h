//===--- MissingTimeoutCheck.h - async-missing-timeout ---------------------===//
#ifndef COROLINT_CHECKS_MISSINGTIMEOUTCHECK_H
#define COROLINT_CHECKS_MISSINGTIMEOUTCHECK_H

#include "utils/AsyncCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace corolint {

/// Flags an awaited network operation (connecting, reading) that no timeout
/// wrapper bounds, neither around the operation nor around any await of it
/// further up the call chain the translation unit shows. Reports nothing
/// unless the `Strict` option is set.
///
/// See docs/checks/missing-timeout.md.
class MissingTimeoutCheck : public AsyncCheck<MissingTimeoutOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// One place on an await chain with no timeout: where \p Subject's work is
  /// awaited from, handed to code this file does not show, or spawned.
  struct Step {
    enum Kind { Awaited, HandedOn, Spawned } How;
    const clang::Expr *Where;
    std::string Subject;
    std::string Spawn;                        ///< the spawn function, for Spawned
    const clang::Expr *SpawnedWork = nullptr; ///< what the spawn runs, for Spawned
  };
  /// Whether a timeout bounds some work, and if not, the places up the chain
  /// that leave it unbounded. Cyclic: only recursion was found so far.
  struct Chain {
    enum State { Covered, Exposed, Cyclic } How = Covered;
    llvm::SmallVector<Step, 4> Steps;
  };

  /// Whether a timeout bounds the work whose value is \p E (named \p Subject
  /// in notes): around it in its function, or around whatever runs that
  /// function. \p Spawned: the work runs as a task of its own through \p SpawnCall.
  Chain chainOf(const clang::Expr &E, const std::string &Subject,
                const clang::CallExpr *SpawnCall = nullptr);
  /// The chain of whatever runs the body of \p Function: for a lambda's call
  /// operator, where the lambda goes; otherwise chainOfFunction.
  Chain chainOfBody(const clang::FunctionDecl &Function);
  /// The same for everything that runs \p Function. Memoised per TU.
  Chain chainOfFunction(const clang::FunctionDecl &Function);
  /// The chains of the uses of local \p Var, which holds \p Subject's work.
  Chain chainOfVariable(const clang::VarDecl &Var, const std::string &Subject,
                        const clang::CallExpr *SpawnCall);
  /// The chains of the places local container \p Container is handed on
  /// to (a gather), once \p Subject's work is collected into it.
  Chain chainOfContainer(const clang::VarDecl &Container, const std::string &Subject,
                         const clang::CallExpr *SpawnCall);
  /// A callable handed on at \p Use: bounded when the callee runs it inside
  /// its own await (KeepAliveFunctions) or is a timeout wrapper.
  Chain chainOfCallable(const clang::Expr &Use, const std::string &Subject);
  /// A timeout wrapper among \p Call's arguments (asio's
  /// `cancel_after(5s, use_awaitable)` completion token).
  bool hasTimeoutArgument(const clang::CallExpr &Call) const;
  /// The lambda whose call operator \p Function is, or null.
  const clang::LambdaExpr *lambdaOf(const clang::FunctionDecl &Function);
  /// Every reference to a function, and every lambda, in the non-system code
  /// of the TU.
  void indexUses();


  clang::ASTContext *Context = nullptr;
  llvm::SmallVector<const clang::CallExpr *, 8> Operations;
  bool Indexed = false;
  /// Expressions naming a function (as a callee or as a value), by the
  /// function's canonical declaration (a template's pattern for its
  /// specializations).
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<const clang::Expr *, 2>> Uses;
  /// Lambdas by their class: a call operator's body leads to where the lambda goes.
  llvm::DenseMap<const clang::Decl *, const clang::LambdaExpr *> Lambdas;
  /// Per function: its chain, or std::nullopt while it is being computed.
  llvm::DenseMap<const clang::Decl *, std::optional<Chain>> Functions;
};

} // namespace corolint

#endif
