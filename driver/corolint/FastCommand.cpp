//===--- FastCommand.cpp - `corolint --fast [options] inputs...` ----------===//

#include "FastCommand.h"
#include "Pipeline.h"
#include "Configuration.h"
#include "Findings.h"
#include "Fingerprint.h"
#include "Gitignore.h"
#include "Inputs.h"
#include "FastWholeProgram.h"
#include "driver/fast/FastEngine.h"

#include "clang-tidy/GlobList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/Threading.h"

#include <map>
#include <set>
#include <memory>
#include <mutex>

namespace corolint {
namespace {

/// Files, directories (walked, .gitignore applied) and nothing else.
bool expandFastInputs(llvm::ArrayRef<std::string> Inputs, std::vector<std::string> &Files,
                      llvm::raw_ostream &Err) {
  bool Ok = true;
  for (const std::string &Input : Inputs) {
    std::string Path = absolutePath(Input);
    if (llvm::sys::fs::is_directory(Path)) {
      std::vector<std::string> Found = sourcesUnder(Path, Err);
      if (Found.empty())
        Err << "corolint: warning: no C or C++ sources under '" << Input << "'\n";
      Files.insert(Files.end(), Found.begin(), Found.end());
    } else if (llvm::sys::fs::exists(Path)) {
      Files.push_back(Path);
    } else {
      Err << "corolint: error: cannot read '" << Input << "': No such file or directory\n";
      Ok = false;
    }
  }
  return Ok;
}

/// One Engine per distinct configuration: a repository usually has one.
class EngineCache {
public:
  EngineCache(const clang::tidy::ClangTidyOptions &Defaults,
              const clang::tidy::ClangTidyOptions &Overrides)
      : Provider(makeOptionsProvider(Defaults, Overrides)) {}

  /// The engine for \p File; nullptr (with \p Problems) for an invalid configuration.
  const fast::Engine *engineFor(const std::string &File, std::vector<std::string> &Problems) {
    // The provider caches each directory's options in a map it does not lock.
    std::unique_lock<std::mutex> Lock(Mutex);
    clang::tidy::ClangTidyOptions Options = Provider->getOptions(File);
    std::string Key = Options.Checks.value_or("");
    fast::Options Fast;
    Fast.CollectSummaries = true; // whole-program answers (CrossFile may turn them off)
    for (const auto &Entry : Options.CheckOptions) {
      Fast.CheckOptions.emplace(Entry.getKey().str(), Entry.getValue().Value);
    }
    for (const auto &[Name, Value] : Fast.CheckOptions)
      Key += "\n" + Name + "=" + Value;
    auto Found = Engines.find(Key);
    if (Found != Engines.end()) {
      if (!Found->second)
        Problems = InvalidConfigurations[Key];
      return Found->second.get();
    }
    auto Checks = std::make_shared<clang::tidy::CachedGlobList>(Options.Checks.value_or(""));
    Fast.IsEnabled = [Checks](std::string_view Name) {
      return Checks->contains(llvm::StringRef(Name.data(), Name.size()));
    };
    Problems = fast::validate(Fast);
    if (!Problems.empty()) {
      InvalidConfigurations[Key] = Problems;
      Engines[Key] = nullptr;
      return nullptr;
    }
    return (Engines[Key] = std::make_unique<fast::Engine>(Fast)).get();
  }

private:
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  std::mutex Mutex;
  std::map<std::string, std::unique_ptr<fast::Engine>> Engines;
  std::map<std::string, std::vector<std::string>> InvalidConfigurations;
};

/// As git and grep decide it: a NUL byte in the first 8000 bytes.
bool looksBinary(llvm::StringRef Text) { return Text.take_front(8000).contains('\0'); }

/// The file's findings in the CLI's model, and one note for its parse problems.
void toFindings(const std::string &File, const FileOutcome &Outcome,
                std::vector<Finding> &Findings) {
  llvm::StringRef Text = Outcome.Buffer->getBuffer();
  const std::vector<fast::ParseProblem> &Problems = Outcome.Result.ParseProblems;
  if (!Problems.empty()) {
    Finding Note;
    Note.Check = FastParseCheck;
    Note.Source = Origin::Compiler;
    Note.Severity = Level::Note;
    Note.Where = position(File, Problems.front().Where);
    Note.LineText = lineAt(Text, Problems.front().Where.Offset).str();
    Note.Message = "tree-sitter could not parse " +
                   (Problems.size() == 1 ? std::string("1 place")
                                         : std::to_string(Problems.size()) + " places") +
                   " of this file (first: " + Problems.front().What +
                   "); the fast engine analysed the rest, findings there may be missing";
    Findings.push_back(std::move(Note));
  }
  for (const fast::Finding &Found : Outcome.Result.Findings) {
    Finding F;
    F.Check = Found.CheckName;
    F.Message = Found.Message;
    F.Where = position(File, Found.Where);
    F.LineText = lineAt(Text, Found.Where.Offset).str();
    for (const fast::FindingNote &Note : Found.Notes)
      F.Notes.push_back({Note.Message, position(File, Note.Where), {}});
    Findings.push_back(std::move(F));
  }
}

/// Lints \p Inputs with one engine per configuration, \p S.Jobs at once,
/// into \p R; false when a file could not be read or its configuration is
/// invalid. \p Helpers (--helpers-from) are read only for the findings
/// across files: they are not linted, and what cannot be read is skipped.
bool lintWithTreeSitter(const LintSettings &S, const std::vector<std::string> &Inputs,
                        const std::vector<std::string> &Helpers, const std::string &Root,
                        Report &R) {
  llvm::raw_ostream &Err = llvm::errs();
  EngineCache Engines(S.Defaults, S.Overrides);
  std::vector<std::string> Files = Inputs;
  std::set<llvm::StringRef> Linted(Inputs.begin(), Inputs.end());
  for (const std::string &Helper : Helpers)
    if (!Linted.count(Helper))
      Files.push_back(Helper);
  std::vector<FileOutcome> Outcomes(Files.size());
  auto ReadOne = [&](size_t Index) {
    FileOutcome &Outcome = Outcomes[Index];
    auto Buffer = llvm::MemoryBuffer::getFile(Files[Index], /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Outcome.ReadError = Buffer.getError().message();
      return;
    }
    Outcome.Buffer = std::move(*Buffer);
    if (looksBinary(Outcome.Buffer->getBuffer())) {
      Outcome.Binary = true;
      Outcome.Buffer.reset();
      return;
    }
    const fast::Engine *Engine = Engines.engineFor(Files[Index], Outcome.ConfigProblems);
    if (!Engine)
      return;
    Outcome.Engine = Engine;
    llvm::StringRef Text = Outcome.Buffer->getBuffer();
    if (Index < Inputs.size())
      Outcome.Result = Engine->lint(std::string_view(Text.data(), Text.size()), Files[Index]);
  };
  unsigned Jobs = S.Jobs ? S.Jobs : llvm::hardware_concurrency().compute_thread_count();
  forEachIndex(Jobs, Files.size(), ReadOne);
  summarizeTheRest(S, Jobs, Files, Outcomes);

  bool Ok = true;
  std::set<std::string> ReportedProblems;
  for (size_t I = 0; I < Inputs.size(); ++I) {
    const FileOutcome &Outcome = Outcomes[I];
    if (!Outcome.ReadError.empty()) {
      Err << "corolint: error: cannot read '" << Files[I] << "': " << Outcome.ReadError << "\n";
      Ok = false;
      continue;
    }
    if (Outcome.Binary) {
      llvm::WithColor::warning(Err, "corolint")
          << "skipped '" << Files[I] << "': binary file (it has NUL bytes), not C++ source\n";
      continue;
    }
    for (const std::string &Problem : Outcome.ConfigProblems) {
      if (ReportedProblems.insert(Problem).second)
        Err << "corolint: error: " << Problem << "\n";
      Ok = false;
    }
    if (Outcome.Buffer)
      toFindings(Files[I], Outcome, R.Findings);
    if (S.Verbose)
      for (const std::string &Analysis : Outcome.Result.GaveUp)
        Err << "corolint: note: " << Files[I] << ": " << Analysis
            << " gave up on this file: its work budget is spent; findings there are left out\n";
  }
  Ok &= answerAcrossFiles(S, Files, Outcomes, R.Findings);
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options =
      makeOptionsProvider(S.Defaults, S.Overrides);
  WarningsAsErrors AsErrors(*Options);
  for (Finding &F : R.Findings)
    if (F.Source == Origin::Check && AsErrors.contains(F.Where.File, F.Check))
      F.Severity = Level::Error;
  orderFindings(R.Findings); // the answers across files come after the files' own
  assignFingerprints(R.Findings, Root);
  return Ok;
}

} // namespace

int runFastLint(LintSettings &S) {
  llvm::raw_ostream &Err = llvm::errs();
  if (S.Inputs.empty()) {
    Err << "corolint: error: --fast needs files or directories to lint\n";
    return InputError;
  }
  if (S.Fix || !S.ExportFixes.empty()) {
    Err << "corolint: error: --fast has no fix-its; run without --fast to apply them\n";
    return InputError;
  }
  std::vector<std::string> Files, Helpers;
  bool InputsOk = expandFastInputs(S.Inputs, Files, Err);
  for (const std::string &Directory : S.HelpersFrom) {
    if (!llvm::sys::fs::is_directory(Directory)) {
      Err << "corolint: error: --helpers-from '" << Directory << "' is not a directory\n";
      return InputError;
    }
    std::vector<std::string> Found = sourcesUnder(absolutePath(Directory), Err);
    Helpers.insert(Helpers.end(), Found.begin(), Found.end());
  }
  std::string Root = S.SourceRoot.empty() ? commonRoot(Files) : absolutePath(S.SourceRoot);

  EngineSteps TreeSitter;
  TreeSitter.Lint = [&](const std::vector<std::string> &Files, Report &R, const ConfigProblems &) {
    return lintWithTreeSitter(S, Files, Helpers, Root, R);
  };
  return runPipeline(S, std::move(Files), Root, InputsOk, TreeSitter);
}

} // namespace corolint
