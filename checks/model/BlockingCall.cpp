//===--- BlockingCall.cpp - a call that stalls the event loop --------------===//

#include "checks/model/BlockingCall.h"

#include "checks/model/Words.h"
#include "checks/utils/Messages.h"

namespace corolint {

std::optional<BlockingOperation> blockingOperation(BlockingOperationFacts &Call) {
  bool Construction = Call.isConstruction();
  // Running a loop is async-nested-run's finding, directly or through helpers.
  if (!Construction && Call.runsLoop())
    return std::nullopt;
  if (!Construction)
    if (std::string Wait = Call.synchronousWaitOnAwaitable(); !Wait.empty())
      return BlockingOperation{BlockingKind::AwaitableWait, std::move(Wait)};
  std::string Name = Call.listedName();
  if (Name.empty())
    return std::nullopt;
  if (Construction)
    return BlockingOperation{BlockingKind::Construction, std::move(Name)};
  if (Call.returnsAwaitable(Name) || Call.readsFromMemory() ||
      (isTimedWait(Name) && Call.hasZeroDuration()))
    return std::nullopt;
  return BlockingOperation{BlockingKind::Call, std::move(Name)};
}

bool blocksThere(const BlockingOperation &Operation, BlockingPlaceFacts &Place) {
  if (Place.onPool())
    return false;
  // Descriptor I/O blocks only when the descriptor does.
  return Operation.Kind != BlockingKind::Call || !isDescriptorIo(Operation.Name) ||
         !(Place.onNonBlockingDescriptor() || Place.awaitsReadiness() ||
           Place.handlesWouldBlock());
}

bool mentionsWouldBlock(std::string_view FunctionText) {
  return containsWord(FunctionText, "EAGAIN") || containsWord(FunctionText, "EWOULDBLOCK");
}

std::string directBlockingMessage(const BlockingOperation &Operation,
                                  const std::vector<BlockingFunction> &Table,
                                  std::string_view Coroutine, std::string_view Offload) {
  switch (Operation.Kind) {
  case BlockingKind::AwaitableWait:
    return messages::synchronousWaitOnAwaitable(Operation.Name, Coroutine);
  case BlockingKind::Construction:
    return messages::blockingConstruction(Operation.Name, Coroutine,
                                          replacementFor(Table, Operation.Name), Offload);
  case BlockingKind::Call:
    break;
  }
  return messages::blockingCall(Operation.Name, Coroutine, replacementFor(Table, Operation.Name),
                                Offload);
}

} // namespace corolint
