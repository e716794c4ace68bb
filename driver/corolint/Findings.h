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
/// \p SourceRoot.
std::vector<Finding> toFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                                llvm::StringRef SourceRoot);

} // namespace corolint

#endif
