//===--- FastMain.h - `corolint --fast FILES...` --------------------------===//
//
// Lints files with the fast engine and prints clang-style diagnostics. No
// command-line parsing here: the corolint CLI calls runFastMode.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTMAIN_H
#define COROLINT_DRIVER_FAST_FASTMAIN_H

#include "driver/fast/FastEngine.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace corolint::fast {

/// Exit codes of runFastMode.
enum FastModeExit : int {
  FastClean = 0,      ///< no finding, every file read and parsed
  FastFindings = 1,   ///< findings, every file read and parsed
  FastInputError = 2, ///< a file could not be read or parsed, or the options are invalid
};

/// Lints \p Paths in order. Findings and parse errors go to \p Out as
/// `path:line:col: warning: MESSAGE [check]` (resp. `error: ...`), each followed
/// by the source line and a caret; unreadable files and invalid options go to
/// \p Err. A file that cannot be read or parsed does not stop the others.
int runFastMode(const std::vector<std::string> &Paths, const Options &Opts,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err);

} // namespace corolint::fast

#endif
