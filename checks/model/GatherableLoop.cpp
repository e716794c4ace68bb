//===--- GatherableLoop.cpp - could a loop's awaits run under one gather? --===//

#include "checks/model/GatherableLoop.h"

#include "checks/utils/Messages.h"

namespace corolint {

std::optional<GatherableLoop> gatherableLoop(GatherableLoopFacts &Loop,
                                             const SequentialAwaitOptions &Options) {
  std::size_t Awaits = Loop.awaitCount();
  if (Awaits == 0 || Loop.awaitsOutsideBody() || Loop.yields() || Loop.pacedByEvents())
    return std::nullopt;
  // A loop of unknown length (a server's accept loop, a consumer) paces itself by events.
  LoopSize Size = Loop.size();
  if (!isGatherable(Size) || Loop.repeatsWithoutItems())
    return std::nullopt;
  std::optional<std::string> First;
  for (std::size_t I = 0; I < Awaits; ++I) {
    std::optional<std::string> Task = Loop.freshTask(I);
    if (!Task || Loop.sharesAnObject(I) || Loop.readsCarriedState(I))
      return std::nullopt;
    if (!First)
      First = std::move(Task);
  }
  if (Loop.continuationDependsOnBody() || Loop.exitsEarly())
    return std::nullopt;
  std::string Gather = Options.GatherFunctions.firstSpelling();
  return GatherableLoop{
      messages::sequentialAwait(
          *First, messages::awaitFrequency(phraseKind(Size), Size.Source, Size.Iterations), Gather),
      messages::sequentialAwaitRewrite(Gather, Options.TaskTypes.firstSpelling())};
}

} // namespace corolint
