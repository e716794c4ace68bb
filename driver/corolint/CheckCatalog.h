//===--- CheckCatalog.h - the checks the linked modules register ----------===//
#ifndef COROLINT_DRIVER_COROLINT_CHECKCATALOG_H
#define COROLINT_DRIVER_COROLINT_CHECKCATALOG_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace corolint {

/// Every registered check of the "async" module ("async-blocking-call", ...), sorted.
std::vector<std::string> asyncCheckNames();

/// The doc page of a check: "async-blocking-call" -> "blocking-call".
std::string docPageName(llvm::StringRef Check);

/// The SARIF rules: every async-* check, with its doc page under \p DocsBaseUrl.
std::vector<Rule> asyncRules(llvm::StringRef DocsBaseUrl);

/// The positive patterns of a `Checks` glob list that match no registered check.
std::vector<std::string> unknownCheckPatterns(llvm::StringRef Checks);

/// The keys of a CheckOptions map that no registered check reads. A key
/// without a check prefix ("AsyncProfile") is known when some check reads it
/// locally-or-globally.
std::vector<std::string> unknownOptionKeys(llvm::ArrayRef<std::string> Keys);

} // namespace corolint

#endif
