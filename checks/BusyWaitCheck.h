//===--- BusyWaitCheck.h - async-busy-wait ---------------------------------===//
#ifndef COROLINT_CHECKS_BUSYWAITCHECK_H
#define COROLINT_CHECKS_BUSYWAITCHECK_H

#include "utils/AsyncCheck.h"

namespace corolint {

/// Flags a loop in a coroutine that does nothing but poll a condition and
/// sleep (`while (!ready) co_await aio::sleep(10ms);`): the asyncio Event
/// pattern wakes the waiter when the condition changes instead (ASYNC110).
///
/// See docs/checks/busy-wait.md.
class BusyWaitCheck : public AsyncCheck<BusyWaitOptions> {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
};

} // namespace corolint

#endif
