//===--- Fixes.cpp - applying fix-its safely ------------------------------===//

#include "Fixes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>

namespace corolint {
namespace {

/// One fix and the finding it comes from, for conflict messages.
struct ProposedFix {
  clang::tooling::Replacement Edit;
  const Finding *From;
};

std::string describe(const Finding &F) {
  return (F.Check + " at " + llvm::Twine(F.Where.Line) + ":" + llvm::Twine(F.Where.Column)).str();
}

bool isInside(llvm::StringRef Path, llvm::StringRef Root) {
  return Path.starts_with(Root) &&
         (Path.size() == Root.size() || Root.ends_with("/") || Path[Root.size()] == '/');
}

/// The real path of \p File if it (after every symlink) lies under \p RealRoot.
std::optional<std::string> resolveInside(llvm::StringRef File, llvm::StringRef RealRoot,
                                         llvm::raw_ostream &Err) {
  llvm::SmallString<256> Real;
  if (std::error_code EC = llvm::sys::fs::real_path(File, Real)) {
    Err << "corolint: error: cannot fix '" << File << "': " << EC.message() << "\n";
    return std::nullopt;
  }
  if (!isInside(Real, RealRoot)) {
    Err << "corolint: error: refusing to fix '" << File << "': ";
    if (Real != File)
      Err << "it resolves to '" << Real << "', ";
    Err << "outside the source root '" << RealRoot << "'\n";
    return std::nullopt;
  }
  return Real.str().str();
}

/// Writes \p Text to a temporary file beside \p Path, then renames it over \p Path.
bool replaceAtomically(llvm::StringRef Path, llvm::StringRef Text, llvm::raw_ostream &Err) {
  llvm::sys::fs::file_status Status;
  bool HaveStatus = !llvm::sys::fs::status(Path, Status);
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".corolint-%%%%%%");
  if (!Temp) {
    Err << "corolint: error: cannot write beside '" << Path
        << "': " << llvm::toString(Temp.takeError()) << "\n";
    return false;
  }
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Text;
    OS.flush();
    if (OS.has_error()) {
      Err << "corolint: error: cannot write '" << Temp->TmpName << "': " << OS.error().message()
          << "\n";
      OS.clear_error();
      llvm::consumeError(Temp->discard());
      return false;
    }
  }
  if (HaveStatus)
    llvm::sys::fs::setPermissions(Temp->FD, Status.permissions()); // keep the file's mode
  if (llvm::Error E = Temp->keep(Path)) {
    Err << "corolint: error: cannot replace '" << Path << "': " << llvm::toString(std::move(E))
        << "\n";
    return false;
  }
  return true;
}

/// Applies one file's fixes; false (file untouched) on conflict or error.
bool fixFile(llvm::StringRef File, llvm::ArrayRef<ProposedFix> Proposed, llvm::StringRef RealRoot,
             unsigned &Applied, llvm::raw_ostream &Err) {
  clang::tooling::Replacements Edits;
  for (const ProposedFix &P : Proposed) {
    clang::tooling::Replacement Edit(File, P.Edit.getOffset(), P.Edit.getLength(),
                                     P.Edit.getReplacementText());
    if (llvm::is_contained(Edits, Edit))
      continue; // the same edit proposed twice is one edit
    if (llvm::Error Conflict = Edits.add(Edit)) {
      llvm::consumeError(std::move(Conflict));
      const Finding *Other = nullptr;
      for (const ProposedFix &Q : Proposed)
        if (&Q != &P && Q.Edit.getOffset() < P.Edit.getOffset() + std::max(1u, P.Edit.getLength()) &&
            P.Edit.getOffset() < Q.Edit.getOffset() + std::max(1u, Q.Edit.getLength())) {
          Other = Q.From;
          break;
        }
      Err << "corolint: error: conflicting fixes in '" << File << "': " << describe(*P.From);
      if (Other)
        Err << " overlaps " << describe(*Other);
      Err << "; no fix applied to this file\n";
      return false;
    }
  }
  std::optional<std::string> Real = resolveInside(File, RealRoot, Err);
  if (!Real)
    return false;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Original = llvm::MemoryBuffer::getFile(*Real);
  if (!Original) {
    Err << "corolint: error: cannot read '" << File << "': " << Original.getError().message()
        << "\n";
    return false;
  }
  llvm::Expected<std::string> Fixed =
      clang::tooling::applyAllReplacements((*Original)->getBuffer(), Edits);
  if (!Fixed) {
    Err << "corolint: error: cannot fix '" << File << "': " << llvm::toString(Fixed.takeError())
        << "\n";
    return false;
  }
  if (!replaceAtomically(*Real, *Fixed, Err))
    return false;
  Applied += Edits.size();
  return true;
}

} // namespace

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, llvm::StringRef SourceRoot,
                      llvm::raw_ostream &Err) {
  FixOutcome Outcome;
  std::map<std::string, std::vector<ProposedFix>> ByFile; // ordered: messages in file order
  for (const Finding &F : Findings)
    for (const clang::tooling::Replacement &R : F.Fixes)
      ByFile[R.getFilePath().str()].push_back({R, &F});
  if (ByFile.empty())
    return Outcome;
  llvm::SmallString<256> RealRoot;
  if (std::error_code EC = llvm::sys::fs::real_path(SourceRoot, RealRoot)) {
    Err << "corolint: error: source root '" << SourceRoot << "': " << EC.message() << "\n";
    Outcome.FilesRefused = ByFile.size();
    return Outcome;
  }
  for (const auto &[File, Proposed] : ByFile) {
    if (fixFile(File, Proposed, RealRoot, Outcome.FixesApplied, Err))
      ++Outcome.FilesChanged;
    else
      ++Outcome.FilesRefused;
  }
  return Outcome;
}

} // namespace corolint
