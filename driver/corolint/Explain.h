//===--- Explain.h - `corolint --explain CHECK`: a check's doc page -------===//
#ifndef COROLINT_DRIVER_COROLINT_EXPLAIN_H
#define COROLINT_DRIVER_COROLINT_EXPLAIN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

/// Prints docs/checks/<name>.md for "async-<name>" or "<name>" to \p Out;
/// exit code 0, or 2 when there is no such page or \p Out cannot be written
/// (a full disk, a closed pipe).
int runExplain(llvm::StringRef Check, const char *Argv0, llvm::raw_fd_ostream &Out,
               llvm::raw_ostream &Err);

} // namespace corolint

#endif
