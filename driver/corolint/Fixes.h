//===--- Fixes.h - applying fix-its safely --------------------------------===//
//
// Each file's fixes are applied together or not at all: conflicting fixes
// leave the file untouched; the new text is written to a temporary file next
// to it (with its owner, group and mode) and renamed over it; nothing is
// written outside the source root, nor through a symlink that leads out of
// it, nor into a read-only file, nor into a file whose content changed since
// the compiler read it (the fixes' offsets would be stale).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FIXES_H
#define COROLINT_DRIVER_COROLINT_FIXES_H

#include "Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

struct FixOutcome {
  unsigned FilesChanged = 0;
  unsigned FixesApplied = 0;
  unsigned FilesRefused = 0; ///< conflicts, outside the root, unreadable, unwritable, changed
};

/// What the linted files held when the compiler read them (LintResult's).
struct ReadContents {
  const llvm::StringMap<uint64_t> &Hashes; ///< xxh3 of each file, by real path
  const llvm::StringSet<> &Changed;        ///< read with two different contents
};

/// Applies the fixes of \p Findings to files under \p SourceRoot, reporting
/// every refusal on \p Err. A file whose content is not what \p Read says
/// is refused.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, llvm::StringRef SourceRoot,
                      const ReadContents &Read, llvm::raw_ostream &Err);

/// The suffix of the temporary files --fix writes: "<file>.corolint-<pid>-XXXXXX".
inline constexpr llvm::StringLiteral TempFileInfix = ".corolint-";

} // namespace corolint

#endif
