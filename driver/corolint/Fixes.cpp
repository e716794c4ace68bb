//===--- Fixes.cpp - applying fix-its safely ------------------------------===//

#include "Fixes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/xxhash.h"

#include <cerrno>
#include <csignal>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

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

/// A temporary file of an earlier --fix whose process is gone: "<name>.corolint-<pid>-XXXXXX".
bool isStrandedTempFile(llvm::StringRef Name) {
  size_t At = Name.rfind(TempFileInfix);
  if (At == llvm::StringRef::npos)
    return false;
  auto [Pid, Unique] = Name.drop_front(At + TempFileInfix.size()).split('-');
  int ProcessId = 0;
  if (Pid.getAsInteger(10, ProcessId) || ProcessId <= 0 || Unique.size() != 6)
    return false;
  // A live process (another corolint --fix right now) still owns its file.
  return ::kill(ProcessId, 0) != 0 && errno == ESRCH;
}

/// Removes what a killed --fix left in \p Directory (SIGKILL skips LLVM's cleanup).
void removeStrandedTempFiles(llvm::StringRef Directory, llvm::raw_ostream &Err) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End; !EC && It != End;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (It->type() != llvm::sys::fs::file_type::regular_file || !isStrandedTempFile(Name))
      continue;
    if (!llvm::sys::fs::remove(It->path()))
      Err << "corolint: removed '" << It->path() << "', left by an interrupted corolint --fix\n";
  }
}

/// Whether the mode lets anyone write the file: root could, but a 0444 file
/// says it is not to be edited (as clang-tidy, which opens it for writing).
std::error_code checkWritable(llvm::StringRef Path, const llvm::sys::fs::file_status &Status) {
  if (!(Status.permissions() &
        (llvm::sys::fs::owner_write | llvm::sys::fs::group_write | llvm::sys::fs::others_write)))
    return std::make_error_code(std::errc::permission_denied);
  if (::access(Path.str().c_str(), W_OK) != 0)
    return std::error_code(errno, std::generic_category());
  return {};
}

/// Writes \p Text to a temporary file beside \p Path with its owner, group
/// and mode, then renames it over \p Path unless \p Path no longer holds
/// \p Expected.
bool replaceAtomically(llvm::StringRef Path, llvm::StringRef Text, uint64_t Expected,
                       const llvm::sys::fs::file_status &Status, llvm::raw_ostream &Err) {
  std::string Model = (Path + TempFileInfix + llvm::Twine(llvm::sys::Process::getProcessId()) +
                       "-%%%%%%")
                          .str();
  llvm::Expected<llvm::sys::fs::TempFile> Temp = llvm::sys::fs::TempFile::create(Model);
  if (!Temp) {
    Err << "corolint: error: cannot write beside '" << Path
        << "': " << llvm::toString(Temp.takeError()) << "\n";
    return false;
  }
  auto Discard = [&](const llvm::Twine &Why) {
    Err << "corolint: error: " << Why << "\n";
    llvm::consumeError(Temp->discard());
    return false;
  };
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Text;
    OS.flush();
    if (OS.has_error()) {
      std::string Message = OS.error().message();
      OS.clear_error();
      return Discard("cannot write '" + Temp->TmpName + "': " + Message);
    }
  }
  struct stat Written;
  if (::fstat(Temp->FD, &Written) == 0 &&
      (Written.st_uid != Status.getUser() || Written.st_gid != Status.getGroup()) &&
      ::fchown(Temp->FD, Status.getUser(), Status.getGroup()) != 0)
    return Discard("cannot fix '" + Path + "': cannot keep its owner and group (" +
                   std::error_code(errno, std::generic_category()).message() + ")");
  if (std::error_code EC = llvm::sys::fs::setPermissions(Temp->FD, Status.permissions()))
    return Discard("cannot fix '" + Path + "': cannot keep its mode (" + EC.message() + ")");
  // The last look before the rename: an editor may have saved meanwhile.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Now = llvm::MemoryBuffer::getFile(Path);
  if (!Now || llvm::xxh3_64bits((*Now)->getBuffer()) != Expected)
    return Discard("'" + Path + "' changed on disk while corolint was fixing it; not fixed");
  if (llvm::Error E = Temp->keep(Path)) {
    Err << "corolint: error: cannot replace '" << Path << "': " << llvm::toString(std::move(E))
        << "\n";
    return false;
  }
  return true;
}

/// Refuses, with a message, a file whose content is not what the compiler read.
bool unchangedSinceRead(llvm::StringRef File, llvm::StringRef Real, llvm::StringRef Content,
                        size_t FixCount, const ReadContents &Read, llvm::raw_ostream &Err) {
  auto Known = Read.Hashes.find(Real);
  bool Same = !Read.Changed.contains(Real) && Known != Read.Hashes.end() &&
              Known->second == llvm::xxh3_64bits(Content);
  if (!Same)
    Err << "corolint: error: '" << File << "' changed on disk since corolint read it; its "
        << FixCount << " fix(es) were not applied (run corolint --fix again)\n";
  return Same;
}

/// Applies one file's fixes; false (file untouched) on conflict or error.
bool fixFile(llvm::StringRef File, llvm::ArrayRef<ProposedFix> Proposed, llvm::StringRef RealRoot,
             const ReadContents &Read, unsigned &Applied, llvm::raw_ostream &Err) {
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
  llvm::sys::fs::file_status Status;
  std::error_code EC = llvm::sys::fs::status(*Real, Status);
  if (!EC)
    EC = checkWritable(*Real, Status);
  if (EC) {
    Err << "corolint: error: cannot fix '" << File << "': " << EC.message() << "\n";
    return false;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Original = llvm::MemoryBuffer::getFile(*Real);
  if (!Original) {
    Err << "corolint: error: cannot read '" << File << "': " << Original.getError().message()
        << "\n";
    return false;
  }
  llvm::StringRef Content = (*Original)->getBuffer();
  if (!unchangedSinceRead(File, *Real, Content, Edits.size(), Read, Err))
    return false;
  llvm::Expected<std::string> Fixed = clang::tooling::applyAllReplacements(Content, Edits);
  if (!Fixed) {
    Err << "corolint: error: cannot fix '" << File << "': " << llvm::toString(Fixed.takeError())
        << "\n";
    return false;
  }
  if (!replaceAtomically(*Real, *Fixed, llvm::xxh3_64bits(Content), Status, Err))
    return false;
  Applied += Edits.size();
  return true;
}

/// COROLINT_TEST_BEFORE_FIX: a shell command run between linting and fixing,
/// so tests can change a file in that window deterministically.
void runTestHook() {
  std::optional<std::string> Hook = llvm::sys::Process::GetEnv("COROLINT_TEST_BEFORE_FIX");
  if (!Hook)
    return;
  llvm::StringRef Args[] = {"/bin/sh", "-c", *Hook};
  llvm::sys::ExecuteAndWait("/bin/sh", Args);
}

} // namespace

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, llvm::StringRef SourceRoot,
                      const ReadContents &Read, llvm::raw_ostream &Err) {
  FixOutcome Outcome;
  std::map<std::string, std::vector<ProposedFix>> ByFile; // ordered: messages in file order
  for (const Finding &F : Findings)
    for (const clang::tooling::Replacement &R : F.Fixes)
      ByFile[R.getFilePath().str()].push_back({R, &F});
  if (ByFile.empty())
    return Outcome;
  runTestHook();
  llvm::SmallString<256> RealRoot;
  if (std::error_code EC = llvm::sys::fs::real_path(SourceRoot, RealRoot)) {
    Err << "corolint: error: source root '" << SourceRoot << "': " << EC.message() << "\n";
    Outcome.FilesRefused = ByFile.size();
    return Outcome;
  }
  llvm::StringSet<> Cleaned;
  for (const auto &[File, Proposed] : ByFile) {
    llvm::SmallString<256> RealDir;
    if (!llvm::sys::fs::real_path(llvm::sys::path::parent_path(File), RealDir) &&
        isInside(RealDir, RealRoot) && Cleaned.insert(RealDir).second)
      removeStrandedTempFiles(RealDir, Err);
    if (fixFile(File, Proposed, RealRoot, Read, Outcome.FixesApplied, Err))
      ++Outcome.FilesChanged;
    else
      ++Outcome.FilesRefused;
  }
  return Outcome;
}

} // namespace corolint
