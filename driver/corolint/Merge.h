//===--- Merge.h - `corolint merge`: one SARIF log from the shards' -------===//
#ifndef COROLINT_DRIVER_COROLINT_MERGE_H
#define COROLINT_DRIVER_COROLINT_MERGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace corolint {

/// Joins the runs of \p Logs (SARIF 2.1.0, as `--format sarif` writes) into a
/// log with one run: rules united by id, results concatenated (a result that
/// two shards report, from a shared header, once), invocations combined.
llvm::Expected<llvm::json::Value> mergeSarif(llvm::ArrayRef<llvm::json::Value> Logs);

/// `corolint merge OUT IN...`; exit code 0 or 2.
int runMerge(llvm::StringRef Output, llvm::ArrayRef<std::string> Inputs);

} // namespace corolint

#endif
