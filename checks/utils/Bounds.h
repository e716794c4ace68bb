//===--- Bounds.h - what bounds how many spawned tasks run at once --------===//
//
// A loop may spawn one task per element and still be fine when something
// caps how many run at once: a semaphore that every task acquires (shared by
// all of them, not one per task), or a task group built with a concurrency
// limit. These helpers find such bounds by following the spawned work into
// coroutines defined in the translation unit.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_BOUNDS_H
#define COROLINT_CHECKS_UTILS_BOUNDS_H

#include "Names.h"
#include "checks/model/ProgramSummary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// Searches spawned work for a semaphore acquired on behalf of every task a
/// loop spawns.
class SemaphoreSearch {
public:
  /// \p Spawner is the function with the loop whose body is \p LoopBody.
  SemaphoreSearch(const NameList &Semaphores, const clang::FunctionDecl &Spawner,
                  const clang::Stmt &LoopBody, clang::ASTContext &Context)
      : Semaphores(Semaphores), Spawner(Spawner), LoopBody(LoopBody), Context(Context) {}

  /// The work (`fetch(url, sem)`, a lambda coroutine called in place, a task
  /// local) awaits a semaphore shared by all iterations, here or in a
  /// coroutine it awaits (up to three calls deep). Work defined in no file of
  /// the unit that is handed a shared semaphore is trusted to take it, unless
  /// deferUnseen() was called.
  bool workAcquires(const clang::Expr &Work);
  /// Work whose body the unit does not have is left to the whole program:
  /// not trusted, but recorded in unseen().
  void deferUnseen() { DeferUnseen = true; }
  /// A user coroutine the work runs or awaits whose body is in no file of
  /// the unit, and the parameters its call hands a shared semaphore.
  struct Unseen {
    const clang::CallExpr *Call = nullptr;
    const clang::FunctionDecl *Callee = nullptr;
    std::vector<unsigned> SharedArguments;
  };
  /// The first MaxBoundQuestions such coroutines: any of them may take the bound.
  const std::vector<Unseen> &unseen() const { return Elsewhere; }
  /// The loop itself awaits a shared semaphore each iteration before spawning.
  bool loopAcquires();
  /// A semaphore that was acquired but is created once per iteration or per
  /// task, so bounds nothing; null when there was none.
  const clang::NamedDecl *unsharedSemaphore() const { return Unshared; }

private:
  struct Frame {
    const clang::FunctionDecl *Function;
    const clang::CallExpr *Call; ///< the call running Function: its arguments feed the parameters
    const Frame *Caller;         ///< null for the spawning function
  };
  enum class Sharing { Shared, PerIteration, PerTask, Unknown };

  bool analyze(const clang::Expr &Work, const Frame &Where, unsigned Depth);
  bool searchBody(const clang::FunctionDecl &Function, const Frame &Where, unsigned Depth);
  bool awaitsShared(const clang::Expr &Operand, const Frame &Where, unsigned Depth);
  /// The parameters \p Call hands a semaphore shared by every iteration.
  std::vector<unsigned> sharedArguments(const clang::CallExpr &Call, const Frame &Where);
  /// \p Call runs \p Callee, whose body the unit does not have (see unseen()).
  void noteUnseen(const clang::CallExpr &Call, const clang::FunctionDecl &Callee,
                  std::vector<unsigned> SharedArguments);
  /// How the object \p E names is shared; \p Owner receives the variable
  /// that decides it (the local a reference parameter was bound to).
  Sharing sharing(const clang::Expr &E, const Frame &Where, unsigned Depth,
                  const clang::ValueDecl *&Owner);
  Sharing sharingOfDecl(const clang::ValueDecl &D, const Frame &Where, unsigned Depth,
                        const clang::ValueDecl *&Owner);

  const NameList &Semaphores;
  const clang::FunctionDecl &Spawner;
  const clang::Stmt &LoopBody;
  clang::ASTContext &Context;
  const clang::NamedDecl *Unshared = nullptr;
  bool DeferUnseen = false;
  std::vector<Unseen> Elsewhere;
};

/// The semaphores \p Coroutine awaits, itself or in the coroutines of the
/// unit it awaits (three calls deep): what it bounds when a loop elsewhere
/// spawns it once per element.
SemaphoreUse semaphoreUse(const clang::FunctionDecl &Coroutine, const NameList &Semaphores);

/// How a task group that a loop spawns into bounds its children.
struct GroupBound {
  enum Kind {
    Limited,            ///< constructed with a concurrency limit
    JoinedPerIteration, ///< entered and awaited once per iteration of an outer loop (batches)
    Unlimited,          ///< constructed without a limit, at Where
    Unknown,            ///< where it comes from is not visible
  } How = Unknown;
  const clang::Stmt *Where = nullptr;
};

/// Follows the group object \p Group of `group.create_task(...)` to where the
/// group is built: a local, a member, or the manager handed to `aio::with`
/// next to the lambda whose parameter it is.
GroupBound groupBound(const clang::Expr &Group, const NameList &ConcurrencyLimitTypes,
                      const NameList &TaskGroupTypes, clang::ASTContext &Context);

/// The variable or member an object expression names, through `&`, `*`,
/// `->`, `.get()`, `std::ref` and `std::move`; null for temporaries.
const clang::ValueDecl *rootDecl(const clang::Expr &E);

} // namespace corolint

#endif
