//===--- HelperReach.h - what a call reaches through the file's helpers ---===//
//
// "A coroutine that calls a helper that sleeps blocks too", written once for
// both engines (async-blocking-call, async-nested-run, async-no-await).
//
// Each engine describes a function of its file when first asked: whether the
// search may go through it (a plain function defined in user code: a
// coroutine is checked on its own, a system header's body is not the user's
// bug), and its calls in source order, each with the definitions it may run
// (one when Clang resolved it, several when the fast engine could only match
// names) and whether it is a target (a blocking call, a loop runner).
//
// From those, each function's summary is computed once: its distance to the
// nearest target (1: its own body makes a target call; n: a helper it calls
// is at n - 1), a fixpoint over the part of the call graph explored so far.
// So an answer never depends on the order of the questions (a helper first
// reached near the depth limit, then directly), recursion costs nothing, and
// a file's helpers are read once per check however many coroutines call them.
// The depth option keeps its meaning: a target further than Depth helpers
// away is not reported.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_HELPERREACH_H
#define COROLINT_CHECKS_MODEL_HELPERREACH_H

#include "checks/utils/Budget.h"

#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace corolint {

class HelperReach {
public:
  /// An engine's handle of a function definition (a FunctionDecl, an entry of
  /// the fast engine's model); equal handles are the same definition.
  using FunctionId = const void *;

  struct Call {
    const void *Site = nullptr; ///< the engine's call, handed back as a path's target
    bool IsTarget = false;
    std::vector<FunctionId> Callees; ///< the definitions it may run; none: not followed
  };
  struct Function {
    bool Enterable = false;  ///< a plain helper of user code the search goes through
    std::vector<Call> Calls; ///< in source order (read only when Enterable)
  };
  using Describe = std::function<Function(FunctionId)>;

  /// \p Budget (optional) is charged per function described and per call
  /// followed; once it is spent every answer is "nothing" (silence, not a guess).
  explicit HelperReach(Describe DescribeFunction, WorkBudget *Budget = nullptr)
      : DescribeFunction(std::move(DescribeFunction)), Budget(Budget) {}

  struct Path {
    std::vector<FunctionId> Helpers; ///< the callee entered first, then each helper it goes through
    const void *Target = nullptr;    ///< the target call, made by Helpers.back()
  };

  /// A shortest path from a call to one of \p Callees to a target call, at most
  /// \p Depth helpers deep; among equally short ones, the first in source
  /// order. Nothing when there is none, or the budget ran out.
  std::optional<Path> reach(const std::vector<FunctionId> &Callees, unsigned Depth);

  /// Forget every summary (a new translation unit: the handles change meaning).
  void reset() {
    Summaries.clear();
    Exhausted = false;
  }

private:
  static constexpr unsigned Unreachable = ~0u;
  struct Summary {
    Function Described;
    unsigned Distance = Unreachable;
  };

  /// \p Id's summary, solving the part of the graph reachable from it first;
  /// null once the budget is spent.
  const Summary *summary(FunctionId Id);
  /// Describes every function reachable from \p Root through enterable ones
  /// that has no summary yet, then computes their distances.
  bool solveFrom(FunctionId Root);

  Describe DescribeFunction;
  WorkBudget *Budget;
  bool Exhausted = false;
  std::unordered_map<FunctionId, Summary> Summaries;
};

} // namespace corolint

#endif
