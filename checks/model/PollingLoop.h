//===--- PollingLoop.h - is a loop only polling a condition between sleeps? ===//
//
// async-busy-wait's rule, written once for both engines. Each engine
// describes a loop of a coroutine by the shapes of its statements and what
// its conditions read (Clang from the AST, the fast engine from the syntax);
// this decides whether the loop does nothing but sleep and test conditions
// that only something else changes: `while (!ready) co_await sleep(10ms);`,
// as opposed to a periodic loop that works or a loop driven by its own count.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_POLLINGLOOP_H
#define COROLINT_CHECKS_MODEL_POLLINGLOOP_H

#include "checks/model/NameList.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// A condition the loop tests.
struct PollCondition {
  std::string Text;              ///< as the message quotes it
  bool Awaits = false;           ///< it awaits an operation: not a flag
  std::vector<std::string> Reads; ///< variables and members it reads, as the engine names them
};

/// One statement of the loop's body, or of an exit's block, by its shape.
struct PollStatement {
  enum class Shape {
    Nothing,     ///< `;`, a comment
    AwaitedCall, ///< `co_await f(...);`
    ExitIf,      ///< `if (c) { ...; break; }` (or return, co_return): no else, no init
    Increment,   ///< `++polls;`, `waited += step;`
    Call,        ///< `f(...);`
    StreamWrite, ///< `std::cerr << ...;`, `logger() << ...;`
    Other,
  };
  Shape Kind = Shape::Other;
  bool Awaits = false;             ///< it contains a co_await
  bool FromReportingMacro = false; ///< written by a logging macro (full engine only)
  std::vector<std::string> Callee; ///< AwaitedCall: the qualified names the callee may denote
  std::string CalledName;          ///< Call, StreamWrite into a call: the identifier called
  std::string StreamHead;          ///< StreamWrite into a variable: its name
  PollCondition Exit;              ///< ExitIf: the condition it leaves on
  std::vector<PollStatement> Before; ///< ExitIf: the statements before the jump
  size_t Anchor = 0;               ///< the engine's handle for a note here
};

struct PollLoop {
  bool Steps = false;                     ///< a for loop's increment: counted, not polled
  std::optional<PollCondition> Condition; ///< the loop's own, unless absent or constant
  std::vector<PollStatement> Body;
  std::vector<std::string> Written;       ///< variables and members the loop writes
};

struct Polling {
  const PollCondition *Condition = nullptr; ///< the first condition it polls
  const PollStatement *Sleep = nullptr;     ///< the first awaited sleep
  std::string SleepName;                    ///< the sleep as listed
};

/// Whether \p Loop only polls between awaited calls to one of \p Sleeps: its
/// body holds only those sleeps, exits (`if (c) break;`) and bookkeeping (a
/// log line, `++polls`), and its conditions await nothing and read nothing
/// the loop itself writes (a counter or retry count).
std::optional<Polling> pollingLoop(const PollLoop &Loop, const NameList &Sleeps);

} // namespace corolint

#endif
