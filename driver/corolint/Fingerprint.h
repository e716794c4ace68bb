//===--- Fingerprint.h - identities of findings that survive edits --------===//
//
// A fingerprint hashes the check, the file (relative to the source root), the
// finding's line text with whitespace normalized, and the finding's index among
// those sharing the first three — never a line number, so it does not change
// when unrelated lines move. Baselines and SARIF partialFingerprints use it.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FINGERPRINT_H
#define COROLINT_DRIVER_COROLINT_FINGERPRINT_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace corolint {

/// The key SARIF's partialFingerprints uses for ours.
inline constexpr llvm::StringLiteral FingerprintKey = "corolint/v1";

/// \p Line without leading or trailing blanks, inner runs of blanks as one space.
std::string normalizeLineText(llvm::StringRef Line);

/// \p Path relative to \p Root with '/' separators, or \p Path if not under it.
std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root);

/// Sets Finding::Fingerprint on each of \p Findings (which are in file order).
void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef SourceRoot);

} // namespace corolint

#endif
