//===--- Linter.h - run the async-* checks over translation units ---------===//
#ifndef COROLINT_DRIVER_COROLINT_LINTER_H
#define COROLINT_DRIVER_COROLINT_LINTER_H

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
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
};

struct LintResult {
  /// Every diagnostic once, in file order, duplicates from shared headers removed.
  std::vector<clang::tidy::ClangTidyError> Errors;
  unsigned Findings = 0;      ///< check warnings and errors
  unsigned CompileErrors = 0; ///< translation units that did not compile
  unsigned ConfigErrors = 0;  ///< invalid check options (each reported once)
  /// Kept alive for reporting: handleErrors reads per-file options from it.
  std::unique_ptr<clang::tidy::ClangTidyContext> Context;
};

/// Builds the options provider every front end of the CLI uses: defaults,
/// then `.clang-tidy` files found upward from each file, then overrides.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const clang::tidy::ClangTidyOptions &Defaults,
                    const clang::tidy::ClangTidyOptions &Overrides);

/// Runs the enabled checks on each file, `Jobs` translation units at a time.
LintResult lint(const LintRequest &Request);

} // namespace corolint

#endif
