//===--- ProgramSummary.h - what each file tells the others ----------------===//
//
// Whole-program async-blocking-call, async-nested-run and
// async-unbounded-spawn, engine-neutral.
// Each translation unit, in the parse that runs its checks, writes a summary
// of every function it defines in user code (is it a helper the search may
// enter; its calls in source order, each with the function it runs and
// whether it is a blocking operation or runs an event loop) and an open
// question for each call a coroutine makes that the unit's own helper search
// could not settle. After every unit is done, the
// summaries are merged (a definition seen by several units, as an inline
// helper in a header, counts once) and each question is answered by the
// same HelperReach search the units run, now over the whole program's call
// graph. An answer is a finding whose notes walk the path into other files.
//
// Functions are keyed by the engine's stable name for a declaration (Clang's
// USR), so a call in one file meets the definition in another.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_PROGRAMSUMMARY_H
#define COROLINT_CHECKS_MODEL_PROGRAMSUMMARY_H

#include "checks/model/BlockingCall.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corolint {

/// A call (or construction) in a summarized function's body.
struct SummaryCall {
  unsigned Offset = 0; ///< in the function's file
  /// Key of the user function it runs; empty: nothing the search follows
  /// (a library function, a call through a pointer).
  std::string Callee;
  std::string CalleeName; ///< as notes name it
  /// Dispatched through the vtable: it runs the callee or one of its overriders.
  bool Virtual = false;
  /// The blocking operation the call is; none when Blocks is empty.
  BlockingKind Kind = BlockingKind::Call;
  std::string Blocks;
  /// The loop runner the call is (a RunFunctions entry, `aio::run`), as
  /// messages name it; "" when none. async-nested-run's target.
  std::string Runs;
  /// Other keys the callee's name may denote (the fast engine matches names,
  /// `helper` in namespace app: `app::helper` or `::helper`). The call runs
  /// the one the program defines; when several are defined it is not followed.
  std::vector<std::string> Alternatives;

  bool operator==(const SummaryCall &) const = default;
  auto operator<=>(const SummaryCall &) const = default;
};

/// The semaphores a coroutine awaits, as async-unbounded-spawn weighs work
/// spawned once per element: a bound for every task that runs it, or for the
/// tasks whose callers hand it one semaphore.
struct SemaphoreUse {
  /// Awaits a semaphore every call of it shares: a global, a static, a member
  /// of the object it runs on (here or in a coroutine it awaits).
  bool Shared = false;
  std::vector<unsigned> Parameters; ///< the parameters whose semaphore it awaits

  bool operator==(const SemaphoreUse &) const = default;
  auto operator<=>(const SemaphoreUse &) const = default;
};

/// One function definition of user code.
struct FunctionSummary {
  std::string Key;  ///< stable across units (USR)
  std::string Name; ///< as messages name it
  std::string File; ///< absolute
  uint64_t FileHash = 0; ///< of File's content as the unit read it
  unsigned Offset = 0;
  /// A plain helper the search goes through: not a coroutine (checked on its
  /// own), not one the configuration knows not to block.
  bool Enterable = false;
  std::vector<SummaryCall> Calls; ///< in source order; only when Enterable
  /// Keys of the virtual methods this method overrides directly.
  std::vector<std::string> Overrides;
  /// A coroutine's semaphores, when async-unbounded-spawn summarized it (its
  /// summary and the other checks' of the same definition merge into one).
  std::optional<SemaphoreUse> Semaphores;
};

/// A step of the path an answer walks: "'Function' calls 'Called' here", or
/// at the last step "... calls blocking 'Called' here" or "... runs a loop
/// with 'Called' here".
struct PathNote {
  std::string File;
  unsigned Offset = 0;
  std::string Function, Called;
  /// Said: a note of the unit's own finding, its whole text in Called.
  enum class Step { Call, Blocking, Runner, Said } Kind = Step::Call;
  /// The note's text; \p Where (a "file:line" where the note cannot be
  /// placed there) goes after the function's name, or after a Said text.
  std::string message(std::string_view Where = "") const;

  bool operator==(const PathNote &) const = default;
  auto operator<=>(const PathNote &) const = default;
};

/// What a question asks a callee's helpers to reach.
enum class Sought {
  Blocking, ///< a blocking operation (async-blocking-call)
  Runner,   ///< an event-loop runner (async-nested-run)
  /// A concurrency bound in the work a loop spawns (async-unbounded-spawn):
  /// the question carries the unit's finding, reported unless the spawned
  /// coroutine, defined elsewhere, takes a semaphore that bounds its tasks.
  Bound,
};

/// The check whose questions seek \p Seeks, and whose findings their answers are.
std::string_view checkSeeking(Sought Seeks);

/// "Coroutine C, at this call, runs function K, whose blocking this unit
/// could not settle" (K's body, or a helper's it reaches, is elsewhere), or
/// the same of running a loop.
struct OpenQuestion {
  Sought Seeks = Sought::Blocking;
  std::string Callee;     ///< key of the function called
  std::string CalleeName; ///< as the message names it
  bool Virtual = false;   ///< dispatched through the vtable (see SummaryCall)
  std::vector<std::string> Alternatives; ///< as SummaryCall's
  /// The unit's AnyOverrideBlocks: a virtual call on the path blocks when one
  /// body it may run does (else when every one does).
  bool AnyOverride = false;
  std::string Coroutine;  ///< display name of the calling coroutine
  std::string File;       ///< absolute; where the finding is reported
  unsigned Offset = 0;
  /// Set when the call is the awaiter of `co_await <Awaited>`: the message
  /// names what is awaited, as the unit's own finding would.
  std::string Awaited;
  std::string Offload; ///< the coroutine's configured offload spelling
  unsigned Depth = 0;  ///< helpers deep the search may go (HelperDepth)
  /// The coroutine awaits descriptor readiness: descriptor I/O is not blocking there.
  bool AwaitsReadiness = false;
  /// Seeking a Bound: the finding and its notes as the unit would report
  /// them, and the parameters of the callee to which the call hands a
  /// semaphore shared by every iteration (the unit trusts those when the
  /// callee's body is nowhere).
  std::string Message;
  std::vector<PathNote> Notes;
  std::vector<unsigned> SharedArguments;
  /// WarningsAsErrors names the check for File: set by the run that asked,
  /// which has the configuration, so that `corolint merge` need not.
  bool AsError = false;

  bool operator==(const OpenQuestion &) const = default;
};

/// What a summary's keys are: Clang's USRs (the full engine), or qualified
/// names as written (the fast engine, which has no types). The two never
/// meet: a program's summaries all come from one engine.
enum class SummaryKeys { Usr, Names };

struct ProgramSummaries {
  SummaryKeys Keys = SummaryKeys::Usr;
  std::vector<FunctionSummary> Functions;
  std::vector<OpenQuestion> Questions;

  void append(ProgramSummaries &&Other);
  /// One summary per key and place and one copy of each question, in an
  /// order that does not depend on which unit came first (shards merge to
  /// one run's set). A key defined at two places (two overloads the fast
  /// engine names alike, two programs' `handle` in one database) keeps both:
  /// it is ambiguous, and answers do not follow calls of it.
  void deduplicate();
};

struct CrossFileFinding {
  std::string Check; ///< checkSeeking() of its question's
  std::string File;
  unsigned Offset = 0;
  std::string Message;
  std::vector<PathNote> Notes; ///< from the callee to the operation reached
  bool AsError = false;        ///< its question's
};

/// The questions whose callee reaches what they seek (a blocking operation,
/// a loop runner) through the program's helpers, within each question's
/// depth. A virtual call blocks (or runs a loop: the same rule)
/// when every body it may run (the method's own, if it has one, and every
/// override's in the program) reaches a blocking operation, or with the
/// question's AnyOverride when one does; the path shown goes through the
/// nearest. \p Program is deduplicated.
std::vector<CrossFileFinding> answerOpenQuestions(const ProgramSummaries &Program);

} // namespace corolint

#endif
