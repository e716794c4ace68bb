//===--- BusyWaitCheck.cpp - async-busy-wait -------------------------------===//

#include "BusyWaitCheck.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Polling.h"
#include "utils/Profiles.h"

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
  std::optional<PollingLoop> Polling = pollingLoop(*Loop, SleepFunctions.Names, *Result.Context);
  if (!Polling)
    return;
  const auto *Sleep = llvm::cast<CallExpr>(Polling->Sleep);
  std::string SleepName = qualifiedName(*Sleep->getDirectCallee()).substr(2);
  diag(Loop->getBeginLoc(), "%0") << messages::busyWait(
      spelling(*Polling->Condition, *Result.Context), SleepName, EventTypes.firstSpelling());
  diag(Sleep->getBeginLoc(), "it sleeps here between polls", DiagnosticIDs::Note);
}

} // namespace corolint
