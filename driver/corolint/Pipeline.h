//===--- Pipeline.h - the steps of a run that do not depend on the engine -===//
//
// `corolint` (Clang) and `corolint --fast` (tree-sitter) differ only in how
// they turn files into findings. Everything around that is one pipeline:
// exclude, check there is something to lint, shard, load the baseline and
// validate the configuration files before; drop findings in excluded files,
// apply the baseline, write the report and count after.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_PIPELINE_H
#define COROLINT_DRIVER_COROLINT_PIPELINE_H

#include "Configuration.h"
#include "LintCommand.h"

#include <functional>
#include <string>
#include <vector>

namespace corolint {

/// What one engine does inside the pipeline.
struct EngineSteps {
  /// Lints \p Files into \p R.Findings (positions absolute), saying on stderr
  /// what it could not lint; false when the run must fail for it (the report
  /// is still written). \p Config: what validating the configuration found.
  std::function<bool(const std::vector<std::string> &Files, Report &R,
                     const ConfigProblems &Config)>
      Lint;
  /// After the report is written (fixes, what went wrong while linting);
  /// false when the run must fail. Optional.
  std::function<bool(const Report &R)> AfterReport;
};

/// Runs \p Files (absolute; \p Root is the report's source root) through the
/// pipeline with \p Engine; the process's exit code. \p InputsOk: an input
/// could not be read (said already): the run fails after reporting the rest.
int runPipeline(LintSettings &S, std::vector<std::string> Files, const std::string &Root,
                bool InputsOk, const EngineSteps &Engine);

} // namespace corolint

#endif
