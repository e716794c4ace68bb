//===--- Main.cpp - the corolint command line ------------------------------===//
//
// corolint [options] [files...] [-- compile flags]
// Exit codes: 0 clean, 1 findings, 2 usage or input error.
//
//===----------------------------------------------------------------------===//

#include "Linter.h"
#include "driver/fast/FastMain.h"

#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#ifndef COROLINT_CLANG_RESOURCE_DIR
#error "the build must define COROLINT_CLANG_RESOURCE_DIR"
#endif

using namespace clang;
namespace cl = llvm::cl;

namespace clang::tidy {
// Keeps the statically linked "async" module's registration.
extern volatile int AsyncModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy

namespace {

enum ExitCode { Clean = 0, Findings = 1, InputError = 2 };

cl::OptionCategory Category("corolint options");

cl::list<std::string> Files(cl::Positional, cl::desc("<file>..."), cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string> ChecksFilter("checks",
                                  cl::desc("Glob of checks to run, as in clang-tidy "
                                           "(default: '-*,async-*', then .clang-tidy)"),
                                  cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Regex of headers whose findings are shown"),
                                  cl::cat(Category));
cl::opt<std::string> Config("config",
                           cl::desc("YAML or JSON configuration over every .clang-tidy, e.g. "
                                    "\"{CheckOptions: {AsyncProfile: asio}}\""),
                           cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its in place"), cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write fixes as YAML for clang-apply-replacements"),
                                 cl::value_desc("file"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units linted at once (default: one per core)"),
                       cl::init(0), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<bool> FastMode("fast",
                       cl::desc("Syntactic subset on tree-sitter: no compile database needed"),
                       cl::cat(Category));

tidy::ClangTidyOptions defaultOptions() {
  tidy::ClangTidyOptions Defaults = tidy::ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,async-*";
  return Defaults;
}

/// The command line's configuration; false after reporting a malformed --config.
bool overrideOptions(tidy::ClangTidyOptions &Overrides) {
  if (!Config.empty()) {
    llvm::ErrorOr<tidy::ClangTidyOptions> Parsed =
        tidy::parseConfiguration(llvm::MemoryBufferRef(Config, "--config"));
    if (!Parsed) {
      llvm::errs() << "corolint: error: invalid --config: " << Parsed.getError().message() << "\n";
      return false;
    }
    Overrides = std::move(*Parsed);
  }
  if (ChecksFilter.getNumOccurrences())
    Overrides.Checks = ChecksFilter;
  if (HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilterRegex = HeaderFilter;
  return true;
}

/// The compile commands for \p Files: from the flags after `--`, from -p, or
/// from the compile_commands.json found upward from the first file.
std::unique_ptr<tooling::CompilationDatabase>
findCompilations(std::unique_ptr<tooling::CompilationDatabase> FromDashDash) {
  std::unique_ptr<tooling::CompilationDatabase> Found = std::move(FromDashDash);
  std::string Error;
  if (!Found && !BuildPath.empty()) {
    // -p names the build directory exactly: no search above it.
    Found = tooling::CompilationDatabase::loadFromDirectory(BuildPath, Error);
    if (!Found) {
      if (!llvm::sys::fs::is_directory(BuildPath))
        Error = "no such directory";
      llvm::errs() << "corolint: error: no usable compile database in '" << BuildPath
                   << "': " << Error << "\n";
      return nullptr;
    }
  }
  if (!Found && !Files.empty())
    Found = tooling::CompilationDatabase::autoDetectFromSource(Files.front(), Error);
  if (!Found) {
    llvm::errs() << "corolint: error: no compile database: pass -p <build-dir> with "
                    "compile_commands.json, compile flags after '--', or use --fast\n";
    return nullptr;
  }
  // Files missing from the database borrow the flags of their nearest neighbour.
  Found = tooling::inferMissingCompileCommands(std::move(Found));
  auto Adjusted = std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(Found));
  // Our binaries do not live in the LLVM prefix, so clang would miss its own headers.
  Adjusted->appendArgumentsAdjuster(
      [](const tooling::CommandLineArguments &Args, llvm::StringRef) {
        for (const std::string &Arg : Args)
          if (llvm::StringRef(Arg).starts_with("-resource-dir"))
            return Args;
        return tooling::getInsertArgumentAdjuster("-resource-dir=" COROLINT_CLANG_RESOURCE_DIR,
                                                  tooling::ArgumentInsertPosition::BEGIN)(
            Args, "");
      });
  // Our reporter prints the findings; the compiler's "N warnings generated." is noise.
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
  return Adjusted;
}

int listChecks() {
  tidy::ClangTidyOptions Overrides;
  if (!overrideOptions(Overrides))
    return InputError;
  tidy::ClangTidyOptions Options = defaultOptions();
  Options.mergeWith(Overrides, 0);
  std::vector<std::string> Names = tidy::getCheckNames(Options, false);
  llvm::outs() << "Enabled checks:";
  for (const std::string &Name : Names)
    llvm::outs() << "\n    " << Name;
  llvm::outs() << "\n\n";
  return Clean;
}

/// Absolute paths of the files; reports each one that does not exist.
bool resolveFiles(std::vector<std::string> &Resolved) {
  bool AllFound = true;
  for (const std::string &File : Files) {
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::fs::exists(Path)) {
      llvm::errs() << "corolint: error: no such file: '" << File << "'\n";
      AllFound = false;
      continue;
    }
    llvm::sys::fs::make_absolute(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Resolved.push_back(std::string(Path));
  }
  return AllFound;
}

int lintWithCompiler(std::unique_ptr<tooling::CompilationDatabase> FromDashDash) {
  std::vector<std::string> Resolved;
  tidy::ClangTidyOptions Overrides;
  if (!resolveFiles(Resolved) || !overrideOptions(Overrides))
    return InputError;
  std::unique_ptr<tooling::CompilationDatabase> Compilations =
      findCompilations(std::move(FromDashDash));
  if (!Compilations)
    return InputError;
  if (Resolved.empty())
    Resolved = Compilations->getAllFiles();
  if (Resolved.empty()) {
    llvm::errs() << "corolint: error: no files to lint\n";
    return InputError;
  }

  corolint::LintRequest Request;
  Request.Compilations = Compilations.get();
  Request.Files = std::move(Resolved);
  Request.Defaults = defaultOptions();
  Request.Overrides = std::move(Overrides);
  Request.Jobs = Jobs;
  Request.CollectFixes = Fix || !ExportFixes.empty();
  corolint::LintResult Result = corolint::lint(Request);

  unsigned WarningsAsErrors = 0;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = llvm::vfs::getRealFileSystem();
  tidy::handleErrors(Result.Errors, *Result.Context, Fix ? tidy::FB_Fix : tidy::FB_NoFix,
                     WarningsAsErrors, FS);

  if (!ExportFixes.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC) {
      llvm::errs() << "corolint: error: cannot write '" << ExportFixes << "': " << EC.message()
                   << "\n";
      return InputError;
    }
    tidy::exportReplacements(Request.Files.front(), Result.Errors, OS);
  }

  if (Result.ConfigErrors) {
    llvm::errs() << "corolint: error: the configuration is invalid (see above)\n";
    return InputError;
  }
  if (Result.CompileErrors) {
    llvm::errs() << "corolint: error: " << Result.CompileErrors
                 << " translation unit(s) did not compile; their findings may be incomplete\n";
    return InputError;
  }
  if (Result.Findings)
    llvm::errs() << Result.Findings << " finding(s).\n";
  return Result.Findings ? Findings : Clean;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  std::string DashDashError;
  std::unique_ptr<tooling::CompilationDatabase> FromDashDash =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, DashDashError);
  if (!DashDashError.empty()) {
    llvm::errs() << "corolint: error: bad compile flags after '--': " << DashDashError << "\n";
    return InputError;
  }
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "corolint: finds the asyncio guides' pitfalls in C++20 "
                                   "coroutine code\n",
                                   &llvm::errs()))
    return InputError;

  if (ListChecks)
    return listChecks();
  if (FastMode)
    return corolint::fast::runFastMode(std::vector<std::string>(Files.begin(), Files.end()),
                                       corolint::fast::defaultOptions(), llvm::outs(),
                                       llvm::errs());
  if (Files.empty() && BuildPath.empty() && !FromDashDash) {
    llvm::errs() << "corolint: error: nothing to lint: give files, -p <build-dir>, or both "
                    "(see --help)\n";
    return InputError;
  }
  return lintWithCompiler(std::move(FromDashDash));
}
