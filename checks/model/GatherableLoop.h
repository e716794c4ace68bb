//===--- GatherableLoop.h - could a loop's awaits run under one gather? ----===//
//
// async-sequential-await's rule, written once for both engines. Each engine
// describes one loop of a coroutine through GatherableLoopFacts (Clang from
// the AST and its types, the fast engine from the syntax tree and this file's
// declarations); gatherableLoop() asks the questions in one order, cheapest
// first, so the data-dependence questions are answered only for loops that
// could still be reported.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_GATHERABLELOOP_H
#define COROLINT_CHECKS_MODEL_GATHERABLELOOP_H

#include "checks/model/CheckOptions.h"
#include "checks/utils/LoopSize.h"

#include <cstddef>
#include <optional>
#include <string>

namespace corolint {

/// An engine's view of one loop of a coroutine. "Await I" counts, in source
/// order, the awaits whose innermost repeating loop is this one.
class GatherableLoopFacts {
public:
  virtual ~GatherableLoopFacts() = default;
  /// `for co_await`: its elements arrive one at a time, paced by events.
  virtual bool pacedByEvents() = 0;
  virtual LoopSize size() = 0;
  /// `for (auto _ : state)`, a counter the body never reads: the same await
  /// repeated (a benchmark's, a retry's), no items to gather.
  virtual bool repeatsWithoutItems() = 0;
  virtual std::size_t awaitCount() = 0;
  /// An await of the loop outside its body (its condition) or in an inner
  /// loop, which is judged on its own.
  virtual bool awaitsOutsideBody() = 0;
  /// A `co_yield` in the body: a generator hands out one result at a time.
  virtual bool yields() = 0;
  /// The function whose call makes the fresh task await \p I waits for
  /// (unqualified, for the message; also under a spawn or a timeout wrapper),
  /// or nothing when it awaits anything else: a running handle, a gather, a
  /// sleep, a lambda called in place, a coroutine that never suspends.
  virtual std::optional<std::string> freshTask(std::size_t I) = 0;
  /// The call freshTask(I) found hands it an object every iteration shares
  /// and the call may change (a stream, a queue, a connection): such calls
  /// usually must not overlap.
  virtual bool sharesAnObject(std::size_t I) = 0;
  /// Await \p I reads what an earlier iteration changed (`cursor = page.next`).
  virtual bool readsCarriedState(std::size_t I) = 0;
  /// The loop's condition, increment or range reads what the body changes.
  virtual bool continuationDependsOnBody() = 0;
  /// A `break`, `return`, `co_return` or `goto` can leave the loop early.
  virtual bool exitsEarly() = 0;
};

/// A loop whose iterations could be gathered: reported at its first await,
/// with a note at the loop.
struct GatherableLoop {
  std::string Message;
  std::string Note;
};

/// Whether \p Loop, of known size, only awaits fresh tasks that depend
/// neither on each other nor on the loop going on.
std::optional<GatherableLoop> gatherableLoop(GatherableLoopFacts &Loop,
                                             const SequentialAwaitOptions &Options);

} // namespace corolint

#endif
