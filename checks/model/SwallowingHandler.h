//===--- SwallowingHandler.h - a handler that loses an awaited failure -----===//
//
// async-dropped-exception's handler rule, written once for both engines: in
// a coroutine that awaits, a handler around a suspension point that neither
// rethrows, logs nor records what it caught loses the awaited operation's
// failure, unless the code around it says the failure is expected
// (ExpectedFailures.h). Each engine describes one handler through
// SwallowingHandlerFacts, handing over source texts where the rule reads words.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_SWALLOWINGHANDLER_H
#define COROLINT_CHECKS_MODEL_SWALLOWINGHANDLER_H

#include <optional>
#include <string>
#include <string_view>

namespace corolint {

class SwallowingHandlerFacts {
public:
  virtual ~SwallowingHandlerFacts() = default;
  /// The try block has a suspension point: the failure of what it awaits.
  virtual bool trySuspends() = 0;
  /// The coroutine awaits somewhere. A synchronous generator (it yields,
  /// never awaits) catches what code that ran synchronously threw.
  virtual bool coroutineAwaits() = 0;
  /// A handler of one of CancelledTypes: async-cancellation-swallowed's business.
  virtual bool catchesCancellation() = 0;
  /// It neither rethrows, logs, records the exception nor handles it.
  virtual bool doesNothing() = 0;
  /// The handler's text, braces included (a comment in it explains the swallow).
  virtual std::string_view handlerText() = 0;
  /// The whole file's text: test code provokes failures on purpose.
  virtual std::string_view fileText() = 0;
  /// The try block's last statement ("" when empty).
  virtual std::string_view lastTryStatement() = 0;
  /// The statement after the try, or after the loop whose body the try ends ("" when none).
  virtual std::string_view nextStatement() = 0;
  /// The coroutine's name, "" for a lambda.
  virtual std::string coroutine() = 0;
};

/// Reported at the handler, with a note at the try block's first suspension point.
struct SwallowingHandler {
  std::string Message;
  std::string Note;
};

std::optional<SwallowingHandler> swallowingHandler(SwallowingHandlerFacts &Handler);

} // namespace corolint

#endif
