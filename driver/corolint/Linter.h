//===--- Linter.h - run the async-* checks over translation units ---------===//
#ifndef COROLINT_DRIVER_COROLINT_LINTER_H
#define COROLINT_DRIVER_COROLINT_LINTER_H

#include "ResultCache.h"
#include "SharedPreambles.h"
#include "checks/model/ProgramSummary.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <functional>
#include <memory>
#include <utility>
#include <string>
#include <vector>

namespace corolint {

struct LintRequest {
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  std::vector<std::string> Files;        ///< absolute paths, existing
  clang::tidy::ClangTidyOptions Defaults;  ///< under every .clang-tidy found
  clang::tidy::ClangTidyOptions Overrides; ///< from the command line, over them
  unsigned Jobs = 0;                     ///< 0: one per core
  bool CollectFixes = false;
  /// When set, each translation unit's check profile is stored as JSON under
  /// this directory (one subdirectory per unit; see CheckProfile.h).
  std::string ProfileDirectory;
  /// When set, units whose files are unchanged since a stored run are not
  /// parsed (not used with ProfileDirectory: a cached unit has no profile).
  ResultCache *Cache = nullptr;
  /// When set, units with the same leading #include lines and flags share
  /// one precompiled preamble (see SharedPreambles.h).
  PreambleStore *Preambles = nullptr;
  /// Collect each unit's whole-program summaries (see SummaryFile.h).
  bool CollectSummaries = false;
  /// Called after each translation unit, from a worker thread, serialized.
  std::function<void(size_t Done, size_t Total)> OnProgress;
};

struct LintResult {
  /// Every diagnostic once, in file order, duplicates from shared headers removed.
  std::vector<clang::tidy::ClangTidyError> Errors;
  /// Parallel to Errors: reported only by translation units that did not
  /// compile (a header's finding also seen by a unit that compiled is not).
  std::vector<bool> FromUncompiledUnit;
  unsigned Findings = 0;      ///< check warnings and errors
  /// Translation units with compile errors, and how many errors each.
  std::vector<std::pair<std::string, unsigned>> UncompiledFiles;
  unsigned ConfigErrors = 0;  ///< invalid check options (each reported once)
  /// With CollectFixes: each user file's content hash as the compiler read it
  /// (see FileHashes in Fixes.h), by real path.
  llvm::StringMap<uint64_t> ContentHashes;
  /// Files that two translation units read with different contents.
  llvm::StringSet<> ChangedWhileLinting;
  /// With CollectSummaries: every unit's summaries and questions, deduplicated.
  ProgramSummaries Summaries;
};

/// Runs the enabled checks on each file, `Jobs` translation units at a time.
LintResult lint(const LintRequest &Request);

} // namespace corolint

#endif
