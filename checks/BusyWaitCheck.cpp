//===--- BusyWaitCheck.cpp - async-busy-wait -------------------------------===//

#include "BusyWaitCheck.h"
#include "utils/Coroutines.h"
#include "utils/Messages.h"
#include "utils/Polling.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

void BusyWaitCheck::registerMatchers(MatchFinder *Finder) {
  if (SleepFunctions.Names.empty())
    return;
  Finder->addMatcher(stmt(anyOf(whileStmt(), doStmt(), forStmt()), isInCoroutine()).bind("loop"),
                     this);
}

void BusyWaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  std::vector<const Expr *> Anchors;
  std::optional<PollLoop> Described = describePollLoop(*Loop, *Result.Context, Anchors);
  std::optional<Polling> Found = Described ? pollingLoop(*Described, SleepFunctions.Names)
                                           : std::nullopt;
  if (!Found)
    return;
  diag(Loop->getBeginLoc(), "%0") << messages::busyWait(Found->Condition->Text, Found->SleepName,
                                                        EventTypes.firstSpelling());
  diag(Anchors[Found->Sleep->Anchor]->getBeginLoc(), "it sleeps here between polls",
       DiagnosticIDs::Note);
}

} // namespace corolint
