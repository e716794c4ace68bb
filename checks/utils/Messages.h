//===--- Messages.h - diagnostic texts shared by both engines -------------===//
//
// One place for every check message, so the clang-tidy checks and the fast
// engine print the same words. Plain C++: no Clang here.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_MESSAGES_H
#define COROLINT_CHECKS_UTILS_MESSAGES_H

#include <cstdint>
#include <string>
#include <string_view>

namespace corolint::messages {

/// "coroutine 'fetch'" or "a coroutine lambda".
inline std::string describeCoroutine(std::string_view CoroutineName) {
  if (CoroutineName.empty())
    return "a coroutine lambda";
  return "coroutine '" + std::string(CoroutineName) + "'";
}

/// What to do with blocking work that has no awaitable replacement.
inline std::string offloadRemedy(std::string_view Offload) {
  return Offload.empty() ? "move it to another thread"
                         : "move it off the loop with 'co_await " + std::string(Offload) + "(...)'";
}

inline std::string blockingRemedy(std::string_view Replacement, std::string_view Offload) {
  return Replacement.empty() ? offloadRemedy(Offload)
                             : "use 'co_await " + std::string(Replacement) + "(...)' instead";
}

/// async-blocking-call: what blocks, why it hurts, what to do instead.
inline std::string blockingCall(std::string_view Callee, std::string_view CoroutineName,
                                std::string_view Replacement,
                                std::string_view Offload = "aio::to_thread") {
  std::string Remedy = blockingRemedy(Replacement, Offload);
  return "blocking call to '" + std::string(Callee) + "' in " + describeCoroutine(CoroutineName) +
         " stalls every task on the event loop; " + Remedy;
}

inline std::string blockingConstruction(std::string_view Type, std::string_view CoroutineName,
                                        std::string_view Replacement, std::string_view Offload) {
  std::string Remedy = blockingRemedy(Replacement, Offload);
  return "constructing '" + std::string(Type) + "' in " + describeCoroutine(CoroutineName) +
         " does blocking I/O that stalls every task on the event loop; " + Remedy;
}

inline std::string blockingHelper(std::string_view Helper, std::string_view CoroutineName,
                                  std::string_view Blocking, std::string_view Offload) {
  return "call to '" + std::string(Helper) + "' in " + describeCoroutine(CoroutineName) +
         " blocks the event loop: it reaches blocking '" + std::string(Blocking) + "'; " +
         offloadRemedy(Offload);
}

/// The helper is the awaiter of a `co_await` (its await_suspend or
/// await_ready): name what the coroutine awaits, not the protocol call.
inline std::string blockingAwaiter(std::string_view Awaited, std::string_view CoroutineName,
                                   std::string_view Blocking, std::string_view Offload) {
  return "awaiting '" + std::string(Awaited) + "' in " + describeCoroutine(CoroutineName) +
         " blocks the event loop: its awaiter reaches blocking '" + std::string(Blocking) +
         "'; " + offloadRemedy(Offload);
}

inline std::string synchronousWaitOnAwaitable(std::string_view Callee,
                                              std::string_view CoroutineName) {
  return "blocking call to '" + std::string(Callee) + "' in " + describeCoroutine(CoroutineName) +
         " waits on the loop's thread for something that can be awaited; 'co_await' it instead";
}

inline std::string nestedLoopRun(std::string_view Runner, std::string_view CoroutineName) {
  return "'" + std::string(Runner) + "' in " + describeCoroutine(CoroutineName) +
         " blocks the running event loop to run another one; 'co_await' the task instead";
}

// ---- async-unawaited-task: Producer is "'fetch_data'" or "a lambda" ----------

inline std::string scheduleHint(std::string_view Spawn) {
  return Spawn.empty() ? std::string() : " or schedule it with '" + std::string(Spawn) + "'";
}

inline std::string discardedTask(std::string_view Producer, std::string_view Spawn) {
  return "task returned by " + std::string(Producer) +
         " is discarded, so it never runs; 'co_await' it" + scheduleHint(Spawn);
}

inline std::string taskNeverAwaited(std::string_view Var, std::string_view Producer) {
  return "task '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is never awaited, so it never runs; 'co_await' it or pass it on";
}

inline std::string discardedAwaiter(std::string_view Producer) {
  return "awaitable returned by " + std::string(Producer) +
         " is discarded, so its operation (a lock, an acquire, a wait) never happens; 'co_await' it";
}

inline std::string awaiterNeverAwaited(std::string_view Var, std::string_view Producer) {
  return "awaitable '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is never awaited, so its operation (a lock, an acquire, a wait) never happens; "
         "'co_await' it";
}

inline std::string taskNotAwaitedOnEveryPath(std::string_view Var, std::string_view Producer) {
  return "task '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is not awaited on every path, so on some it never runs; await it before it goes out "
         "of scope";
}

// An eager task (QCoro::Task) has started by the time the call returns: what
// is lost is waiting for it, its result and its exception.
inline std::string discardedEagerTask(std::string_view Producer) {
  return "task returned by " + std::string(Producer) +
         " is discarded: it starts, but this coroutine goes on without waiting for it and its "
         "result and exceptions are lost; 'co_await' it";
}

inline std::string eagerTaskNeverAwaited(std::string_view Var, std::string_view Producer) {
  return "task '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is never awaited, so its result and exceptions are lost; 'co_await' it or pass it on";
}

inline std::string eagerTaskNotAwaitedOnEveryPath(std::string_view Var,
                                                  std::string_view Producer) {
  return "task '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is not awaited on every path, so on some its result and exceptions are lost; await "
         "it before it goes out of scope";
}

inline std::string collectedTasksNeverAwaited(std::string_view Container, std::string_view Gather,
                                              bool Eager = false) {
  std::string Hint = Gather.empty() ? "await them"
                                    : "'co_await " + std::string(Gather) + "(std::move(" +
                                          std::string(Container) + "))'";
  return "tasks collected in '" + std::string(Container) + "' are never awaited or gathered, so " +
         (Eager ? "their results and exceptions are lost; " : "they never run; ") + Hint;
}

inline std::string taskUsedAsValue(std::string_view Producer) {
  return "task returned by " + std::string(Producer) +
         " is used as a value without being awaited; did you mean 'co_await'?";
}

inline std::string taskDroppedByVoidCallable(std::string_view Callable) {
  return "coroutine converted to '" + std::string(Callable) +
         "': the task it returns is dropped and never runs; keep the task (return or spawn it)";
}

// ---- async-dropped-exception -------------------------------------------------

/// \p Discarder is how the spawn is told to drop the outcome: `'detached'`, or
/// "a completion handler that ignores its 'std::exception_ptr'"; an empty
/// \p Coroutine is a lambda.
inline std::string exceptionDiscardedBySpawn(std::string_view Discarder,
                                             std::string_view Coroutine) {
  std::string Of = Coroutine.empty() ? "the lambda coroutine" : "'" + std::string(Coroutine) + "'";
  return std::string(Discarder) + " drops the exception of " + Of +
         ": if it fails, nothing reports it; pass a completion handler that looks at its "
         "'std::exception_ptr' (e.g. '[](std::exception_ptr e) { if (e) "
         "std::rethrow_exception(e); }')";
}

/// A spawn that runs the coroutine detached and swallows what it throws.
inline std::string exceptionSwallowedBySpawn(std::string_view Spawn, std::string_view Coroutine) {
  std::string Of = Coroutine.empty() ? "the lambda coroutine" : "'" + std::string(Coroutine) + "'";
  return "'" + std::string(Spawn) + "' runs " + Of +
         " detached and drops its exception: if it fails, nothing reports it; catch and report "
         "failures inside it, or spawn it where the result is awaited";
}

inline std::string handleDiscarded(std::string_view Spawn) {
  return "handle returned by '" + std::string(Spawn) +
         "' is discarded: if the task fails, its exception is never retrieved; keep the handle "
         "and 'co_await' it";
}

inline std::string handleNeverObserved(std::string_view Var, std::string_view Spawn) {
  return "task handle '" + std::string(Var) + "' from '" + std::string(Spawn) +
         "' is never awaited or inspected: if the task fails, its exception is lost; 'co_await " +
         std::string(Var) + "' before it goes out of scope";
}

inline std::string collectedHandlesAbandoned(std::string_view Container, std::string_view Spawn) {
  return "task handles from '" + std::string(Spawn) + "' collected in '" + std::string(Container) +
         "' are abandoned on some path (the tasks run on, unobserved, after this scope is gone); "
         "await or gather them before leaving, on the error path too";
}

inline std::string handleNotObservedOnEveryPath(std::string_view Var, std::string_view Spawn) {
  return "task handle '" + std::string(Var) + "' from '" + std::string(Spawn) +
         "' is not awaited or inspected on every path: where it is not, a failure of the task "
         "is lost; 'co_await " +
         std::string(Var) + "' before it goes out of scope";
}

inline std::string taskGroupNeverJoined(std::string_view Var) {
  return "task group '" + std::string(Var) +
         "' is never joined, so its children's failures are never reported; enter it with "
         "'co_await aio::with(...)'";
}

inline std::string gatherResultsDiscarded(std::string_view Gather) {
  return "results of '" + std::string(Gather) +
         "(return_exceptions, ...)' are discarded, so every failure vanishes; inspect each "
         "result's 'error()'";
}

inline std::string gatherErrorsNeverInspected(std::string_view Gather) {
  return "errors in the results of '" + std::string(Gather) +
         "(return_exceptions, ...)' are never looked at, so failures vanish; log or rethrow "
         "each result's 'error()'";
}

inline std::string handlerSwallows(std::string_view CoroutineName) {
  return "exception caught around a suspension point in " + describeCoroutine(CoroutineName) +
         " is swallowed: the handler neither rethrows, logs nor records it; log it, record it, "
         "or rethrow with 'throw;'";
}

inline std::string doneCallbackIgnoresOutcome() {
  return "done-callback never calls 'exception()' or 'result()', so a failure of the task is "
         "never retrieved; inspect the handle it receives";
}

// ---- async-unbounded-spawn --------------------------------------------------

/// What the fan-out grows with. Kind: 'e' elements of Source, 'c' a count
/// named Source, 'k' a constant N, '?' unknown.
inline std::string fanoutSubject(char Kind, std::string_view Source, std::uint64_t N) {
  switch (Kind) {
  case 'e':
    return "one task per element of '" + std::string(Source) + "'";
  case 'c':
    return "one task per iteration of a loop bounded by '" + std::string(Source) + "'";
  case 'k':
    return std::to_string(N) + " tasks in a loop";
  default:
    return "one task per iteration of an open-ended loop";
  }
}

/// What to do instead, spelled from the profile: the semaphore pattern, a
/// group with a concurrency limit, a windowed gather; any may be empty.
inline std::string boundRemedy(std::string_view Semaphore, std::string_view Group,
                               std::string_view Limit, std::string_view WindowedGather) {
  std::string Remedy;
  auto Add = [&Remedy](const std::string &Option) {
    Remedy += (Remedy.empty() ? "" : ", or ") + Option;
  };
  if (!Semaphore.empty())
    Add("acquire one '" + std::string(Semaphore) + "' shared by all of them inside each task");
  if (!Group.empty() && !Limit.empty())
    Add("spawn them into '" + std::string(Group) + "{" + std::string(Limit) + "{N}}'");
  if (!WindowedGather.empty())
    Add("gather them with '" + std::string(WindowedGather) + "'");
  if (Remedy.empty())
    Remedy = "spawn them in fixed-size batches or feed a fixed pool of workers through a queue";
  return Remedy;
}

/// async-unbounded-spawn: Verb is "creates" (spawned in the loop) or
/// "gathers" (lazy tasks collected in the loop and gathered after it).
inline std::string unboundedSpawn(std::string_view Verb, const std::string &Subject,
                                  const std::string &Remedy) {
  return std::string(Verb) + " " + Subject +
         " with no bound on how many run at once, so a large input exhausts memory, "
         "connections and the services they call; " +
         Remedy;
}

inline std::string gatheredAllAtOnce() {
  return "all of them are gathered here and run at once";
}

inline std::string semaphoreNotShared(std::string_view Name) {
  return "'" + std::string(Name) +
         "' is created anew for each task, so it bounds nothing; create one before the loop "
         "and share it";
}

/// A loop calls a helper that spawns: where the helper does it.
inline std::string spawnedInHelper(std::string_view Helper, std::string_view Spawn) {
  return "each call of '" + std::string(Helper) + "' creates a task here with '" +
         std::string(Spawn) + "'";
}

inline std::string semaphoreNotAcquired(std::string_view Coroutine) {
  return "'" + std::string(Coroutine) +
         "' is handed the semaphore but never acquires it, so it bounds nothing";
}

inline std::string groupWithoutLimit(std::string_view Limit) {
  return Limit.empty() ? std::string("the task group is created here without a concurrency limit")
                       : "the task group is created here without '" + std::string(Limit) + "'";
}

// ---- async-cancellation-swallowed -------------------------------------------

/// Caught is how the handler is spelled: "'aio::cancelled_error'" or "'catch (...)'".
inline std::string cancellationSwallowed(std::string_view Caught, std::string_view Cancelled,
                                         std::string_view CoroutineName) {
  std::string What = Caught == "..." ? "'catch (...)' also catches '" + std::string(Cancelled) + "'"
                                     : "handler of '" + std::string(Caught) + "'";
  return What + " around a suspension point in " + describeCoroutine(CoroutineName) +
         " swallows the cancellation: the task goes on as if never cancelled, so the timeout or "
         "task group that cancelled it waits for nothing; end the handler with 'throw;'";
}

// ---- async-nested-run ------------------------------------------------------

inline std::string nestedRunThroughHelper(std::string_view Helper, std::string_view CoroutineName,
                                          std::string_view Runner) {
  return "call to '" + std::string(Helper) + "' in " + describeCoroutine(CoroutineName) +
         " runs a second event loop inside the running one: it reaches '" + std::string(Runner) +
         "', which blocks every task until it returns; make the helper a coroutine and "
         "'co_await' the work";
}

inline std::string runPerItem(std::string_view Runner, std::string_view Subject) {
  // Runners differ (aio::run builds a loop, libcoro's sync_wait blocks on a
  // condition variable); what they share is running one task to its end.
  return "'" + std::string(Runner) + "' blocks this thread until its task is done " +
         std::string(Subject) +
         ", so nothing runs concurrently (and a runner that builds an event loop rebuilds it "
         "each time); run one coroutine that awaits all the items (single event loop)";
}

// ---- async-no-await ----------------------------------------------------------

inline std::string noAwait(std::string_view CoroutineName, std::string_view ValueType) {
  std::string Plain = ValueType.empty() || ValueType == "void"
                          ? std::string("a plain function")
                          : "a plain function returning '" + std::string(ValueType) + "'";
  return describeCoroutine(CoroutineName) +
         " never suspends (no 'co_await' or 'co_yield'): it pays for a coroutine frame and makes "
         "every caller await it for nothing; make it " +
         Plain;
}

// ---- async-busy-wait -------------------------------------------------------

inline std::string busyWait(std::string_view Condition, std::string_view Sleep,
                            std::string_view Event) {
  std::string Remedy = Event.empty()
                           ? std::string("have the writer wake the waiter instead")
                           : "have the writer set an '" + std::string(Event) +
                                 "' and 'co_await' its 'wait()' instead";
  return "loop polls '" + std::string(Condition) + "' with '" + std::string(Sleep) +
         "' between checks: it wakes up for nothing and notices the change up to a whole sleep "
         "late; " +
         Remedy;
}

// ---- async-sequential-await ------------------------------------------------

/// How often a loop awaits, for sequentialAwait. Kind as for fanoutSubject:
/// 'e' elements of Source, 'c' a count named Source, 'k' a constant N.
inline std::string awaitFrequency(char Kind, std::string_view Source, std::uint64_t N) {
  switch (Kind) {
  case 'e':
    return "once per element of '" + std::string(Source) + "'";
  case 'c':
    return "once per iteration of a loop bounded by '" + std::string(Source) + "'";
  default:
    return std::to_string(N) + " times";
  }
}

inline std::string sequentialAwait(std::string_view Awaited, std::string_view Subject,
                                   std::string_view Gather) {
  std::string Remedy = Gather.empty()
                           ? std::string("start them all and await them together")
                           : "start them all and 'co_await " + std::string(Gather) + "(...)' once";
  return "loop awaits '" + std::string(Awaited) + "' " + std::string(Subject) +
         ", one after another, although no iteration needs the previous one's result, so the "
         "waits add up; " +
         Remedy;
}

/// The note that explains the rewrite (there is no automatic one).
inline std::string sequentialAwaitRewrite(std::string_view Gather, std::string_view TaskType) {
  std::string Container =
      TaskType.empty() ? std::string("a vector") : "a 'std::vector<" + std::string(TaskType) + "<...>>'";
  std::string Await = Gather.empty() ? std::string("await them all together")
                                     : "'co_await " + std::string(Gather) + "(std::move(tasks))'";
  return "to run them concurrently, collect the tasks in " + Container +
         " in this loop instead of awaiting each one, then " + Await +
         " after it; bound the fan-out if the collection can be large";
}

// ---- async-dangling-reference ------------------------------------------------

/// How a task outlives what it refers to: "handed to 'aio::create_task'",
/// "returned", "stored", "kept in 't'".
inline std::string danglingToTemporary(std::string_view Param, std::string_view CoroutineName,
                                       std::string_view How) {
  return "'" + std::string(Param) + "' of " + describeCoroutine(CoroutineName) +
         " refers to a temporary destroyed at the end of the full-expression, but the task is " +
         std::string(How) + " and runs later; pass it by value, or 'co_await' the task in the "
         "same expression";
}

inline std::string danglingToLocal(std::string_view Param, std::string_view CoroutineName,
                                   std::string_view Local, std::string_view How) {
  return "'" + std::string(Param) + "' of " + describeCoroutine(CoroutineName) +
         " refers to local '" + std::string(Local) +
         "', which may be destroyed while the task still runs (it is " + std::string(How) +
         "); pass it by value, or await the task before '" + std::string(Local) +
         "' goes out of scope";
}

/// Closure is "" for a lambda object that is a temporary.
inline std::string danglingCaptures(std::string_view Closure, std::string_view How) {
  std::string Dies = Closure.empty()
                         ? std::string("the lambda object, which is destroyed at the end of the "
                                       "full-expression")
                         : "'" + std::string(Closure) + "', which may be destroyed first";
  return "captures of a coroutine lambda live in " + Dies + ", but the task it returned is " +
         std::string(How) +
         " and runs later (the frame keeps no copy); pass what it needs as by-value parameters";
}

inline std::string capturesOfDyingCopy(std::string_view Callee) {
  return "coroutine lambda handed to '" + std::string(Callee) +
         "' uses its captures after a suspension point, but '" + std::string(Callee) +
         "' runs a copy of the lambda that is destroyed before the task finishes (awaiting the "
         "call keeps only the original alive); pass what it needs as by-value parameters";
}

inline std::string capturesUsedAfterSuspension(std::string_view Callee) {
  return "coroutine lambda handed to '" + std::string(Callee) +
         "' uses its captures after a suspension point, but '" + std::string(Callee) +
         "' may destroy the lambda once the coroutine has started (the frame keeps no copy of "
         "the captures); pass what it needs as by-value parameters";
}

// ---- async-lock-across-await -----------------------------------------------

/// Mutex is how the source names the locked object; MutexType its type.
inline std::string lockAcrossAwait(std::string_view Mutex, std::string_view MutexType,
                                   std::string_view CoroutineName, std::string_view AsyncMutex) {
  std::string Remedy = AsyncMutex.empty()
                           ? std::string("release it before suspending")
                           : "release it before suspending, or use '" + std::string(AsyncMutex) + "'";
  return "blocking lock of '" + std::string(Mutex) + "' ('" + std::string(MutexType) +
         "') is held across a suspension point in " + describeCoroutine(CoroutineName) +
         ": a task of this thread that takes it meanwhile blocks the event loop or deadlocks, and "
         "the coroutine may resume on a thread that does not own it; " +
         Remedy;
}

inline std::string suspendsWithLockHeld(std::string_view Mutex) {
  return "the coroutine suspends here with '" + std::string(Mutex) + "' locked";
}

/// The note that explains the rewrite (there is no automatic one).
inline std::string lockAcrossAwaitRewrite(std::string_view AsyncMutex) {
  std::string Keep = AsyncMutex.empty()
                         ? std::string()
                         : "; to keep it locked across the suspension, make it an '" +
                               std::string(AsyncMutex) + "' and await its lock";
  return "to release it first, end the guard's scope (a block around the locked part) or call "
         "'unlock()' before the 'co_await'" +
         Keep;
}

// ---- async-stale-read ------------------------------------------------------

inline std::string staleRead(std::string_view Shared, std::string_view Local,
                             std::string_view CoroutineName, std::string_view AsyncMutex) {
  std::string Guard = AsyncMutex.empty() ? std::string()
                                         : ", or hold one '" + std::string(AsyncMutex) +
                                               "' lock across both the read and the write";
  return "'" + std::string(Shared) + "' is written from '" + std::string(Local) +
         "', a value read before a suspension point in " + describeCoroutine(CoroutineName) +
         ": another task may change '" + std::string(Shared) +
         "' while this one waits, and that update is lost; read it again after the 'co_await'" +
         Guard;
}

inline std::string staleReadSource(std::string_view Shared) {
  return "'" + std::string(Shared) + "' is read here";
}

inline std::string staleReadSuspension() {
  return "the coroutine suspends here, so the value read may be stale when it is written back";
}

inline std::string staleIteration(std::string_view Container, std::string_view AsyncMutex) {
  std::string Guard = AsyncMutex.empty()
                          ? std::string()
                          : ", or hold one '" + std::string(AsyncMutex) + "' lock across the loop";
  return "loop iterates the shared container '" + std::string(Container) +
         "' across a suspension point: other tasks may change it meanwhile and invalidate the "
         "iterator; copy what the loop needs first and await outside the loop over it" + Guard;
}

inline std::string staleHeld(std::string_view Kind, std::string_view Var,
                             std::string_view Container, std::string_view AsyncMutex) {
  std::string Guard = AsyncMutex.empty() ? std::string()
                                         : ", or hold one '" + std::string(AsyncMutex) +
                                               "' lock from the lookup to this use";
  return std::string(Kind) + " '" + std::string(Var) + "' into the shared container '" +
         std::string(Container) +
         "' is used after a suspension point: other tasks may have erased or inserted meanwhile "
         "and invalidated it; look it up again after the 'co_await'" +
         Guard;
}

inline std::string staleHeldSuspension(std::string_view Var) {
  return "the coroutine suspends here while it holds '" + std::string(Var) + "'";
}

inline std::string staleIterationSuspension() {
  return "the coroutine suspends here, then the loop moves on with its iterator";
}

// ---- async-retry-without-backoff -------------------------------------------

inline std::string retryWithoutBackoff(std::string_view Operation, std::string_view Sleep) {
  std::string Remedy =
      Sleep.empty() ? std::string("wait between attempts and grow the wait each time "
                                  "(exponential backoff with jitter)")
                    : "'co_await " + std::string(Sleep) +
                          "(delay)' between attempts and grow the delay each time (exponential "
                          "backoff with jitter)";
  return "retry loop awaits '" + std::string(Operation) +
         "' again as soon as it fails, with no delay between attempts: a failing service is "
         "hammered as fast as the loop can spin; " +
         Remedy;
}

inline std::string retryHandler() {
  return "a failure is caught here and the loop tries again at once";
}

inline std::string retryOnResult() {
  return "the attempt's result is tested here and a failure goes round again at once";
}

// ---- async-unclosed-resource -------------------------------------------------

inline std::string closeRemedy(std::string_view Var, std::string_view Scope) {
  std::string Remedy = "close '" + std::string(Var) + "' on every path out of its scope";
  if (!Scope.empty())
    Remedy += ", or hand it to '" + std::string(Scope) + "'";
  return Remedy;
}

inline std::string resourceNeverClosed(std::string_view Var, std::string_view Type,
                                       std::string_view Scope) {
  return "'" + std::string(Var) + "' ('" + std::string(Type) +
         "') is never closed: its destructor closes without waiting, so buffered data and "
         "errors are lost silently; " +
         closeRemedy(Var, Scope);
}

inline std::string resourceNotClosedOnEveryPath(std::string_view Var, std::string_view Type,
                                                std::string_view Scope) {
  return "'" + std::string(Var) + "' ('" + std::string(Type) +
         "') is not closed on every path: where it is not, its destructor closes without "
         "waiting and buffered data and errors are lost silently; " +
         closeRemedy(Var, Scope);
}

// ---- async-missing-timeout -------------------------------------------------

inline std::string missingTimeout(std::string_view Operation, std::string_view Wrapper) {
  std::string Remedy = Wrapper.empty()
                           ? std::string("bound it, or the await of a caller, with a timeout")
                           : "put it, or the await of a caller, under '" + std::string(Wrapper) +
                                 "' or inside a timeout scope";
  return "network operation '" + std::string(Operation) +
         "' is awaited with no timeout anywhere up its await chain: a peer that stops "
         "responding leaves the awaiting task waiting forever; " +
         Remedy;
}

/// Notes along the chain: \p Subject ("'read_msg'", "the coroutine lambda",
/// "the task in 't'") is awaited, handed on or spawned here, with no timeout.
inline std::string missingTimeoutCall(std::string_view Subject) {
  return std::string(Subject) +
         " is awaited from here with no timeout around it or further up the await chain";
}

inline std::string missingTimeoutHandedOn(std::string_view Subject) {
  return std::string(Subject) +
         " is handed on here, to be run by code that applies no timeout this file shows";
}

inline std::string missingTimeoutSpawned(std::string_view Subject, std::string_view Spawn) {
  return std::string(Subject) + " runs here as a task of its own ('" + std::string(Spawn) +
         "'): a timeout around the spawning coroutine does not reach it";
}

} // namespace corolint::messages

#endif
