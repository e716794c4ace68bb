//===--- Linter.cpp - run the async-* checks over translation units -------===//

#include "Linter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <mutex>
#include <set>
#include <tuple>

using namespace clang;

namespace corolint {

std::unique_ptr<tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const tidy::ClangTidyOptions &Defaults,
                    const tidy::ClangTidyOptions &Overrides) {
  return std::make_unique<tidy::FileOptionsProvider>(tidy::ClangTidyGlobalOptions(), Defaults,
                                                     Overrides);
}

namespace {

bool isCompileError(const tidy::ClangTidyError &Error) {
  return Error.DiagnosticName == "clang-diagnostic-error" ||
         Error.DiagLevel == tidy::ClangTidyError::Error &&
             llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

/// One translation unit, on its own context: ClangTidyContext is not thread-safe.
std::vector<tidy::ClangTidyError> lintOne(const LintRequest &Request, const std::string &File) {
  tidy::ClangTidyContext Context(makeOptionsProvider(Request.Defaults, Request.Overrides));
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  return tidy::runClangTidy(Context, *Request.Compilations, {File}, FS, Request.CollectFixes);
}

} // namespace

LintResult lint(const LintRequest &Request) {
  std::vector<std::vector<tidy::ClangTidyError>> PerFile(Request.Files.size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Request.Jobs));
    for (size_t I = 0; I < Request.Files.size(); ++I)
      Pool.async([&, I] { PerFile[I] = lintOne(Request, Request.Files[I]); });
    Pool.wait();
  }

  LintResult Result;
  Result.Context = std::make_unique<tidy::ClangTidyContext>(
      makeOptionsProvider(Request.Defaults, Request.Overrides));
  // A header included by several files yields the same finding each time.
  std::set<std::tuple<std::string, unsigned, std::string, std::string>> Seen;
  for (std::vector<tidy::ClangTidyError> &Errors : PerFile) {
    bool FileHasCompileError = false;
    for (tidy::ClangTidyError &Error : Errors) {
      auto Key = std::make_tuple(Error.Message.FilePath, Error.Message.FileOffset,
                                 Error.DiagnosticName, Error.Message.Message);
      if (!Seen.insert(Key).second)
        continue;
      if (llvm::StringRef(Error.DiagnosticName).starts_with("clang-tidy-config"))
        ++Result.ConfigErrors;
      else if (isCompileError(Error))
        FileHasCompileError = true;
      else if (Error.DiagLevel != tidy::ClangTidyError::Remark)
        ++Result.Findings;
      Result.Errors.push_back(std::move(Error));
    }
    Result.CompileErrors += FileHasCompileError;
  }
  return Result;
}

} // namespace corolint
