//===--- SwallowingHandler.cpp - a handler that loses an awaited failure ---===//

#include "checks/model/SwallowingHandler.h"

#include "checks/utils/ExpectedFailures.h"
#include "checks/utils/Messages.h"
#include "checks/utils/SourceKind.h"

namespace corolint {

namespace {

/// The code around the handler says the failure is expected or reported elsewhere.
bool failureExpected(SwallowingHandlerFacts &Handler) {
  // Test code provokes failures on purpose (asio's awaitable_operators test
  // awaits `void_ex() && void_ok()` to see it throw): nothing is lost there.
  return handlerExplains(Handler.handlerText()) || includesTestSupport(Handler.fileText()) ||
         assertsThrown(Handler.lastTryStatement()) || reportsOutcome(Handler.nextStatement());
}

} // namespace

std::optional<SwallowingHandler> swallowingHandler(SwallowingHandlerFacts &Handler) {
  if (!Handler.trySuspends() || !Handler.coroutineAwaits() || Handler.catchesCancellation() ||
      !Handler.doesNothing() || failureExpected(Handler))
    return std::nullopt;
  return SwallowingHandler{messages::handlerSwallows(Handler.coroutine()),
                           "a failure of this operation is lost"};
}

} // namespace corolint
