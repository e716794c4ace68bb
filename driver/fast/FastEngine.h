//===--- FastEngine.h - the tree-sitter engine: lint without a build ------===//
//
// The syntactic subset of the catalogue, on tree-sitter's C++ grammar: no
// compile database, no preprocessing. Messages and check names come from
// checks/utils so both engines say the same thing. Plain C++ (and
// tree-sitter): the CLI turns the results into its own findings.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTENGINE_H
#define COROLINT_DRIVER_FAST_FASTENGINE_H

#include "driver/fast/FastOptions.h"
#include "driver/fast/FunctionModel.h"

#include "checks/model/ProgramSummary.h"
#include "checks/model/Words.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

struct Position {
  uint32_t Offset = 0; ///< byte offset in the buffer
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes (as clang counts)
};

struct FindingNote {
  std::string Message;
  Position Where;
};

struct Finding {
  std::string CheckName; ///< e.g. "async-blocking-call"
  std::string Message;
  Position Where;
  std::vector<FindingNote> Notes;
};

/// A place where tree-sitter could not parse the text (an ERROR or MISSING
/// node). The engine still analyses the rest of the file.
struct ParseProblem {
  Position Where;
  std::string What;
};

struct FileResult {
  std::vector<Finding> Findings; ///< in source order, NOLINT comments applied
  std::vector<ParseProblem> ParseProblems;
  /// Analyses that ran out of their work budget on this file (checks/utils/
  /// Budget.h): their findings there are left out. For `--verbose`.
  std::vector<std::string> GaveUp;
  /// The file's functions and open questions, keyed by name, when
  /// Options::CollectSummaries asked for them and the file was parsed.
  ProgramSummaries Summaries;
  bool Summarized = false; ///< Summaries is the file's (else see Engine::summarize)
};

class FastCheck;

/// The enabled checks of one configuration, built once and shared by the
/// files that use it. Thread-safe: lint() keeps no state between calls.
class Engine {
public:
  /// \p Opts must be valid (see validate()).
  explicit Engine(const Options &Opts);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  /// \p File (absolute) names the buffer in its summaries.
  FileResult lint(std::string_view Source, std::string_view File = {}) const;
  /// The summaries of a file lint() does not parse (no coroutine, nothing a
  /// check looks for): its helpers may be called from a coroutine elsewhere.
  ProgramSummaries summarize(std::string_view Source, std::string_view File) const;
  /// Options::CollectSummaries was asked, and a check writes summaries.
  bool summarizes() const { return Summarize; }

private:
  /// Parses and scans \p Source; runs the checks when \p Checked.
  FileResult run(std::string_view Source, std::string_view File, bool Checked) const;

  std::vector<std::unique_ptr<FastCheck>> Checks;
  bool Summarize = false; ///< collecting, and a check writes summaries
  ScanRequest Request; ///< what every enabled check needs resolved
  /// A file can have findings only if it contains one of these as a word.
  std::vector<std::vector<std::string>> Triggers; ///< all words of one of them
};

/// Calls \p Visit(word, end) for each identifier-like word of \p Text (a
/// run of letters, digits and '_'), \p end being the offset after it, until
/// \p Visit returns true; whether it did.
template <typename Visitor> bool anyWord(std::string_view Text, Visitor &&Visit) {
  for (size_t At = 0; At < Text.size();) {
    if (!isWordChar(Text[At])) {
      ++At;
      continue;
    }
    size_t End = At;
    while (End < Text.size() && isWordChar(Text[End]))
      ++End;
    if (Visit(Text.substr(At, End - At), End))
      return true;
    At = End;
  }
  return false;
}

/// Lints one buffer with a configuration (builds an Engine each time).
FileResult lintBuffer(std::string_view Source, const Options &Opts);

} // namespace corolint::fast

#endif
