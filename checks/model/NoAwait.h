//===--- NoAwait.h - async-no-await's rule, for both engines ----------------===//
//
// A coroutine that returns a task but never suspends pays for a coroutine
// frame and makes every caller await for nothing: it could be a plain
// function. Unless its task signature is imposed (an interface, test code, a
// header, an overload set that suspends, a use as a value), or its body has
// something it should await instead, which another check reports. Each
// engine describes one coroutine through NoAwaitFacts; noAwait() decides.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_NOAWAIT_H
#define COROLINT_CHECKS_MODEL_NOAWAIT_H

#include <optional>
#include <string>

namespace corolint {

class NoAwaitFacts {
public:
  virtual ~NoAwaitFacts() = default;
  /// It returns one of TaskTypes and has no suspension point.
  virtual bool neverSuspends() = 0;
  /// Its signature is imposed on it: a virtual function or override, a member
  /// of an explicit specialization, an instantiation (judged as its
  /// template), system code, test code (fixtures and stubs awaited by the
  /// test), a header's function (an interface other files use).
  virtual bool signatureImposed() = 0;
  /// Another overload of its name suspends: callers await the overload set
  /// generically (`co_await do_eof(stream)`), so every member must be a task.
  virtual bool overloadSuspends() = 0;
  /// Its body blocks (directly or through a plain helper), makes a task or an
  /// awaitable it does not await, or spawns: it should await, which
  /// async-blocking-call or async-unawaited-task says; "make it a plain
  /// function" would be wrong advice.
  virtual bool hasSomethingToAwait() = 0;
  /// The program uses it other than by calling it and awaiting its task on
  /// the spot (`&fetch`, handed to an API, its task handed to co_spawn): an
  /// interface takes it as it is. For a lambda: the program does not only call it.
  virtual bool usedAsValue() = 0;
  /// Its name ("" for a lambda) and what its task yields ("" for void).
  virtual std::string coroutine() = 0;
  virtual std::string valueType() = 0;
};

/// Reported at the coroutine, with a note at its first co_return.
struct NoAwait {
  std::string Message;
  std::string Note;
};

std::optional<NoAwait> noAwait(NoAwaitFacts &Coroutine);

} // namespace corolint

#endif
