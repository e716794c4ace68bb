//===--- NoAwait.cpp - async-no-await's rule, for both engines --------------===//

#include "checks/model/NoAwait.h"

#include "checks/utils/Messages.h"

namespace corolint {

std::optional<NoAwait> noAwait(NoAwaitFacts &Coroutine) {
  if (!Coroutine.neverSuspends() || Coroutine.signatureImposed() ||
      Coroutine.overloadSuspends() || Coroutine.hasSomethingToAwait() || Coroutine.usedAsValue())
    return std::nullopt;
  return NoAwait{messages::noAwait(Coroutine.coroutine(), Coroutine.valueType()),
                 "it completes here without ever suspending"};
}

} // namespace corolint
