//===--- FastWholeProgram.h - `corolint --fast`: findings across files ----===//
//
// The fast engine's files, as read and linted, and the whole-program step
// over their summaries (checks/model/ProgramSummary, keyed by name): the
// files lint() did not parse are summarized as far as the answers need, and
// the open questions are answered into findings. See
// docs/integration/whole-program.md.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FASTWHOLEPROGRAM_H
#define COROLINT_DRIVER_COROLINT_FASTWHOLEPROGRAM_H

#include "Finding.h"
#include "LintCommand.h"
#include "driver/fast/FastEngine.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>
#include <vector>

namespace corolint {

/// One input of `--fast`, as read and linted.
struct FileOutcome {
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  fast::FileResult Result;
  std::string ReadError;
  bool Binary = false; ///< skipped: not source text
  std::vector<std::string> ConfigProblems;
  const fast::Engine *Engine = nullptr; ///< of the file's configuration, once read
};

/// Runs \p Work(0 .. Count-1), \p Jobs at once.
void forEachIndex(unsigned Jobs, size_t Count, llvm::function_ref<void(size_t)> Work);

/// Summaries of the files lint() did not parse (no coroutine in them). For
/// --summaries-out all of them: the file is complete, for `corolint merge`
/// and editors. Otherwise only as far as the answers need: a file that may
/// define a function some question calls, then what those functions call,
/// until no new file is needed. Parsing is most of the engine's time.
void summarizeTheRest(const LintSettings &S, unsigned Jobs, const std::vector<std::string> &Files,
                      std::vector<FileOutcome> &Outcomes);

/// The whole program the files' summaries describe: written to
/// --summaries-out, and its open questions answered into \p Findings (left
/// to `corolint merge` by a shard that writes its summaries). False when the
/// summaries could not be written.
bool answerAcrossFiles(const LintSettings &S, const std::vector<std::string> &Files,
                       std::vector<FileOutcome> &Outcomes, std::vector<Finding> &Findings);

/// The line of \p Text that holds byte \p Offset, without its end.
llvm::StringRef lineAt(llvm::StringRef Text, uint32_t Offset);

SourcePosition position(const std::string &File, const fast::Position &Where);

} // namespace corolint

#endif
