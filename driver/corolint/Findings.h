//===--- Findings.h - clang-tidy's diagnostics as corolint findings -------===//
#ifndef COROLINT_DRIVER_COROLINT_FINDINGS_H
#define COROLINT_DRIVER_COROLINT_FINDINGS_H

#include "Finding.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace corolint {

/// Converts \p Errors, fills in lines, columns and line texts from the files,
/// sorts by file, offset and check, and assigns fingerprints relative to
/// \p SourceRoot. \p FromUncompiledUnit, when given, runs parallel to
/// \p Errors: the check findings it marks become PossiblyIncomplete.
std::vector<Finding> toFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                                llvm::StringRef SourceRoot,
                                const std::vector<bool> &FromUncompiledUnit = {});

/// Sorts \p Findings by file, offset, check and message (a deterministic
/// report whatever -j did) and keeps one of each (units sharing a header).
void orderFindings(std::vector<Finding> &Findings);

} // namespace corolint

#endif
