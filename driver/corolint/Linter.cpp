//===--- Linter.cpp - run the async-* checks over translation units -------===//

#include "Linter.h"
#include "Configuration.h"
#include "UserCodeRun.h"
#include "checks/utils/Summaries.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <mutex>
#include <map>
#include <tuple>

using namespace clang;

namespace corolint {

namespace {

bool isCompileError(const tidy::ClangTidyError &Error) {
  return Error.DiagnosticName == "clang-diagnostic-error" ||
         Error.DiagLevel == tidy::ClangTidyError::Error &&
             llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

/// A question asked in a header is kept as the unit's own findings there
/// are: when the header passes the unit's header filter (clang-tidy's rule).
void keepQuestionsShown(ProgramSummaries &Unit, llvm::StringRef MainFile,
                        const tidy::ClangTidyOptions &Options) {
  llvm::SmallString<256> Main(MainFile);
  llvm::sys::path::remove_dots(Main, /*remove_dot_dot=*/true);
  std::optional<llvm::Regex> Filter;
  if (Options.HeaderFilterRegex && !Options.HeaderFilterRegex->empty())
    Filter.emplace(*Options.HeaderFilterRegex);
  llvm::erase_if(Unit.Questions, [&](const OpenQuestion &Question) {
    return Question.File != Main && !(Filter && Filter->match(Question.File));
  });
}

/// One translation unit, on its own context: ClangTidyContext is not thread-safe.
std::vector<tidy::ClangTidyError> lintOne(const LintRequest &Request, size_t Index,
                                          llvm::StringMap<uint64_t> *ContentHashes,
                                          ProgramSummaries *Summaries) {
  tidy::ClangTidyContext Context(makeOptionsProvider(Request.Defaults, Request.Overrides));
  // A file system whose working directory is its own: ClangTool moves it to
  // the compile command's directory and back. The process-wide one
  // (getRealFileSystem) would chdir the process under the other workers, whose
  // relative paths (`main.cpp`, `-I include`) then resolve elsewhere.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem()));
  bool Profile = !Request.ProfileDirectory.empty();
  // Profiles are named by timestamp and file name: a directory per unit keeps them apart.
  llvm::SmallString<256> ProfileDir;
  if (Profile) {
    ProfileDir = Request.ProfileDirectory;
    llvm::sys::path::append(ProfileDir, std::to_string(Index));
  }
  const std::string &File = Request.Files[Index];
  ResultCache *Cache = Profile ? nullptr : Request.Cache;
  std::optional<SummaryScope> Collecting;
  if (Summaries)
    Collecting.emplace(*Summaries);
  if (!Cache) {
    std::vector<tidy::ClangTidyError> Errors =
        runChecksOnUserCode(Context, *Request.Compilations, File, FS, Request.CollectFixes,
                            Profile, ProfileDir, ContentHashes, nullptr, Request.Preambles);
    if (Summaries)
      keepQuestionsShown(*Summaries, File, Context.getOptionsForFile(File));
    return Errors;
  }

  std::string Key = Cache->keyFor(File, *Request.Compilations, Context.getOptionsForFile(File),
                                  Request.CollectFixes);
  if (std::optional<CachedResult> Hit = Cache->lookup(Key)) {
    if (ContentHashes)
      *ContentHashes = std::move(Hit->ContentHashes);
    if (Summaries)
      *Summaries = std::move(Hit->Summaries);
    return std::move(Hit->Errors);
  }
  CachedResult Fresh;
  std::vector<FileHash> ReadFiles;
  Fresh.Errors = runChecksOnUserCode(Context, *Request.Compilations, File, FS,
                                     Request.CollectFixes, Profile, ProfileDir,
                                     ContentHashes ? &Fresh.ContentHashes : nullptr, &ReadFiles,
                                     Request.Preambles);
  if (Summaries) {
    keepQuestionsShown(*Summaries, File, Context.getOptionsForFile(File));
    Fresh.Summaries = *Summaries;
  }
  // A unit that did not compile may depend on a file that is missing: run it again next time.
  if (llvm::none_of(Fresh.Errors, isCompileError))
    Cache->store(Key, Fresh, ReadFiles);
  if (ContentHashes)
    *ContentHashes = std::move(Fresh.ContentHashes);
  return std::move(Fresh.Errors);
}

} // namespace

LintResult lint(const LintRequest &Request) {
  std::vector<std::vector<tidy::ClangTidyError>> PerFile(Request.Files.size());
  std::vector<llvm::StringMap<uint64_t>> PerFileHashes(Request.Files.size());
  std::vector<ProgramSummaries> PerFileSummaries(
      Request.CollectSummaries ? Request.Files.size() : 0);
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Request.Jobs));
    std::mutex ProgressLock;
    size_t Done = 0;
    for (size_t I = 0; I < Request.Files.size(); ++I)
      Pool.async([&, I] {
        PerFile[I] =
            lintOne(Request, I, Request.CollectFixes ? &PerFileHashes[I] : nullptr,
                    Request.CollectSummaries ? &PerFileSummaries[I] : nullptr);
        if (Request.OnProgress) {
          std::lock_guard<std::mutex> Lock(ProgressLock);
          Request.OnProgress(++Done, Request.Files.size());
        }
      });
    Pool.wait();
  }

  LintResult Result;
  for (ProgramSummaries &Unit : PerFileSummaries)
    Result.Summaries.append(std::move(Unit));
  Result.Summaries.deduplicate();
  for (const llvm::StringMap<uint64_t> &Hashes : PerFileHashes)
    for (const auto &[File, Hash] : Hashes) {
      auto [It, New] = Result.ContentHashes.try_emplace(File, Hash);
      if (!New && It->second != Hash)
        Result.ChangedWhileLinting.insert(File);
    }
  // A header included by several files yields the same finding each time.
  std::map<std::tuple<std::string, unsigned, std::string, std::string>, size_t> Seen;
  for (size_t I = 0; I < PerFile.size(); ++I) {
    std::vector<tidy::ClangTidyError> &Errors = PerFile[I];
    unsigned CompileErrors = llvm::count_if(Errors, isCompileError);
    bool FileHasCompileError = CompileErrors != 0;
    for (tidy::ClangTidyError &Error : Errors) {
      auto Key = std::make_tuple(Error.Message.FilePath, Error.Message.FileOffset,
                                 Error.DiagnosticName, Error.Message.Message);
      auto [It, New] = Seen.try_emplace(Key, Result.Errors.size());
      if (!New) {
        // Complete as soon as one unit that compiled reports it.
        Result.FromUncompiledUnit[It->second] =
            Result.FromUncompiledUnit[It->second] && FileHasCompileError;
        continue;
      }
      if (llvm::StringRef(Error.DiagnosticName).starts_with("clang-tidy-config"))
        ++Result.ConfigErrors;
      else if (!isCompileError(Error) && Error.DiagLevel != tidy::ClangTidyError::Remark)
        ++Result.Findings;
      Result.Errors.push_back(std::move(Error));
      Result.FromUncompiledUnit.push_back(FileHasCompileError);
    }
    if (FileHasCompileError)
      Result.UncompiledFiles.emplace_back(Request.Files[I], CompileErrors);
  }
  return Result;
}

} // namespace corolint
