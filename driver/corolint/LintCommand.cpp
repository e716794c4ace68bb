//===--- LintCommand.cpp - `corolint [options] [inputs...]` end to end ----===//

#include "LintCommand.h"
#include "CheckProfile.h"
#include "CompileDatabase.h"
#include "Configuration.h"
#include "Findings.h"
#include "Fixes.h"
#include "Linter.h"
#include "Pipeline.h"
#include "Progress.h"
#include "ResultCache.h"
#include "SummaryFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

namespace corolint {
namespace {

/// Where the upward search for compile_commands.json starts: each input, or
/// the fixed part of a glob.
std::vector<std::string> searchStarts(llvm::ArrayRef<std::string> Inputs) {
  std::vector<std::string> Starts;
  for (const std::string &Input : Inputs) {
    std::string Start = absolutePath(Input);
    if (isGlob(Input))
      Start = llvm::sys::path::parent_path(
                  llvm::StringRef(Start).take_until([](char C) { return llvm::StringRef("*?[").contains(C); }).str() + "x")
                  .str();
    Starts.push_back(Start);
  }
  return Starts;
}

std::string sourceRootFor(const LintSettings &S, const LoadedDatabase &Database,
                          llvm::ArrayRef<std::string> Files) {
  if (!S.SourceRoot.empty())
    return absolutePath(S.SourceRoot);
  std::vector<std::string> Paths = Database.ListedFiles;
  if (!Database.Directory.empty())
    Paths.push_back(Database.Directory);
  if (Paths.empty())
    Paths.assign(Files.begin(), Files.end());
  return commonRoot(Paths);
}

bool exportFixes(const LintSettings &S, const Report &R) {
  if (llvm::Error E = llvm::writeToOutput(S.ExportFixes, [&](llvm::raw_ostream &OS) {
        writeYaml(R, OS);
        return llvm::Error::success();
      })) {
    llvm::errs() << "corolint: error: cannot write '" << S.ExportFixes
                 << "': " << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  return true;
}

/// Runs the checks with a progress bar and, if asked, the check profile.
LintResult lintFiles(const LintSettings &S, const LoadedDatabase &Database,
                     std::vector<std::string> Files) {
  LintRequest Request;
  Request.Compilations = Database.Compilations.get();
  Request.Files = std::move(Files);
  Request.Defaults = S.Defaults;
  Request.Overrides = S.Overrides;
  Request.Jobs = S.Jobs;
  Request.CollectFixes = S.Fix || !S.ExportFixes.empty();
  Request.CollectSummaries = true;
  if (S.CheckProfile) {
    llvm::SmallString<128> Prefix, ProfileDir;
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Prefix);
    llvm::sys::path::append(Prefix, "corolint-profile");
    if (std::error_code EC = llvm::sys::fs::createUniqueDirectory(Prefix, ProfileDir))
      llvm::errs() << "corolint: warning: no check profile: " << EC.message() << "\n";
    else
      Request.ProfileDirectory = ProfileDir.str().str();
  }
  std::optional<ProgressBar> Bar;
  if (S.Progress) {
    Bar.emplace(llvm::errs());
    Request.OnProgress = [&](size_t Done, size_t Total) { Bar->update(Done, Total); };
  }
  std::optional<ResultCache> Cache;
  if (!S.CacheDirectory.empty() && Request.ProfileDirectory.empty()) {
    Cache.emplace(absolutePath(S.CacheDirectory), S.CacheMaxMB << 20, S.ToolIdentity);
    Request.Cache = &*Cache;
  }
  std::optional<PreambleStore> Preambles;
  if (S.Preambles) {
    Preambles.emplace(S.PreambleCacheMB << 20, S.PreambleMinUnits);
    Request.Preambles = &*Preambles;
  }
  LintResult Result = lint(Request);
  Bar.reset();
  if (Preambles && S.Verbose)
    llvm::errs() << "corolint: preambles: " << Preambles->built() << " built, "
                 << Preambles->loaded() << " unit(s) parsed with one, " << Preambles->unusable()
                 << " not clean (parsed whole); " << Preambles->builtFromIncludeBlocks()
                 << " built from include lines apart from their file\n";
  if (Cache) {
    Cache->evict();
    llvm::errs() << "corolint: result cache: " << Cache->hits() << " of "
                 << Cache->hits() + Cache->misses() << " translation unit(s) reused\n";
  }
  if (!Request.ProfileDirectory.empty()) {
    printCheckProfile(readCheckProfiles(Request.ProfileDirectory), Request.Files.size(),
                      llvm::errs());
    llvm::sys::fs::remove_directories(Request.ProfileDirectory);
  }
  return Result;
}

/// Writes the summaries if asked and adds the cross-file findings, unless a
/// shard leaves them to `corolint merge`; false when the file cannot be written.
bool answerAcrossFiles(const LintSettings &S, LintResult &Result, llvm::raw_ostream &Err) {
  // The units' own findings had WarningsAsErrors applied by clang-tidy.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options =
      makeOptionsProvider(S.Defaults, S.Overrides);
  WarningsAsErrors AsErrors(*Options);
  markAsErrors(Result.Summaries, AsErrors);
  bool Ok = true;
  if (!S.SummariesOut.empty())
    if (llvm::Error E = writeSummaryFile(S.SummariesOut, Result.Summaries)) {
      llvm::WithColor::error(Err, "corolint") << "cannot write '" << S.SummariesOut
                                               << "': " << llvm::toString(std::move(E)) << "\n";
      Ok = false;
    }
  if (S.Slice.Count > 1 && !S.SummariesOut.empty())
    return Ok;
  for (clang::tidy::ClangTidyError &Error :
       crossFileDiagnostics(Result.Summaries, S.Verbose ? &Err : nullptr)) {
    Result.Errors.push_back(std::move(Error));
    Result.FromUncompiledUnit.push_back(false);
    ++Result.Findings;
  }
  return Ok;
}

} // namespace

bool writeReport(const LintSettings &S, const Report &R) {
  auto Write = [&](llvm::raw_ostream &OS, bool Color) {
    switch (S.Format) {
    case OutputFormat::Text: writeText(R, OS, Color); break;
    case OutputFormat::Sarif: writeSarif(R, OS); break;
    case OutputFormat::Json: writeJson(R, OS); break;
    case OutputFormat::Github: writeGithub(R, OS); break;
    case OutputFormat::Yaml: writeYaml(R, OS); break;
    case OutputFormat::Html: writeHtml(R, OS); break;
    }
  };
  if (S.OutputFile.empty()) {
    Write(llvm::outs(), S.Color.value_or(llvm::sys::Process::StandardOutHasColors()));
    llvm::outs().flush();
    return true;
  }
  if (llvm::Error E = llvm::writeToOutput(S.OutputFile, [&](llvm::raw_ostream &OS) {
        Write(OS, S.Color.value_or(false));
        return llvm::Error::success();
      })) {
    llvm::WithColor::error(llvm::errs(), "corolint")
        << "cannot write '" << S.OutputFile << "': " << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  return true;
}

int runLint(LintSettings &S) {
  llvm::raw_ostream &Err = llvm::errs();
  std::optional<LoadedDatabase> Database = loadCompilations(
      std::move(S.FromDashDash), S.BuildPath, searchStarts(S.Inputs), S.ResourceDir, Err);
  if (!Database)
    return InputError;

  std::vector<std::string> Files;
  if (S.Inputs.empty())
    Files = Database->ListedFiles;
  else if (!expandInputs(S.Inputs, Database->ListedFiles, Files, Err))
    return InputError;
  std::string Root = sourceRootFor(S, *Database, Files);

  LintResult Result;
  EngineSteps Clang;
  Clang.Lint = [&](const std::vector<std::string> &Files, Report &R, const ConfigProblems &Config) {
    Result = lintFiles(S, *Database, Files);
    bool Written = answerAcrossFiles(S, Result, Err);
    R.Findings = toFindings(Result.Errors, Root, Result.FromUncompiledUnit);
    // A bad option value names the file and line that set it, on stderr
    // whatever the report's format and destination.
    for (Finding &F : R.Findings) {
      if (F.Source != Origin::Config)
        continue;
      if (std::string Site = siteOfOptionMessage(F.Message, Config.OptionSites); !Site.empty())
        F.Message += " (set in " + Site + ")";
      llvm::WithColor::error(Err, "corolint") << F.Message << " [" << F.Check << "]\n";
    }
    return Written;
  };
  Clang.AfterReport = [&](const Report &R) {
    bool Ok = S.ExportFixes.empty() || exportFixes(S, R);
    if (S.Fix) {
      FixOutcome Fixed = applyFixes(
          R.Findings, Root, ReadContents{Result.ContentHashes, Result.ChangedWhileLinting}, Err);
      if (Fixed.FixesApplied)
        Err << "corolint: applied " << Fixed.FixesApplied << " fix(es) in " << Fixed.FilesChanged
            << " file(s)\n";
      Ok &= Fixed.FilesRefused == 0;
    }
    if (Result.ConfigErrors) {
      Err << "corolint: error: the configuration is invalid (see above)\n";
      Ok = false;
    }
    if (!Result.UncompiledFiles.empty()) {
      Err << "corolint: error: " << Result.UncompiledFiles.size()
          << " translation unit(s) did not compile:\n";
      for (const auto &[File, Errors] : Result.UncompiledFiles)
        Err << "  " << File << ": " << Errors << (Errors == 1 ? " error" : " errors")
            << " in this file; findings may be incomplete\n";
      Ok = false;
    }
    return Ok;
  };
  return runPipeline(S, std::move(Files), Root, /*InputsOk=*/true, Clang);
}

} // namespace corolint
