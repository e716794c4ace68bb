//===--- BlockingCallCheck.cpp - async-blocking-call, by name -------------===//
//
// Syntactically, a coroutine is a body containing co_await, co_yield or
// co_return, and a blocking call is a call whose written name may denote a
// function of the BlockingFunctions table (see NameLookup.h). Lambdas are
// their own functions: a plain lambda inside a coroutine (the callable
// handed to std::thread or aio::to_thread) is left alone.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastChecks.h"

#include "checks/utils/Messages.h"

namespace corolint::fast {

BlockingCallCheck::BlockingCallCheck(const std::vector<BlockingFunction> &Table) : Table(Table) {}

void BlockingCallCheck::request(ScanRequest &Request) const {
  for (const BlockingFunction &Function : Table) {
    std::string_view Name = Function.displayName();
    size_t Separator = Name.rfind("::");
    Request.CalleeNames.insert(Separator == std::string_view::npos ? Name
                                                                   : Name.substr(Separator + 2));
  }
}

const BlockingFunction *BlockingCallCheck::lookup(const CallSite &Call) const {
  for (const std::string &Candidate : Call.Candidates)
    for (const BlockingFunction &Function : Table)
      if (Function.displayName() == Candidate)
        return &Function;
  return nullptr;
}

void BlockingCallCheck::check(const std::vector<FunctionInfo> &Functions,
                              std::vector<Finding> &Findings) const {
  for (const FunctionInfo &Function : Functions) {
    if (!Function.IsCoroutine)
      continue;
    for (const CallSite &Call : Function.Calls) {
      const BlockingFunction *Blocking = lookup(Call);
      if (!Blocking)
        continue;
      Findings.push_back({Name,
                          messages::blockingCall(Blocking->displayName(), Function.Name,
                                                 Blocking->Replacement),
                          Call.CalleeStart.row + 1, Call.CalleeStart.column + 1});
    }
  }
}

} // namespace corolint::fast
