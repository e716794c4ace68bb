//===--- Fingerprint.cpp - identities of findings that survive edits ------===//

#include "Fingerprint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

namespace corolint {

std::string normalizeLineText(llvm::StringRef Line) {
  std::string Normalized;
  for (llvm::StringRef Word : llvm::split(Line, ' ')) {
    // Tabs and other blanks count as spaces too.
    for (llvm::StringRef Part : llvm::split(Word, '\t')) {
      Part = Part.trim();
      if (Part.empty())
        continue;
      if (!Normalized.empty())
        Normalized += ' ';
      Normalized += Part;
    }
  }
  return Normalized;
}

std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::SmallString<256> Relative(Path);
  if (!Root.empty() && llvm::sys::path::replace_path_prefix(Relative, Root, ""))
    Relative = llvm::StringRef(Relative).ltrim(llvm::sys::path::get_separator());
  llvm::sys::path::native(Relative, llvm::sys::path::Style::posix);
  return std::string(Relative);
}

void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef SourceRoot) {
  llvm::StringMap<unsigned> Occurrences;
  for (Finding &F : Findings) {
    std::string Identity = F.Check + '\0' + relativeToRoot(F.Where.File, SourceRoot) + '\0' +
                           normalizeLineText(F.LineText);
    unsigned Index = Occurrences[Identity]++;
    llvm::SHA256 Hash;
    Hash.update(Identity);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(std::to_string(Index));
    std::array<uint8_t, 32> Digest = Hash.final();
    F.Fingerprint = llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16), /*LowerCase=*/true);
  }
}

} // namespace corolint
