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
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <vector>

namespace corolint {

/// The fingerprints of \p Path; an error naming what is wrong with the file.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// Writes every check finding of \p R (fingerprint, check, path, message).
llvm::Error writeBaseline(llvm::StringRef Path, const Report &R);

/// Removes the check findings whose fingerprint is in \p Baseline; returns how many.
unsigned dropBaselined(std::vector<Finding> &Findings, const llvm::StringSet<> &Baseline);

/// --baseline: the fingerprints of \p Path, or none when no path is given.
llvm::Expected<std::optional<llvm::StringSet<>>> loadBaseline(llvm::StringRef Path);

/// --write-baseline / --baseline on a finished run: with \p WritePath, writes
/// every finding of \p R there and sets them all aside (the run then reports
/// only errors); otherwise sets aside what \p Accepted holds. Returns how many
/// findings were set aside; an error names the file that could not be written.
llvm::Expected<unsigned> applyBaseline(llvm::StringRef WritePath,
                                       const std::optional<llvm::StringSet<>> &Accepted,
                                       Report &R);

/// Prints the run's summary, "N finding(s). [M more in the baseline.] F
/// file(s) in S s.", on every run, clean ones too; returns N, the check
/// findings left in \p Findings.
unsigned printFindingCount(llvm::raw_ostream &Err, const std::vector<Finding> &Findings,
                           unsigned Baselined, size_t Files, double Seconds);

} // namespace corolint

#endif
