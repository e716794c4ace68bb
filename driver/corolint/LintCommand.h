//===--- LintCommand.h - `corolint [options] [inputs...]` end to end ------===//
//
// Inputs -> compile database -> translation units -> checks -> findings ->
// baseline -> report, fixes, exit code. Main.cpp only parses the command line.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_LINTCOMMAND_H
#define COROLINT_DRIVER_COROLINT_LINTCOMMAND_H

#include "Inputs.h"
#include "formats/Formats.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// Seconds since construction, for the summary line.
class Stopwatch {
public:
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  }

private:
  std::chrono::steady_clock::time_point Start = std::chrono::steady_clock::now();
};

enum ExitCode { Clean = 0, FindingsReported = 1, InputError = 2 };

struct LintSettings {
  std::vector<std::string> Inputs; ///< files, directories, globs
  std::string BuildPath;           ///< -p
  std::unique_ptr<clang::tooling::CompilationDatabase> FromDashDash;
  std::string ResourceDir;
  clang::tidy::ClangTidyOptions Defaults, Overrides;
  unsigned Jobs = 0;
  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;   ///< empty: stdout
  std::optional<bool> Color; ///< unset: when stdout is a colour terminal
  bool Fix = false;
  std::string ExportFixes;
  std::string Baseline, WriteBaseline;
  Shard Slice;
  std::vector<std::string> Excludes;
  std::string SourceRoot; ///< empty: derived from the database or the files
  bool Progress = false;
  bool CheckProfile = false;
  std::string DocsBaseUrl; ///< SARIF helpUri prefix, ending in '/'; empty: no links
  std::optional<std::string> DocsDirectory; ///< where the doc pages are read from
  bool StrictConfig = false; ///< unknown checks/options in .clang-tidy files are errors
  Stopwatch Started; ///< for the summary's run time
  bool Verbose = false;    ///< say where an analysis ran out of its work budget
  std::string CacheDirectory; ///< --cache / COROLINT_CACHE; empty: no result cache
  uint64_t CacheMaxMB = 512;  ///< --cache-size-mb
  std::string ToolIdentity;   ///< this build of corolint, part of every cache key
  bool Preambles = true;         ///< --preamble: share precompiled preambles
  uint64_t PreambleCacheMB = 1024; ///< --preamble-cache-mb
  unsigned PreambleMinUnits = 2;   ///< --preamble-min-units
  /// --summaries-out: where the run's whole-program summaries are written;
  /// with --shard, `corolint merge` answers their questions instead of this run.
  std::string SummariesOut;
  /// --helpers-from (--fast): directories whose files are read, not linted,
  /// for the helpers the findings across files need (a pre-commit hook's
  /// checkout of the index beside the staged files).
  std::vector<std::string> HelpersFrom;
};

int runLint(LintSettings &Settings);

/// Writes \p R in the settings' format to stdout or the output file; false
/// (with a message) when the file cannot be written.
bool writeReport(const LintSettings &Settings, const Report &R);

} // namespace corolint

#endif
