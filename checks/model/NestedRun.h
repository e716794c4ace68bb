//===--- NestedRun.h - async-nested-run's rule, for both engines ------------===//
//
// An event-loop runner (aio::run, run_until_complete, sync_wait) blocks the
// thread until its task is done: inside a coroutine it stalls the running
// loop, directly or through a plain helper; in a loop over items it runs them
// one by one (and a runner that builds a loop builds one per item). Each
// engine describes one call through RunCallFacts; nestedRun() decides and
// words the finding.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_NESTEDRUN_H
#define COROLINT_CHECKS_MODEL_NESTEDRUN_H

#include "checks/utils/LoopSize.h"

#include <cstddef>
#include <optional>
#include <string>

namespace corolint {

/// A helper a call enters and the runner it reaches (through HelperReach).
struct HelperRunner {
  std::string Helper;
  std::string Runner;
};

/// An engine's view of one call in a function.
class RunCallFacts {
public:
  virtual ~RunCallFacts() = default;
  /// The RunFunctions entry the call denotes, as messages name it; "" when none.
  virtual std::string runner() = 0;
  /// The coroutine the call is in ("" for a lambda), or nothing outside one.
  virtual std::optional<std::string> coroutine() = 0;
  /// Not run for real: unevaluated, or in a test assertion that expects the
  /// failure (EXPECT_DEATH, EXPECT_THROW), where the blocking run is the test.
  virtual bool notRunForReal() = 0;
  /// A member runner of an existing loop (run_until_complete): it creates none.
  virtual bool runsExistingLoop() = 0;
  /// How many loops repeat the call; loop 0 is the innermost.
  virtual std::size_t loopCount() = 0;
  virtual LoopSize loopSize(std::size_t Loop) = 0;
  /// The runner's options (any argument after the task) read a variable the
  /// loop declares: a differently configured loop per iteration (one per
  /// backend), which one loop for all items cannot give.
  virtual bool configuredPerIteration(std::size_t Loop) = 0;
  /// The loop repeats the run without items (`for (auto _ : state)`).
  virtual bool repeatsWithoutItems(std::size_t Loop) = 0;
  /// For a call that is not a runner, in a coroutine: the runner it reaches
  /// through plain helpers, within the engine's HelperDepth.
  virtual std::optional<HelperRunner> reachesRunner() = 0;
};

struct NestedRun {
  std::string Message;
  /// Where the note goes: nowhere, at loop NoteLoop, at the runner the helper reaches.
  enum class NoteAt { Nothing, Loop, ReachedRunner } Where = NoteAt::Nothing;
  std::size_t NoteLoop = 0;
  std::string Note;
};

std::optional<NestedRun> nestedRun(RunCallFacts &Call);

} // namespace corolint

#endif
