//===--- Configuration.cpp - .clang-tidy discovery and its validation -----===//

#include "Configuration.h"
#include "CheckCatalog.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
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

/// The 1-based line of \p Text where \p Word first appears as a whole word; 0 if nowhere.
unsigned lineOf(llvm::StringRef Text, llvm::StringRef Word) {
  auto IsWordChar = [](char C) { return llvm::isAlnum(C) || C == '-' || C == '_' || C == '.'; };
  for (size_t At = Text.find(Word); At != llvm::StringRef::npos; At = Text.find(Word, At + 1)) {
    bool Starts = At == 0 || !IsWordChar(Text[At - 1]);
    bool Ends = At + Word.size() == Text.size() || !IsWordChar(Text[At + Word.size()]);
    if (Starts && Ends)
      return 1 + Text.take_front(At).count('\n');
  }
  return 0;
}

/// "'<file>', line N" for a configuration file, "'<file>'" if \p Word is not found in it.
class SourceText {
public:
  explicit SourceText(llvm::StringRef Source) : Source(Source) {
    if (auto Read = llvm::MemoryBuffer::getFile(Source))
      Text = (*Read)->getBuffer().str();
  }
  std::string site(llvm::StringRef Word) const {
    std::string Site = "'" + Source + "'";
    if (unsigned Line = lineOf(Text, Word))
      Site += ", line " + std::to_string(Line);
    return Site;
  }

private:
  std::string Source, Text;
};

/// A check pattern or option key that names corolint's own: `async-*`,
/// `-async-no-await`, `async-blocking-call.HelperDepth`, `AsyncProfile`. A
/// project's .clang-tidy also configures clang-tidy's other modules
/// (`bugprone-*`, `modernize-use-auto.MinTypeNameLength`): not ours to judge.
bool namesOurs(llvm::StringRef Word) {
  Word = Word.trim().ltrim('-');
  return Word.starts_with_insensitive("async") || Word == "*";
}

/// Unknown checks and options of one source; returns how many were reported.
/// \p OnlyOurs: a configuration file, where other tools' names are left alone.
unsigned reportUnknown(const clang::tidy::ClangTidyOptions &Options,
                       llvm::function_ref<std::string(llvm::StringRef)> Site, bool AsError,
                       bool OnlyOurs, llvm::raw_ostream &Err) {
  unsigned Reported = 0;
  auto Report = [&]() -> llvm::raw_ostream & {
    ++Reported;
    return AsError ? llvm::WithColor::error(Err, "corolint")
                   : llvm::WithColor::warning(Err, "corolint");
  };
  auto Suggest = [](std::optional<std::string> Close) {
    return Close ? "; did you mean '" + *Close + "'?" : std::string();
  };
  if (Options.Checks)
    for (const std::string &Pattern : unknownCheckPatterns(*Options.Checks))
      if (!OnlyOurs || namesOurs(Pattern))
        Report() << "unknown check '" << Pattern << "' in " << Site(Pattern)
               << " (matches no check; see --list-checks)" << Suggest(closestCheckName(Pattern))
               << "\n";
  for (const std::string &Key : unknownOptionKeys(optionKeys(Options)))
    if (!OnlyOurs || namesOurs(Key))
      Report() << "unknown check option '" << Key << "' in " << Site(Key)
             << Suggest(closestOptionKey(Key)) << "\n";
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
                                   llvm::ArrayRef<std::string> Files, llvm::raw_ostream &Err,
                                   bool Strict) {
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
      SourceText Text(Source);
      // The nearest file comes last and wins, as it does for the checks.
      for (const std::string &Key : optionKeys(Options))
        Problems.OptionSites[Key] = Text.site(Key);
      unsigned Unknown = reportUnknown(
          Options, [&](llvm::StringRef Word) { return Text.site(Word); }, Strict,
          /*OnlyOurs=*/true, Err);
      (Strict ? Problems.Errors : Problems.Warnings) += Unknown;
    }
  return Problems;
}

bool validateCommandLineConfig(const clang::tidy::ClangTidyOptions &Overrides,
                               llvm::raw_ostream &Err) {
  return reportUnknown(
             Overrides,
             [](llvm::StringRef) { return std::string("the command line (--checks/--config)"); },
             /*AsError=*/true, /*OnlyOurs=*/false, Err) == 0;
}

std::string siteOfOptionMessage(llvm::StringRef Message,
                                const llvm::StringMap<std::string> &Sites) {
  auto [Before, After] = Message.split("for option '");
  if (After.empty())
    return "";
  llvm::StringRef Key = After.take_until([](char C) { return C == '\''; });
  auto It = Sites.find(Key);
  if (It == Sites.end()) // a global key ("AsyncProfile") read through a check's name
    It = Sites.find(Key.rsplit('.').second);
  return It == Sites.end() ? "" : It->second;
}

bool WarningsAsErrors::contains(llvm::StringRef File, llvm::StringRef Check) {
  std::optional<std::string> Written = Provider.getOptions(File).WarningsAsErrors;
  if (!Written || Written->empty())
    return false;
  std::unique_ptr<clang::tidy::CachedGlobList> &Glob = Globs[*Written];
  if (!Glob)
    Glob = std::make_unique<clang::tidy::CachedGlobList>(*Written);
  return Glob->contains(Check);
}

} // namespace corolint
