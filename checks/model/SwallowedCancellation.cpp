//===--- SwallowedCancellation.cpp - does a handler swallow a cancellation? ===//

#include "checks/model/SwallowedCancellation.h"

#include "checks/utils/Messages.h"

namespace corolint {

std::optional<SwallowedCancellation>
swallowedCancellation(CancellationHandlerFacts &Handler,
                      const CancellationSwallowedOptions &Options) {
  std::optional<std::string> Caught = Handler.caught();
  if (!Caught || !Handler.trySuspends() || Handler.rethrows())
    return std::nullopt;
  if (*Caught == "..." && Handler.doesNothing())
    return std::nullopt;
  if (!Handler.inLibraryTask() || Handler.expectsThrow() || Handler.passedOnLater() ||
      Handler.awaitsOnlyWhatItCancelled())
    return std::nullopt;
  return SwallowedCancellation{
      messages::cancellationSwallowed(*Caught, Options.CancelledTypes.firstSpelling(),
                                      Handler.coroutine()),
      "cancellation is delivered at this suspension point"};
}

} // namespace corolint
