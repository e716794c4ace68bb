//===--- Configuration.cpp - .clang-tidy discovery and its validation -----===//

#include "Configuration.h"
#include "CheckCatalog.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

namespace corolint {
namespace {

/// FileOptionsProvider's (protected) ConfigFileHandlers type.
using ConfigFileHandlers = std::vector<std::pair<
    std::string,
    std::function<llvm::ErrorOr<clang::tidy::ClangTidyOptions>(llvm::MemoryBufferRef)>>>;

/// FileOptionsProvider with custom handlers, which LLVM 19 constructs without
/// a file system (getRawOptions would then crash): we give it the real one.
class HandlerOptionsProvider : public clang::tidy::FileOptionsProvider {
public:
  HandlerOptionsProvider(const clang::tidy::ClangTidyOptions &Defaults,
                         const clang::tidy::ClangTidyOptions &Overrides,
                         ConfigFileHandlers Handlers)
      : FileOptionsProvider(clang::tidy::ClangTidyGlobalOptions(), Defaults, Overrides,
                            std::move(Handlers)) {
    FS = llvm::vfs::getRealFileSystem();
  }
};

/// An error_code of 0 makes FileOptionsProvider skip the file without
/// printing; the parse errors are ours to report, once.
llvm::ErrorOr<clang::tidy::ClangTidyOptions> parseQuietly(llvm::MemoryBufferRef Config) {
  llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
      clang::tidy::parseConfigurationWithDiags(Config, [](const llvm::SMDiagnostic &) {});
  if (!Parsed)
    return std::error_code();
  return Parsed;
}

std::vector<std::string> optionKeys(const clang::tidy::ClangTidyOptions &Options) {
  std::vector<std::string> Keys;
  for (const auto &Entry : Options.CheckOptions)
    Keys.push_back(Entry.getKey().str());
  llvm::sort(Keys); // StringMap order is not stable across builds
  return Keys;
}

/// Unknown checks and options of one source; returns how many were reported.
unsigned reportUnknown(const clang::tidy::ClangTidyOptions &Options, llvm::StringRef Source,
                       bool AsError, llvm::raw_ostream &Err) {
  unsigned Reported = 0;
  auto Report = [&]() -> llvm::raw_ostream & {
    ++Reported;
    return AsError ? llvm::WithColor::error(Err, "corolint")
                   : llvm::WithColor::warning(Err, "corolint");
  };
  if (Options.Checks)
    for (const std::string &Pattern : unknownCheckPatterns(*Options.Checks))
      Report() << "unknown check '" << Pattern << "' in " << Source
               << " (matches no check; see --list-checks)\n";
  for (const std::string &Key : unknownOptionKeys(optionKeys(Options)))
    Report() << "unknown check option '" << Key << "' in " << Source << "\n";
  return Reported;
}

} // namespace

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const clang::tidy::ClangTidyOptions &Defaults,
                    const clang::tidy::ClangTidyOptions &Overrides) {
  ConfigFileHandlers Handlers;
  Handlers.emplace_back(".clang-tidy", parseQuietly);
  return std::make_unique<HandlerOptionsProvider>(Defaults, Overrides, std::move(Handlers));
}

ConfigProblems validateConfigFiles(const clang::tidy::ClangTidyOptions &Defaults,
                                   const clang::tidy::ClangTidyOptions &Overrides,
                                   llvm::ArrayRef<std::string> Files, llvm::raw_ostream &Err) {
  ConfigProblems Problems;
  llvm::StringSet<> Seen;
  // A handler that reports what clang-tidy's parser says, once per file.
  ConfigFileHandlers Handlers;
  Handlers.emplace_back(".clang-tidy", [&](llvm::MemoryBufferRef Config)
                                           -> llvm::ErrorOr<clang::tidy::ClangTidyOptions> {
    bool First = Seen.insert(Config.getBufferIdentifier()).second;
    llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
        clang::tidy::parseConfigurationWithDiags(Config, [&](const llvm::SMDiagnostic &D) {
          if (First)
            D.print("corolint", Err);
        });
    if (!Parsed) {
      if (First) {
        ++Problems.Errors;
        llvm::WithColor::error(Err, "corolint")
            << "invalid configuration file '" << Config.getBufferIdentifier() << "'\n";
      }
      return std::error_code();
    }
    return Parsed;
  });
  HandlerOptionsProvider Provider(Defaults, Overrides, std::move(Handlers));
  llvm::StringSet<> Checked;
  for (const std::string &File : Files)
    for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
      if (Source == clang::tidy::ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
          Source == clang::tidy::ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption ||
          !Checked.insert(Source).second)
        continue;
      Problems.Warnings += reportUnknown(Options, "'" + Source + "'", /*AsError=*/false, Err);
    }
  return Problems;
}

bool validateCommandLineConfig(const clang::tidy::ClangTidyOptions &Overrides,
                               llvm::raw_ostream &Err) {
  return reportUnknown(Overrides, "the command line (--checks/--config)", /*AsError=*/true,
                       Err) == 0;
}

} // namespace corolint
