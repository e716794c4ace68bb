//===--- PollingLoop.cpp - is a loop only polling a condition between sleeps?===//

#include "checks/model/PollingLoop.h"
#include "checks/utils/Reporting.h"

#include <algorithm>

namespace corolint {

namespace {

/// A statement that only counts or reports: a poll loop that also logs or
/// counts is still a poll loop.
bool isBookkeeping(const PollStatement &S) {
  if (S.Awaits)
    return false;
  if (S.FromReportingMacro)
    return true;
  switch (S.Kind) {
  case PollStatement::Shape::Increment:
    return true;
  case PollStatement::Shape::Call:
    return isReportingName(S.CalledName);
  case PollStatement::Shape::StreamWrite:
    return S.StreamHead.empty() ? isReportingName(S.CalledName) : isReportingStream(S.StreamHead);
  default:
    return false;
  }
}

} // namespace

std::optional<Polling> pollingLoop(const PollLoop &Loop, const NameList &Sleeps) {
  if (Loop.Steps)
    return std::nullopt; // the loop steps something itself: a counter
  Polling Found;
  std::vector<const PollCondition *> Conditions;
  if (Loop.Condition)
    Conditions.push_back(&*Loop.Condition);
  for (const PollStatement &S : Loop.Body) {
    switch (S.Kind) {
    case PollStatement::Shape::Nothing:
      continue;
    case PollStatement::Shape::AwaitedCall:
      if (const std::string *Sleep = Sleeps.firstListed(S.Callee)) {
        if (!Found.Sleep) {
          Found.Sleep = &S;
          Found.SleepName = *Sleep;
        }
        continue;
      }
      return std::nullopt; // it awaits work
    case PollStatement::Shape::ExitIf:
      if (!std::all_of(S.Before.begin(), S.Before.end(), isBookkeeping))
        return std::nullopt;
      Conditions.push_back(&S.Exit);
      continue;
    default:
      if (isBookkeeping(S))
        continue; // logging or counting the polls is not work
      return std::nullopt; // real work between the polls
    }
  }
  if (!Found.Sleep || Conditions.empty())
    return std::nullopt;
  for (const PollCondition *Condition : Conditions) {
    if (Condition->Awaits)
      return std::nullopt; // it awaits an operation, not a flag
    for (const std::string &Read : Condition->Reads)
      if (std::find(Loop.Written.begin(), Loop.Written.end(), Read) != Loop.Written.end())
        return std::nullopt; // a counter or retry count the loop advances
  }
  Found.Condition = Conditions.front();
  return Found;
}

} // namespace corolint
