//===--- Messages.h - diagnostic texts shared by both engines -------------===//
//
// One place for every check message, so the clang-tidy checks and the fast
// engine print the same words. Plain C++: no Clang here.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_MESSAGES_H
#define COROLINT_CHECKS_UTILS_MESSAGES_H

#include <string>
#include <string_view>

namespace corolint::messages {

/// "coroutine 'fetch'" or "a coroutine lambda".
inline std::string describeCoroutine(std::string_view CoroutineName) {
  if (CoroutineName.empty())
    return "a coroutine lambda";
  return "coroutine '" + std::string(CoroutineName) + "'";
}

/// async-blocking-call: what blocks, why it hurts, what to do instead.
inline std::string blockingCall(std::string_view Callee, std::string_view CoroutineName,
                                std::string_view Replacement) {
  std::string Remedy = Replacement.empty()
                           ? "move it off the loop with 'co_await aio::to_thread(...)'"
                           : "use 'co_await " + std::string(Replacement) + "(...)' instead";
  return "blocking call to '" + std::string(Callee) + "' in " + describeCoroutine(CoroutineName) +
         " stalls every task on the event loop; " + Remedy;
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

inline std::string taskNotAwaitedOnEveryPath(std::string_view Var, std::string_view Producer) {
  return "task '" + std::string(Var) + "' returned by " + std::string(Producer) +
         " is not awaited on every path, so on some it never runs; await it before it goes out "
         "of scope";
}

inline std::string collectedTasksNeverAwaited(std::string_view Container,
                                              std::string_view Gather) {
  std::string Hint = Gather.empty() ? "await them"
                                    : "'co_await " + std::string(Gather) + "(std::move(" +
                                          std::string(Container) + "))'";
  return "tasks collected in '" + std::string(Container) +
         "' are never awaited or gathered, so they never run; " + Hint;
}

inline std::string taskUsedAsValue(std::string_view Producer) {
  return "task returned by " + std::string(Producer) +
         " is used as a value without being awaited; did you mean 'co_await'?";
}

inline std::string taskDroppedByVoidCallable(std::string_view Callable) {
  return "coroutine converted to '" + std::string(Callable) +
         "': the task it returns is dropped and never runs; keep the task (return or spawn it)";
}

} // namespace corolint::messages

#endif
