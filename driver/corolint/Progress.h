//===--- Progress.h - a progress bar for people, never for CI logs --------===//
#ifndef COROLINT_DRIVER_COROLINT_PROGRESS_H
#define COROLINT_DRIVER_COROLINT_PROGRESS_H

#include "llvm/Support/raw_ostream.h"

#include <cstddef>

namespace corolint {

/// True when someone watches: stdout and stderr are terminals and `CI` is unset.
bool progressWanted();

/// `[=====>      ] 12/40` redrawn in place on \p OS (stderr), erased at the end.
class ProgressBar {
public:
  explicit ProgressBar(llvm::raw_ostream &OS) : OS(OS) {}
  ~ProgressBar() { finish(); }
  void update(size_t Done, size_t Total);
  void finish();

private:
  llvm::raw_ostream &OS;
  bool Drawn = false;
};

} // namespace corolint

#endif
