//===--- DiscardedCall.cpp - a task or awaiter thrown away where it is made -===//

#include "checks/model/DiscardedCall.h"

#include "checks/utils/Messages.h"

namespace corolint {

std::optional<std::string> discardedCall(DiscardedCallFacts &Call, bool AllowCastToVoid,
                                         std::string_view Spawn) {
  if (Call.how() == Discard::CastToVoid && AllowCastToVoid)
    return std::nullopt;
  switch (Call.what()) {
  case Produced::Task:
    return messages::discardedTask(Call.producer(), Spawn);
  case Produced::Awaiter:
    return messages::discardedAwaiter(Call.producer());
  case Produced::EagerTask:
    // Dropping an eager task from a plain function is how such a library
    // starts a coroutine from synchronous code.
    if (!Call.inCoroutine() || Call.losesNothing())
      return std::nullopt;
    return messages::discardedEagerTask(Call.producer());
  }
  return std::nullopt;
}

} // namespace corolint
