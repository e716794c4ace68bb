//===--- Finding.h - what corolint reports, independent of any format -----===//
//
// Every front end of the CLI (reporting, fixes, baseline, merge) works on this
// model; the clang-tidy diagnostics are converted once, in Findings.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FINDING_H
#define COROLINT_DRIVER_COROLINT_FINDING_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"

#include <string>
#include <vector>

namespace corolint {

enum class Level { Note, Warning, Error };

/// What produced a finding: one of our checks, the compiler, or the configuration.
enum class Origin { Check, Compiler, Config };

/// A place in a file; an empty File means "no location" (e.g. a config error).
struct SourcePosition {
  std::string File; ///< absolute
  unsigned Offset = 0;
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes as clang counts
  bool isValid() const { return !File.empty(); }
};

struct FindingNote {
  std::string Message;
  SourcePosition Where;
  std::vector<clang::tooling::FileByteRange> Ranges;
};

struct Finding {
  std::string Check; ///< "async-blocking-call", "clang-diagnostic-error", ...
  Origin Source = Origin::Check;
  Level Severity = Level::Warning;
  std::string Message;
  SourcePosition Where;
  std::string LineText; ///< the source line the finding is on, without its newline
  std::vector<clang::tooling::FileByteRange> Ranges;
  std::vector<FindingNote> Notes;
  /// The fix-it of the finding itself (not of its notes), absolute paths.
  std::vector<clang::tooling::Replacement> Fixes;
  std::string BuildDirectory;
  /// Stable identity across unrelated edits; see Fingerprint.h.
  std::string Fingerprint;
  /// A check's finding in a translation unit that did not compile: the check
  /// saw a partial program, so this finding may rest on what was missing.
  /// (The fast engine says once per file where tree-sitter could not parse;
  /// it cannot tell invalid code from syntax its grammar lacks.)
  bool PossiblyIncomplete = false;
};

/// \p F's message with, for a possibly incomplete finding, the reason said
/// after it: the formats meant for people (text, GitHub, HTML) show this one.
inline std::string messageForPeople(const Finding &F) {
  if (!F.PossiblyIncomplete)
    return F.Message;
  return F.Message + " (possibly incomplete: this file did not compile)";
}

/// A check as SARIF lists it, whether or not it reported anything.
struct Rule {
  std::string Id;      ///< "async-blocking-call"
  std::string HelpUri; ///< its doc page
  std::string Summary;     ///< the doc page's first paragraph
  std::string Description; ///< the doc page (Markdown)
  Level DefaultLevel = Level::Warning;
};

/// Everything one run reports, for the serializers.
struct Report {
  std::vector<Finding> Findings; ///< in file order
  std::vector<Rule> Rules;       ///< every registered async-* check
  std::string SourceRoot;        ///< absolute; relative paths are relative to it
  std::string MainSourceFile;    ///< for the clang-tidy YAML format
};

} // namespace corolint

#endif
