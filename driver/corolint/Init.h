//===--- Init.h - `corolint init [DIR]`: a project's configuration --------===//
#ifndef COROLINT_DRIVER_COROLINT_INIT_H
#define COROLINT_DRIVER_COROLINT_INIT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

/// Writes DIR/.clang-tidy (the async-* checks) and DIR/.clangd (clangd runs
/// them: FastCheckFilter: Loose). An existing file is left alone unless
/// \p Force; then the exit code is 2. Returns the exit code.
int runInit(llvm::StringRef Directory, bool Force, llvm::raw_ostream &Out,
            llvm::raw_ostream &Err);

} // namespace corolint

#endif
