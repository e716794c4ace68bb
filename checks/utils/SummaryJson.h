//===--- SummaryJson.h - whole-program summaries as JSON ------------------===//
//
// The one format of checks/model/ProgramSummary on disk: the CLI's
// --summaries-out and result cache entries, `corolint merge`'s inputs, and
// the project summary file the plugin and corolint-clangd read.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SUMMARYJSON_H
#define COROLINT_CHECKS_UTILS_SUMMARYJSON_H

#include "checks/model/ProgramSummary.h"
#include "llvm/Support/JSON.h"

#include <optional>

namespace corolint {

llvm::json::Value summariesToJson(const ProgramSummaries &Summaries);
/// None when any field is missing or mistyped, or the version is another.
std::optional<ProgramSummaries> summariesFromJson(const llvm::json::Value &Value);

/// The file's top-level JSON is a summary file (and not, say, a SARIF log).
bool isSummaryFile(const llvm::json::Value &Root);

} // namespace corolint

#endif
