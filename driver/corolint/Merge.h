//===--- Merge.h - `corolint merge`: one SARIF log from the shards' -------===//
#ifndef COROLINT_DRIVER_COROLINT_MERGE_H
#define COROLINT_DRIVER_COROLINT_MERGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// Joins the runs of \p Logs (SARIF 2.1.0, as `--format sarif` writes) into a
/// log with one run: rules united by id, results concatenated (a result that
/// two shards report, from a shared header, once), invocations combined.
llvm::Expected<llvm::json::Value> mergeSarif(llvm::ArrayRef<llvm::json::Value> Logs);

struct MergeSettings {
  std::string Output;
  /// SARIF logs and, in any order, the shards' --summaries-out files.
  std::vector<std::string> Inputs;
  std::string SummariesOut; ///< where the merged summaries go; empty: nowhere
  std::string DocsBaseUrl;  ///< for the rules of the cross-file findings
  std::optional<std::string> DocsDirectory;
  bool Verbose = false; ///< say what the whole-program step did
};

/// `corolint merge OUT IN...`: the SARIF logs joined, with the findings the
/// shards' summaries give across files; exit code 0 or 2.
int runMerge(const MergeSettings &Settings);

} // namespace corolint

#endif
