//===--- AsyncTidyModule.cpp - the "async" clang-tidy module ---------------===//
//
// Only registers the checks (the list is Checks.def); each check lives in
// its own file pair.
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
#define ASYNC_CHECK(Stem, Name) Factories.registerCheck<Stem##Check>(Name);
#define ASYNC_CHECK_FULL_ONLY(Stem, Name) ASYNC_CHECK(Stem, Name)
#include "Checks.def"
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
