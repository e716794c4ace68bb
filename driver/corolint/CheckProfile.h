//===--- CheckProfile.h - per-check time over a whole run -----------------===//
//
// clang-tidy stores one JSON profile per translation unit; this sums them per
// check and prints one table, instead of one table per unit on stderr.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_CHECKPROFILE_H
#define COROLINT_DRIVER_COROLINT_CHECKPROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace corolint {

struct CheckTime {
  std::string Check;
  double Wall = 0, User = 0, System = 0; ///< seconds, summed over units
};

/// The per-check sums of every profile under \p Directory, slowest first.
std::vector<CheckTime> readCheckProfiles(llvm::StringRef Directory);

/// `check  wall  user  sys` lines and a total, for --enable-check-profile.
void printCheckProfile(llvm::ArrayRef<CheckTime> Times, unsigned Units, llvm::raw_ostream &OS);

} // namespace corolint

#endif
