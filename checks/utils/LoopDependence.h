//===--- LoopDependence.h - could a loop's iterations run at once? --------===//
//
// async-sequential-await asks whether the awaits of one iteration could
// overlap those of the others: not when an iteration reads what an earlier one
// changed (pagination: `cursor = page.next`), when what the body changes
// decides whether the loop goes on (work lists), when the body may leave the
// loop early (try mirrors until one answers), or when every iteration works
// on one object that serializes the calls (a stream, a queue, a connection).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_LOOPDEPENDENCE_H
#define COROLINT_CHECKS_UTILS_LOOPDEPENDENCE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace corolint {

/// \p S contains a `break` of the loop it is in (not of a nested loop or
/// switch), a `return`, a `co_return` or a `goto`; lambdas are other functions.
bool leavesLoop(const clang::Stmt &S);

/// \p D is declared inside \p Loop: its variable, its init, a local of its body.
bool isDeclaredIn(const clang::Decl &D, const clang::Stmt &Loop);

class LoopDependence {
public:
  /// \p Loop is a for, range-for, while or do statement.
  LoopDependence(const clang::Stmt &Loop, clang::ASTContext &Context);

  /// \p E reads a variable or member that the loop body changes, directly or
  /// through locals of the body initialized from one.
  bool readsCarriedState(const clang::Expr &E) const;
  /// The loop's condition, increment or range reads something the body changes.
  bool continuationDependsOnBody() const;
  /// A `break`, `return`, `co_return` or `goto` can leave the loop from its body.
  bool exitsEarly() const;
  /// The object or argument of \p Call, shared by every iteration, that the
  /// call may change (a non-const method's object, a non-const reference or
  /// pointer argument): calls through one such object usually must not
  /// overlap. Null when there is none.
  const clang::Expr *sharedMutableOperand(const clang::CallExpr &Call) const;
  /// A for loop's induction variable, or null.
  const clang::VarDecl *counter() const { return Counter; }

private:
  /// \p E names an object made anew each iteration: declared in the loop (the
  /// range-for variable, a local of the body) or indexed by the loop counter.
  bool isPerIteration(const clang::Expr &E) const;
  bool readsCarried(const clang::Stmt &S, unsigned Depth) const;
  bool isInsideLoop(const clang::Decl &D) const;
  /// \p Ref is the array of `a[i]` with `i` the loop counter.
  bool indexedByCounter(const clang::DeclRefExpr &Ref) const;

  const clang::Stmt &Loop;
  const clang::Stmt *Body;
  clang::ASTContext &Context;
  const clang::VarDecl *Counter = nullptr; ///< a for loop's induction variable
  /// Variables (declared outside the body) and members the body changes.
  llvm::SmallPtrSet<const clang::Decl *, 8> Changed;
};

} // namespace corolint

#endif
