//===--- SpawnJoins.h - how a spawner waits for what it spawned -----------===//
//
// A task that refers to its spawner's locals is safe when the spawner waits
// for it before those locals die. Besides awaiting its handle, real code
// waits in three more ways, each decided here: a range-for that awaits every
// handle of a container, a completion signal the tasks were handed and the
// spawner then awaits (a latch each task counts down), and a join of the pool
// the tasks were spawned onto.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SPAWNJOINS_H
#define COROLINT_CHECKS_UTILS_SPAWNJOINS_H

#include "Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace corolint {

/// \p Range is the range of a range-for whose body awaits its element on
/// every iteration (`for (auto &f : futures) co_await f;`): no condition
/// around the await, no way out of the loop.
bool awaitsEachElement(const clang::DeclRefExpr &Range, clang::ASTContext &Context);

/// After the statement of \p Spawn, a later statement of a block around it
/// is an await of a completion signal (a latch, an event, a barrier, a wait
/// group, a baton, by its class's name) that \p Spawn names: the spawned
/// tasks report their end through it (`co_await wait_for_clients;`).
bool awaitsSignalGivenTo(const clang::Expr &Spawn, clang::ASTContext &Context);

/// In \p Scope, after \p Spawn, a call of one of \p JoinFunctions on the
/// pool \p Spawn names (`co_spawn(pool, ...); pool.join();`,
/// `tp->shutdown()` through a smart pointer).
bool joinsPoolAfter(const clang::Expr &Spawn, const clang::Stmt &Scope,
                    const NameList &JoinFunctions, clang::ASTContext &Context);

} // namespace corolint

#endif
