//===--- AsyncTidyModule.cpp - the "async" clang-tidy module ---------------===//
//
// Only registers the checks; each check lives in its own file pair.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BusyWaitCheck.h"
#include "CancellationSwallowedCheck.h"
#include "DanglingReferenceCheck.h"
#include "DroppedExceptionCheck.h"
#include "LockAcrossAwaitCheck.h"
#include "MissingTimeoutCheck.h"
#include "NestedRunCheck.h"
#include "NoAwaitCheck.h"
#include "RetryWithoutBackoffCheck.h"
#include "SequentialAwaitCheck.h"
#include "StaleReadCheck.h"
#include "UnawaitedTaskCheck.h"
#include "UnboundedSpawnCheck.h"
#include "UnclosedResourceCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace corolint {

class AsyncModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallCheck>("async-blocking-call");
    Factories.registerCheck<BusyWaitCheck>("async-busy-wait");
    Factories.registerCheck<CancellationSwallowedCheck>("async-cancellation-swallowed");
    Factories.registerCheck<DanglingReferenceCheck>("async-dangling-reference");
    Factories.registerCheck<DroppedExceptionCheck>("async-dropped-exception");
    Factories.registerCheck<LockAcrossAwaitCheck>("async-lock-across-await");
    Factories.registerCheck<MissingTimeoutCheck>("async-missing-timeout");
    Factories.registerCheck<NestedRunCheck>("async-nested-run");
    Factories.registerCheck<NoAwaitCheck>("async-no-await");
    Factories.registerCheck<RetryWithoutBackoffCheck>("async-retry-without-backoff");
    Factories.registerCheck<SequentialAwaitCheck>("async-sequential-await");
    Factories.registerCheck<StaleReadCheck>("async-stale-read");
    Factories.registerCheck<UnawaitedTaskCheck>("async-unawaited-task");
    Factories.registerCheck<UnboundedSpawnCheck>("async-unbounded-spawn");
    Factories.registerCheck<UnclosedResourceCheck>("async-unclosed-resource");
  }
};

} // namespace corolint

namespace clang::tidy {

static ClangTidyModuleRegistry::Add<corolint::AsyncModule>
    AsyncModuleRegistration("async-module", "Checks for C++20 coroutine code (corolint).");

// Front ends that link the module statically reference this symbol so the
// linker keeps the registration above.
volatile int AsyncModuleAnchorSource = 0;

} // namespace clang::tidy
