//===--- Main.cpp - the corolint command line ------------------------------===//
//
// corolint [options] [inputs...] [-- compile flags]
// corolint merge OUT.sarif IN.sarif...
// corolint init [DIR] [--force]
// Exit codes: 0 clean, 1 findings, 2 usage or input error
// (docs/integration/cli.md).
//
//===----------------------------------------------------------------------===//

#include "Configuration.h"
#include "DocPages.h"
#include "Explain.h"
#include "FastCommand.h"
#include "Init.h"
#include "LintCommand.h"
#include "Merge.h"
#include "Progress.h"
#include "checks/utils/Budget.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <csignal>
#include <mutex>
#include <string_view>

#ifndef COROLINT_CLANG_RESOURCE_DIR
#error "the build must define COROLINT_CLANG_RESOURCE_DIR"
#endif
#ifndef COROLINT_DOCS_URL
#error "the build must define COROLINT_DOCS_URL"
#endif
#ifndef COROLINT_VERSION
#error "the build must define COROLINT_VERSION"
#endif
#ifndef COROLINT_GIT_COMMIT
#define COROLINT_GIT_COMMIT "unknown"
#endif

using namespace clang;
namespace cl = llvm::cl;

namespace clang::tidy {
// Keeps the statically linked "async" module's registration.
extern volatile int AsyncModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy

namespace {

using corolint::ExitCode;

cl::OptionCategory Category("corolint options");
cl::SubCommand MergeCommand("merge", "Join the SARIF logs of shards: merge OUT IN...");
cl::SubCommand InitCommand("init", "Write .clang-tidy and .clangd for a project: init [DIR]");

// --- inputs ---
cl::list<std::string> Inputs(cl::Positional, cl::desc("<file|directory|glob>..."),
                             cl::cat(Category));
// cl::Prefix: `-pbuild` and `-j2` as clang-tidy, make and ninja users type them.
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("build-dir"), cl::Prefix, cl::cat(Category));
cl::list<std::string> Excludes("exclude", cl::desc("Skip files (and findings in files) matching the glob"),
                               cl::value_desc("glob"), cl::cat(Category));
cl::opt<std::string> ShardSpec("shard",
                               cl::desc("Lint only slice I of N of the files (1-based), for CI matrices"),
                               cl::value_desc("I/N"), cl::cat(Category));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root of the source tree: relative paths, fingerprints, "
                                         "and where --fix may write (default: common root of the "
                                         "compile database and its files)"),
                                cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units linted at once (default and 0: one per core)"),
                       cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Category));
// --- configuration ---
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
cl::opt<bool> StrictConfig("strict-config",
                           cl::desc("Unknown checks and options in .clang-tidy files are "
                                    "errors, not warnings"),
                           cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<std::string> Explain("explain", cl::desc("Print the documentation of a check and exit"),
                             cl::value_desc("check"), cl::cat(Category));
// --- output ---
cl::opt<std::string> Format("format",
                            cl::desc("Output format: text, sarif, json, github, yaml, html"),
                            cl::init("text"), cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file instead of stdout"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> NoProgress("no-progress", cl::desc("Never show the progress bar"), cl::cat(Category));
cl::opt<std::string> DocsBaseUrl("docs-base-url",
                                cl::desc("Where the check doc pages are published: SARIF helpUri "
                                         "prefix (default: file:// URI of the docs found beside "
                                         "corolint)"),
                                cl::value_desc("url"), cl::cat(Category));
cl::opt<bool> CheckProfile("enable-check-profile",
                           cl::desc("Print the time each check took, summed over the run"),
                           cl::cat(Category));
// --- fixes and baselines ---
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its in place (atomically, per file)"),
                  cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write fixes as YAML for clang-apply-replacements"),
                                 cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> Baseline("baseline", cl::desc("Report only findings not in this baseline"),
                              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline("write-baseline",
                                   cl::desc("Record every finding of this run as the baseline"),
                                   cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Say where an analysis ran out of its work budget (and so left a "
                               "function's findings out)"),
                      cl::cat(Category));
cl::opt<std::string> CacheDirectory("cache",
                                    cl::desc("Keep each translation unit's findings in this "
                                             "directory and reuse them while none of its files, "
                                             "flags or configuration change (default: "
                                             "$COROLINT_CACHE)"),
                                    cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> CacheSizeMB("cache-size-mb",
                              cl::desc("Size cap of the --cache directory; the least recently "
                                       "used entries are deleted above it (default 512)"),
                              cl::value_desc("MiB"), cl::init(512), cl::cat(Category));
cl::opt<bool> Preamble("preamble",
                       cl::desc("Parse the leading #include lines that several files share "
                                "once, into a precompiled preamble they all load (default on; "
                                "--preamble=false parses every file whole)"),
                       cl::init(true), cl::cat(Category));
cl::opt<unsigned> PreambleCacheMB("preamble-cache-mb",
                                  cl::desc("Memory cap of the shared preambles; the least "
                                           "recently used are dropped above it (default 1024)"),
                                  cl::value_desc("MiB"), cl::init(1024), cl::cat(Category));
cl::opt<unsigned> PreambleMinUnits(
    "preamble-min-units",
    cl::desc("Build a preamble when this many files share it (default 2; 1: for every file)"),
    cl::init(2), cl::Hidden, cl::cat(Category));
cl::opt<std::string> SummariesOut(
    "summaries-out",
    cl::desc("Write the run's whole-program summaries here; with --shard, `corolint merge` "
             "answers them across the shards (docs/integration/whole-program.md)"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string> HelpersFrom(
    "helpers-from",
    cl::desc("With --fast: also read the C/C++ files under this directory, without linting "
             "them, for the helpers that findings across files need (the pre-commit hook)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> FastMode("fast",
                       cl::desc("Syntactic subset on tree-sitter: no compile database needed"),
                       cl::cat(Category));
// --- subcommands ---
cl::list<std::string> MergeFiles(cl::Positional, cl::desc("<out.sarif> <in.sarif>..."),
                                 cl::OneOrMore, cl::sub(MergeCommand));
cl::opt<std::string> MergeSummariesOut("summaries-out",
                                      cl::desc("Write the shards' summaries, merged, here"),
                                      cl::value_desc("file"), cl::sub(MergeCommand));
cl::opt<bool> MergeVerbose("verbose", cl::desc("Say what the whole-program step found"),
                           cl::sub(MergeCommand));
cl::opt<std::string> InitDirectory(cl::Positional, cl::desc("[directory]"), cl::init("."),
                                   cl::sub(InitCommand));
cl::opt<bool> InitForce("force", cl::desc("Overwrite existing files"), cl::sub(InitCommand));

tidy::ClangTidyOptions defaultOptions() {
  tidy::ClangTidyOptions Defaults = tidy::ClangTidyOptions::getDefaults();
  // async-no-await is opt-in: see docs/checks/no-await.md, "Default set".
  Defaults.Checks = "-*,async-*,-async-no-await";
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
  return corolint::validateCommandLineConfig(Overrides, llvm::errs());
}

int listChecks() {
  tidy::ClangTidyOptions Overrides;
  if (!overrideOptions(Overrides))
    return corolint::InputError;
  tidy::ClangTidyOptions Options = defaultOptions();
  Options.mergeWith(Overrides, 0);
  std::vector<std::string> Names = tidy::getCheckNames(Options, false);
  llvm::outs() << "Enabled checks:";
  for (const std::string &Name : Names)
    llvm::outs() << "\n    " << Name;
  llvm::outs() << "\n\n";
  return corolint::Clean;
}

/// LLVM's own --color (WithColor registers it): the report follows it too.
cl::opt<cl::boolOrDefault> *llvmColorOption() {
  cl::Option *Found = cl::getRegisteredOptions().lookup("color");
  return static_cast<cl::opt<cl::boolOrDefault> *>(Found);
}

std::optional<bool> colorOption() {
  cl::opt<cl::boolOrDefault> *Option = llvmColorOption();
  if (!Option || Option->getValue() == cl::BOU_UNSET)
    return std::nullopt;
  return Option->getValue() == cl::BOU_TRUE;
}

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return corolint::InputError;
}

/// corolint's own version and commit first: LLVM's is what it was built against.
void printVersion(llvm::raw_ostream &OS) {
  OS << "corolint version " << COROLINT_VERSION << " (commit " << COROLINT_GIT_COMMIT << ")\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
}

/// --verbose: an analysis gave up on a function (checks/utils/Budget.h).
void tellBudgetSpent(std::string_view Analysis, std::string_view Function,
                     std::string_view Where) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::errs() << "corolint: note: ";
  if (!Where.empty())
    llvm::errs() << Where << ": ";
  llvm::errs() << Analysis << " gave up on "
               << (Function.empty() ? std::string("a lambda") : "'" + std::string(Function) + "'")
               << ": its work budget is spent; findings there are left out\n";
}

/// This build of corolint: its version, commit, and the binary's size and
/// time, so a rebuilt checker never reuses another build's cached findings.
std::string toolIdentity(const char *Argv0) {
  std::string Identity = std::string(COROLINT_VERSION) + " " + COROLINT_GIT_COMMIT;
  std::string Binary = llvm::sys::fs::getMainExecutable(Argv0, (void *)&toolIdentity);
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Binary, Status))
    Identity += " " + std::to_string(Status.getSize()) + " " +
                std::to_string(Status.getLastModificationTime().time_since_epoch().count());
  return Identity;
}

int lint(std::unique_ptr<tooling::CompilationDatabase> FromDashDash, bool Fast,
         const char *Argv0) {
  corolint::LintSettings S;
  S.Verbose = Verbose;
  if (Verbose)
    corolint::budgetListener().store(tellBudgetSpent);
  std::optional<corolint::OutputFormat> Parsed = corolint::parseOutputFormat(Format);
  if (!Parsed)
    return usageError("unknown --format '" + Format +
                      "'; expected text, sarif, json, github, yaml or html");
  S.Format = *Parsed;
  if (ShardSpec.getNumOccurrences()) {
    std::string Error;
    std::optional<corolint::Shard> Slice = corolint::parseShard(ShardSpec, Error);
    if (!Slice)
      return usageError(Error);
    S.Slice = *Slice;
  }
  if (!Baseline.empty() && !WriteBaseline.empty())
    return usageError("--baseline and --write-baseline exclude each other");
  if (!overrideOptions(S.Overrides))
    return corolint::InputError;
  S.Inputs.assign(Inputs.begin(), Inputs.end());
  S.BuildPath = BuildPath;
  S.FromDashDash = std::move(FromDashDash);
  S.ResourceDir = COROLINT_CLANG_RESOURCE_DIR;
  S.Defaults = defaultOptions();
  S.Jobs = Jobs;
  // Written after linting, when clang's tools may have changed directories.
  auto Absolute = [](const std::string &Path) {
    return Path.empty() || Path == "-" ? Path : corolint::absolutePath(Path);
  };
  S.OutputFile = Absolute(OutputFile);
  S.Color = colorOption();
  S.Fix = Fix;
  S.ExportFixes = Absolute(ExportFixes);
  S.Baseline = Absolute(Baseline);
  S.WriteBaseline = Absolute(WriteBaseline);
  S.Excludes.assign(Excludes.begin(), Excludes.end());
  S.SourceRoot = SourceRoot;
  S.Progress = !NoProgress && corolint::progressWanted();
  S.CheckProfile = CheckProfile;
  S.DocsDirectory = corolint::findDocsDirectory(Argv0);
  S.DocsBaseUrl = corolint::docsBaseUrl(
      DocsBaseUrl.getNumOccurrences() ? llvm::StringRef(DocsBaseUrl) : COROLINT_DOCS_URL,
      S.DocsDirectory);
  S.StrictConfig = StrictConfig;
  S.CacheDirectory = CacheDirectory.getNumOccurrences()
                         ? std::string(CacheDirectory)
                         : llvm::sys::Process::GetEnv("COROLINT_CACHE").value_or("");
  S.CacheMaxMB = CacheSizeMB;
  S.ToolIdentity = toolIdentity(Argv0);
  S.Preambles = Preamble;
  S.PreambleCacheMB = PreambleCacheMB;
  S.PreambleMinUnits = std::max(1u, unsigned(PreambleMinUnits));
  S.SummariesOut = Absolute(SummariesOut);
  S.HelpersFrom.assign(HelpersFrom.begin(), HelpersFrom.end());
  return Fast ? corolint::runFastLint(S) : corolint::runLint(S);
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  corolint::startupDirectory(); // before clang's tools change directories
  std::string DashDashError;
  std::unique_ptr<tooling::CompilationDatabase> FromDashDash =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, DashDashError);
  if (!DashDashError.empty())
    return usageError("bad compile flags after '--': " + DashDashError);
  if (cl::opt<cl::boolOrDefault> *ColorOption = llvmColorOption())
    ColorOption->addCategory(Category);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "corolint: finds the asyncio guides' pitfalls in C++20 "
                                   "coroutine code\n",
                                   &llvm::errs()))
    return corolint::InputError;

  if (MergeCommand) {
    if (MergeFiles.size() < 2)
      return usageError("merge needs an output and at least one input: merge OUT IN...");
    corolint::MergeSettings Merge;
    Merge.Output = MergeFiles.front();
    Merge.Inputs.assign(MergeFiles.begin() + 1, MergeFiles.end());
    Merge.SummariesOut = MergeSummariesOut;
    Merge.DocsDirectory = corolint::findDocsDirectory(argv[0]);
    Merge.DocsBaseUrl = corolint::docsBaseUrl(
        DocsBaseUrl.getNumOccurrences() ? llvm::StringRef(DocsBaseUrl) : COROLINT_DOCS_URL,
        Merge.DocsDirectory);
    Merge.Verbose = MergeVerbose;
    return corolint::runMerge(Merge);
  }
  if (InitCommand)
    return corolint::runInit(InitDirectory, InitForce, llvm::outs(), llvm::errs());
  if (Explain.getNumOccurrences()) {
    // A closed pipe is a write error to report (exit 2), not LLVM's SIGPIPE exit 74.
    std::signal(SIGPIPE, SIG_IGN);
    return corolint::runExplain(Explain, argv[0], llvm::outs(), llvm::errs());
  }
  if (ListChecks)
    return listChecks();
  if (!FastMode && HelpersFrom.getNumOccurrences())
    return usageError("--helpers-from needs --fast: the full engine reads the compile "
                      "database's files (docs/integration/whole-program.md)");
  if (FastMode)
    return lint(nullptr, /*Fast=*/true, argv[0]);
  if (Inputs.empty() && BuildPath.empty() && !FromDashDash)
    return usageError("nothing to lint: give files, -p <build-dir>, or both (see --help)");
  return lint(std::move(FromDashDash), /*Fast=*/false, argv[0]);
}
