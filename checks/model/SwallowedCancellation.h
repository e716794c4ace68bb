//===--- SwallowedCancellation.h - does a handler swallow a cancellation? ===//
//
// async-cancellation-swallowed's rule, written once for both engines: whether
// the profile delivers cancellation in a way a handler can swallow, which
// calls hand a recorded exception on, and, on each engine's description of
// one handler (CancellationHandlerFacts), whether it swallows one.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_SWALLOWEDCANCELLATION_H
#define COROLINT_CHECKS_MODEL_SWALLOWEDCANCELLATION_H

#include "checks/model/CheckOptions.h"

#include <optional>
#include <string>
#include <string_view>

namespace corolint {

/// The library raises \p CancelledTypes inside a task at any suspension
/// point (aio's cancel(), timeouts, task groups). Not so when it has no such
/// exception, or when only an operation handed a cancellation token raises
/// it (\p ByToken is "true": cppcoro, folly): a `catch (...)` around other
/// awaits has nothing to swallow, and one around the token's operation
/// handles a cancellation its own code asked for.
inline bool cancellationIsInjected(std::string_view CancelledTypes, std::string_view ByToken) {
  return !CancelledTypes.empty() && ByToken != "true";
}

/// A call (by its last name segment) that passes a recorded exception on
/// instead of dropping it: `std::rethrow_exception(ep)`, Seastar's
/// `co_await coroutine::return_exception_ptr(ep)` and
/// `make_exception_future(ep)`, `promise.set_exception(ep)`.
inline bool handsExceptionOn(std::string_view Callee) {
  return Callee.find("exception") != std::string_view::npos ||
         Callee.find("Exception") != std::string_view::npos;
}

/// An engine's view of one handler of a try block in a coroutine.
class CancellationHandlerFacts {
public:
  virtual ~CancellationHandlerFacts() = default;
  /// What the handler catches as the message names it: "..." for
  /// `catch (...)`, a type of CancelledTypes; nothing for any other type.
  virtual std::optional<std::string> caught() = 0;
  /// The try block has a suspension point, where a cancellation is delivered.
  virtual bool trySuspends() = 0;
  /// A `throw` (or `std::rethrow_exception`) in the handler.
  virtual bool rethrows() = 0;
  /// The handler does nothing at all: a `catch (...)` like that is
  /// async-dropped-exception's finding.
  virtual bool doesNothing() = 0;
  /// The coroutine's return type is one of TaskTypes: only the library's own
  /// tasks are cancelled by it (a seastar::future never sees its cancellation).
  virtual bool inLibraryTask() = 0;
  /// The coroutine's name, "" for a lambda.
  virtual std::string coroutine() = 0;
  /// Written by a test assertion that expects a throw (`CHECK_THROWS`,
  /// `EXPECT_THROW`): what it catches is the test's verdict.
  virtual bool expectsThrow() = 0;
  /// The handler records the exception and it is passed on after the try, or
  /// stored where it outlives the coroutine.
  virtual bool passedOnLater() = 0;
  /// Every suspension point of the try awaits a handle the coroutine
  /// cancelled itself (a CancelMethods call) before it.
  virtual bool awaitsOnlyWhatItCancelled() = 0;
};

/// Reported at the handler, with a note at the try block's first suspension point.
struct SwallowedCancellation {
  std::string Message;
  std::string Note;
};

std::optional<SwallowedCancellation>
swallowedCancellation(CancellationHandlerFacts &Handler,
                      const CancellationSwallowedOptions &Options);

} // namespace corolint

#endif
