//===--- BlockingCall.h - a call that stalls the event loop ----------------===//
//
// async-blocking-call's direct rule, written once for both engines, in two
// questions. Is this call (or construction) a blocking operation — one the
// helper search also looks for in plain helpers? And does it block where the
// coroutine runs it, or has the coroutine hopped onto a pool, or made its
// descriptor non-blocking? Each engine describes the call and the place
// through the facts below; the fix-its stay the full engine's.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_BLOCKINGCALL_H
#define COROLINT_CHECKS_MODEL_BLOCKINGCALL_H

#include "checks/utils/BlockingFunctions.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corolint {

enum class BlockingKind {
  Call,
  Construction,  ///< an object that blocks when made (`std::ifstream in(path)`)
  AwaitableWait, ///< `x.get()` / `x.wait()` on something `co_await` accepts
};

struct BlockingOperation {
  BlockingKind Kind = BlockingKind::Call;
  std::string Name; ///< as messages spell it: "std::this_thread::sleep_for"
};

class BlockingOperationFacts {
public:
  virtual ~BlockingOperationFacts() = default;
  virtual bool isConstruction() = 0;
  /// A RunFunctions entry: async-nested-run reports it.
  virtual bool runsLoop() = 0;
  /// The waiting method's name when this is `x.get()` / `x.wait()` on an
  /// awaitable `x`, else "".
  virtual std::string synchronousWaitOnAwaitable() = 0;
  /// The BlockingFunctions name the callee or the constructed type is, else "".
  virtual std::string listedName() = 0;
  /// The callee has the name \p Listed (what listedName() gave) but is the
  /// program's own awaitable function (`QCoro::Task<> sleep(ms)`): it
  /// returns something to await.
  virtual bool returnsAwaitable(std::string_view Listed) = 0;
  /// `std::getline` on a stream over memory: no I/O happens.
  virtual bool readsFromMemory() = 0;
  /// An argument is a zero duration: a timed wait that returns at once.
  virtual bool hasZeroDuration() = 0;
};

/// The blocking operation the call itself performs, or nothing.
std::optional<BlockingOperation> blockingOperation(BlockingOperationFacts &Call);

/// Where a blocking operation runs: the coroutine that made the call, itself
/// or through helpers.
class BlockingPlaceFacts {
public:
  virtual ~BlockingPlaceFacts() = default;
  /// The coroutine awaited a hop onto a thread pool (`co_await pool.schedule()`) before the call.
  virtual bool onPool() = 0;
  /// The coroutine awaits a descriptor's readiness (`co_await poll(fd)`):
  /// the reactor idiom, on descriptors it made non-blocking.
  virtual bool awaitsReadiness() = 0;
  /// The operation's descriptor is what a NonBlockingDescriptors accessor returns.
  virtual bool onNonBlockingDescriptor() = 0;
  /// The function making the operation tests for EAGAIN or EWOULDBLOCK (see
  /// mentionsWouldBlock): it tries a non-blocking descriptor and waits for
  /// readiness when it would block, the reactor idiom.
  virtual bool handlesWouldBlock() = 0;
};

/// \p FunctionText (a function's source) names EAGAIN or EWOULDBLOCK as a word.
bool mentionsWouldBlock(std::string_view FunctionText);

/// \p Operation stalls the event loop where it runs.
bool blocksThere(const BlockingOperation &Operation, BlockingPlaceFacts &Place);

/// The finding for a blocking operation the coroutine \p Coroutine makes itself.
std::string directBlockingMessage(const BlockingOperation &Operation,
                                  const std::vector<BlockingFunction> &Table,
                                  std::string_view Coroutine, std::string_view Offload);

} // namespace corolint

#endif
