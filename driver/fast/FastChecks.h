//===--- FastChecks.h - the syntactic checks of the fast engine -----------===//
//
// One function per check, each a query over the FunctionModel of a file.
// The check names and messages are those of the clang-tidy module.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTCHECKS_H
#define COROLINT_DRIVER_FAST_FASTCHECKS_H

#include "checks/utils/BlockingFunctions.h"
#include "driver/fast/FastEngine.h"
#include "driver/fast/FunctionModel.h"

#include <vector>

namespace corolint::fast {

/// async-blocking-call: the calls to \p Table's functions that coroutines make
/// in their own bodies.
class BlockingCallCheck {
public:
  static constexpr const char *Name = "async-blocking-call";

  explicit BlockingCallCheck(const std::vector<BlockingFunction> &Table);

  /// The last names of the table's functions, for the scan.
  void request(ScanRequest &Request) const;
  void check(const std::vector<FunctionInfo> &Functions, std::vector<Finding> &Findings) const;

private:
  const BlockingFunction *lookup(const CallSite &Call) const;

  const std::vector<BlockingFunction> &Table;
};

} // namespace corolint::fast

#endif
