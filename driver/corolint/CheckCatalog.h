//===--- CheckCatalog.h - the checks the linked modules register ----------===//
#ifndef COROLINT_DRIVER_COROLINT_CHECKCATALOG_H
#define COROLINT_DRIVER_COROLINT_CHECKCATALOG_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// Every registered check of the "async" module ("async-blocking-call", ...), sorted.
std::vector<std::string> asyncCheckNames();

/// The SARIF rules: every async-* check, linked to its doc page under
/// \p DocsBaseUrl, described by the page in \p DocsDirectory when there is one.
std::vector<Rule> asyncRules(llvm::StringRef DocsBaseUrl,
                             const std::optional<std::string> &DocsDirectory);

/// The positive patterns of a `Checks` glob list that match no registered check.
std::vector<std::string> unknownCheckPatterns(llvm::StringRef Checks);

/// The keys of a CheckOptions map that no registered check reads. A key
/// without a check prefix ("AsyncProfile") is known when some check reads it
/// locally-or-globally.
std::vector<std::string> unknownOptionKeys(llvm::ArrayRef<std::string> Keys);

/// The registered check nearest to a misspelt \p Name, if one is close.
std::optional<std::string> closestCheckName(llvm::StringRef Name);

/// The option key nearest to a misspelt \p Key ("AsyncProfil" ->
/// "AsyncProfile", "async-x.HelperDeph" -> "async-x.HelperDepth"), if one is close.
std::optional<std::string> closestOptionKey(llvm::StringRef Key);

} // namespace corolint

#endif
