//===--- SpawnFanout.h - how many tasks a spawn in loops adds up to --------===//
//
// async-unbounded-spawn's fan-out rule, written once for both engines. Each
// engine finds the loops that multiply the tasks one place creates (those
// that do not await them before the next iteration) and describes each by
// its size and whether it awaits; this decides whether their product can
// grow with the input, and what the message calls it.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_SPAWNFANOUT_H
#define COROLINT_CHECKS_MODEL_SPAWNFANOUT_H

#include "checks/utils/LoopSize.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// One loop that repeats a spawn.
struct FanoutLoop {
  LoopSize Size;
  /// It awaits (or yields) somewhere: an open-ended loop like that (a
  /// server's accept loop) spawns one task per event, at the events' pace.
  bool Awaits = false;
};

/// What the tasks of a spawn repeated by \p Loops (innermost first) add up to,
/// as the message names it (for constants, the product of every constant
/// loop), when it can grow beyond a bound: nothing for a product of constants under
/// \p MaxStaticFanout, a count of cores, an open-ended loop paced by awaits,
/// or, in test and benchmark code (\p ChosenLoad), any count chosen there.
std::optional<LoopSize> unboundedFanout(const std::vector<FanoutLoop> &Loops, bool ChosenLoad,
                                      unsigned MaxStaticFanout);

/// How many plain functions deep a spawn made through helpers is followed
/// (`for (url : urls) start(url);`), by both engines.
constexpr unsigned SpawnHelperDepth = 3;

/// How many coroutines elsewhere the spawned work runs or awaits are asked
/// about (ProgramSummary's bound questions), by both engines: any may take the bound.
constexpr size_t MaxBoundQuestions = 8;

/// The finding's message: \p Verb is "creates" or "gathers"; \p Remedy from
/// Messages.h's boundRemedy.
std::string unboundedSpawnMessage(std::string_view Verb, const LoopSize &Fanout,
                                  const std::string &Remedy);

} // namespace corolint

#endif
