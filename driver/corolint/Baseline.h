//===--- Baseline.h - accepted findings, so adoption can be gradual -------===//
//
// A baseline is a JSON file listing the fingerprints of findings a project
// has accepted for now; with --baseline only findings not in it are reported.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_BASELINE_H
#define COROLINT_DRIVER_COROLINT_BASELINE_H

#include "Finding.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace corolint {

/// The fingerprints of \p Path; an error naming what is wrong with the file.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// Writes every check finding of \p R (fingerprint, check, path, message).
llvm::Error writeBaseline(llvm::StringRef Path, const Report &R);

/// Removes the check findings whose fingerprint is in \p Baseline; returns how many.
unsigned dropBaselined(std::vector<Finding> &Findings, const llvm::StringSet<> &Baseline);

} // namespace corolint

#endif
