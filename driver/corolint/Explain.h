//===--- Explain.h - `corolint --explain CHECK`: a check's doc page -------===//
#ifndef COROLINT_DRIVER_COROLINT_EXPLAIN_H
#define COROLINT_DRIVER_COROLINT_EXPLAIN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace corolint {

/// The docs directory: the build tree's source (bin/../../docs), an install
/// (bin/../share/doc/corolint), or the source tree known at configure time.
std::optional<std::string> findDocsDirectory(const char *Argv0);

/// The first paragraph of a check's doc page (after the title and the italic
/// source line), as one line; empty when the docs are not found.
std::string docSummary(llvm::StringRef Check);

/// Prints docs/checks/<name>.md for "async-<name>" or "<name>"; exit code 0 or 2.
int runExplain(llvm::StringRef Check, const char *Argv0, llvm::raw_ostream &Out,
               llvm::raw_ostream &Err);

} // namespace corolint

#endif
