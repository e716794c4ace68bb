//===--- DiscardedCall.h - a task or awaiter thrown away where it is made ---===//
//
// async-unawaited-task's first rule, written once for both engines: a call
// whose task or awaiter is discarded (`fetch();`, `(void)fetch();`) never
// runs a lazy task nor performs an awaiter's operation, and an eager task
// started in a coroutine is not waited for. Each engine describes the call
// through DiscardedCallFacts; the `co_await` fix-it stays the full engine's,
// which alone sees macros and handlers.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_DISCARDEDCALL_H
#define COROLINT_CHECKS_MODEL_DISCARDEDCALL_H

#include <optional>
#include <string>
#include <string_view>

namespace corolint {

/// How an expression's value is thrown away, if it is.
enum class Discard {
  No,
  Statement,  ///< `f();` — an expression statement (also a for-increment, a comma's left side)
  CastToVoid, ///< `(void)f();` or `static_cast<void>(f())`
};

/// What the discarded call made.
enum class Produced {
  Task,      ///< a lazy task: it runs only when awaited or scheduled
  EagerTask, ///< a task that started when made (QCoro::Task)
  Awaiter,   ///< a lock's, a semaphore's or an event's operation, done when awaited
};

class DiscardedCallFacts {
public:
  virtual ~DiscardedCallFacts() = default;
  virtual Discard how() = 0; ///< never Discard::No
  virtual Produced what() = 0;
  /// The call is in a coroutine, which could have awaited it.
  virtual bool inCoroutine() = 0;
  /// An eager task that yields nothing and whose code lets no exception out:
  /// it has neither result nor failure to lose.
  virtual bool losesNothing() = 0;
  /// How the message names what made it: "'fetch_data'", "a lambda".
  virtual std::string producer() = 0;
};

/// The message for a discarded call, or nothing when the discard is fine.
/// \p Spawn is the spawn function the message offers ("" for none).
std::optional<std::string> discardedCall(DiscardedCallFacts &Call, bool AllowCastToVoid,
                                         std::string_view Spawn);

} // namespace corolint

#endif
