//===--- FunctionModel.h - the functions of a file, as the checks see them -===//
//
// One walk over the syntax tree builds what the fast checks query: every
// function, method and lambda with a body, whether that body itself (not a
// nested lambda or local class) is a coroutine, and the calls it makes with
// the qualified names each callee may denote. Checks are then plain loops
// over this model.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FUNCTIONMODEL_H
#define COROLINT_DRIVER_FAST_FUNCTIONMODEL_H

#include "driver/fast/SyntaxTree.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace corolint::fast {

struct CallSite {
  TSPoint CalleeStart;                 ///< 0-based row, byte column
  std::vector<std::string> Candidates; ///< qualified names the callee may denote
};

struct FunctionInfo {
  std::string Name; ///< unqualified ("bar" for Foo::bar); empty for a lambda
  bool IsLambda = false;
  /// Its own body contains co_await, co_yield or co_return.
  bool IsCoroutine = false;
  std::vector<CallSite> Calls; ///< in source order
};

/// Which calls to record: those whose callee's last written name is one of
/// \p CalleeNames (resolving every call would cost time no check uses).
struct ScanRequest {
  std::unordered_set<std::string_view> CalleeNames;
};

/// Every function, method and lambda with a body in \p Root, in the order
/// their definitions start.
std::vector<FunctionInfo> scanFunctions(TSNode Root, std::string_view Source,
                                        const ScanRequest &Request);

} // namespace corolint::fast

#endif
