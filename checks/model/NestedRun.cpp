//===--- NestedRun.cpp - async-nested-run's rule, for both engines ----------===//

#include "checks/model/NestedRun.h"

#include "checks/utils/Messages.h"

namespace corolint {

std::optional<NestedRun> nestedRun(RunCallFacts &Call) {
  std::string Runner = Call.runner();
  std::optional<std::string> Coroutine = Call.coroutine();
  if ((Runner.empty() && !Coroutine) || Call.notRunForReal())
    return std::nullopt;
  if (!Runner.empty() && Coroutine)
    return NestedRun{messages::nestedLoopRun(Runner, *Coroutine)};
  if (Coroutine) {
    std::optional<HelperRunner> Reached = Call.reachesRunner();
    if (!Reached)
      return std::nullopt;
    return NestedRun{
        messages::nestedRunThroughHelper(Reached->Helper, *Coroutine, Reached->Runner),
        NestedRun::NoteAt::ReachedRunner, 0, "'" + Reached->Runner + "' runs a loop here"};
  }
  // Running an existing loop again creates nothing; a free runner (aio::run,
  // sync_wait) builds a loop per call.
  if (Call.runsExistingLoop())
    return std::nullopt;
  for (std::size_t Loop = 0, Loops = Call.loopCount(); Loop < Loops; ++Loop) {
    std::string Subject = perItemSubject(Call.loopSize(Loop));
    if (Subject.empty() || Call.configuredPerIteration(Loop) || Call.repeatsWithoutItems(Loop))
      continue;
    return NestedRun{messages::runPerItem(Runner, Subject), NestedRun::NoteAt::Loop, Loop,
                     "the loop is here"};
  }
  return std::nullopt;
}

} // namespace corolint
