//===--- SummaryFile.h - whole-program summaries as JSON, and their answers ===//
//
// `--summaries-out F` writes a run's function summaries and open questions
// (checks/model/ProgramSummary.h) as JSON; `corolint merge` reads the
// shards' and answers the questions for the whole program; the result cache
// keeps each unit's part beside its findings. The answers become the asking
// check's diagnostics (async-blocking-call, async-nested-run,
// async-unbounded-spawn) like the units' own. See
// docs/integration/whole-program.md.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_SUMMARYFILE_H
#define COROLINT_DRIVER_COROLINT_SUMMARYFILE_H

#include "Configuration.h"
#include "checks/model/ProgramSummary.h"
#include "checks/utils/SummaryJson.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// Marks each question whose answer WarningsAsErrors makes an error (for its
/// check, in its file), before the questions are answered or written out.
void markAsErrors(ProgramSummaries &Program, WarningsAsErrors &AsErrors);

/// Writes \p Summaries to \p Path atomically.
llvm::Error writeSummaryFile(llvm::StringRef Path, const ProgramSummaries &Summaries);

/// The answers of \p Program's open questions; with \p Stats, says there how
/// many functions and questions it read and how long answering took (--verbose).
std::vector<CrossFileFinding> answerProgram(const ProgramSummaries &Program,
                                            llvm::raw_ostream *Stats = nullptr);

/// answerProgram's answers as the check's diagnostics.
std::vector<clang::tidy::ClangTidyError>
crossFileDiagnostics(const ProgramSummaries &Program, llvm::raw_ostream *Stats = nullptr);

} // namespace corolint

#endif
