//===--- Configuration.h - .clang-tidy discovery and its validation -------===//
#ifndef COROLINT_DRIVER_COROLINT_CONFIGURATION_H
#define COROLINT_DRIVER_COROLINT_CONFIGURATION_H

#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace corolint {

/// Defaults, then `.clang-tidy` files found upward from each file exactly as
/// clang-tidy finds them, then the command line's overrides. A file that does
/// not parse is skipped silently here: validateConfiguration reports it once.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const clang::tidy::ClangTidyOptions &Defaults,
                    const clang::tidy::ClangTidyOptions &Overrides);

/// `WarningsAsErrors` of each file's configuration, matched as clang-tidy
/// matches it, for findings that do not come through clang-tidy's diagnostic
/// consumer (the fast engine's, and the answers across files).
class WarningsAsErrors {
public:
  explicit WarningsAsErrors(clang::tidy::ClangTidyOptionsProvider &Provider)
      : Provider(Provider) {}
  /// A finding of \p Check in \p File is an error.
  bool contains(llvm::StringRef File, llvm::StringRef Check);

private:
  clang::tidy::ClangTidyOptionsProvider &Provider;
  llvm::StringMap<std::unique_ptr<clang::tidy::CachedGlobList>> Globs; ///< by their text
};

/// What is wrong with the configuration that applies to \p Files.
struct ConfigProblems {
  unsigned Errors = 0;   ///< malformed configuration files (unknown names under --strict-config)
  unsigned Warnings = 0; ///< unknown checks or options in configuration files
  /// Where each check option is set, "'<file>', line N", for the messages
  /// about its value that the checks report later.
  llvm::StringMap<std::string> OptionSites;
};

/// Reports, once each, configuration files that do not parse (errors) and
/// unknown check names or check options in them, with a "did you mean"
/// (warnings: a shared .clang-tidy may name checks of modules corolint does
/// not have; errors when \p Strict).
ConfigProblems validateConfigFiles(const clang::tidy::ClangTidyOptions &Defaults,
                                   const clang::tidy::ClangTidyOptions &Overrides,
                                   llvm::ArrayRef<std::string> Files, llvm::raw_ostream &Err,
                                   bool Strict = false);

/// Where the option a check's "invalid configuration value ... for option
/// 'X'" message names is set, from \p Sites; empty if unknown.
std::string siteOfOptionMessage(llvm::StringRef Message,
                                const llvm::StringMap<std::string> &Sites);

/// Unknown check names or options given on the command line (--checks,
/// --config) are errors: a typo there should stop the run. True if none.
bool validateCommandLineConfig(const clang::tidy::ClangTidyOptions &Overrides,
                               llvm::raw_ostream &Err);

} // namespace corolint

#endif
