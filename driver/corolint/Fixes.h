//===--- Fixes.h - applying fix-its safely --------------------------------===//
//
// Each file's fixes are applied together or not at all: conflicting fixes
// leave the file untouched; the new text is written to a temporary file next
// to it and renamed over it; nothing is written outside the source root, nor
// through a symlink that leads out of it.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FIXES_H
#define COROLINT_DRIVER_COROLINT_FIXES_H

#include "Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

struct FixOutcome {
  unsigned FilesChanged = 0;
  unsigned FixesApplied = 0;
  unsigned FilesRefused = 0; ///< conflicts, outside the root, unreadable, unwritable
};

/// Applies the fixes of \p Findings to files under \p SourceRoot, reporting
/// every refusal on \p Err.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, llvm::StringRef SourceRoot,
                      llvm::raw_ostream &Err);

} // namespace corolint

#endif
