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

} // namespace corolint::messages

#endif
