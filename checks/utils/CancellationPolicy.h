//===--- CancellationPolicy.h - when can a handler swallow a cancellation? ===//
//
// The parts of async-cancellation-swallowed's decision that do not need an
// AST, shared by both engines: whether the profile delivers cancellation in
// a way a handler can swallow, and which calls hand a recorded exception on.
// Plain C++ (no Clang), so the fast engine includes it too.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_CANCELLATIONPOLICY_H
#define COROLINT_CHECKS_UTILS_CANCELLATIONPOLICY_H

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

} // namespace corolint

#endif
