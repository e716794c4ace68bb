//===--- FastEngine.h - the tree-sitter engine: lint without a build ------===//
//
// The syntactic subset of the catalogue, on tree-sitter's C++ grammar: no
// compile database, no preprocessing. Messages and check names come from
// checks/utils so both engines say the same thing.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTENGINE_H
#define COROLINT_DRIVER_FAST_FASTENGINE_H

#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

struct Finding {
  std::string CheckName; ///< e.g. "async-blocking-call"
  std::string Message;
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes (as clang counts)
};

/// A place where tree-sitter could not parse the text (an ERROR or MISSING node).
struct ParseError {
  unsigned Line = 0;
  unsigned Column = 0;
  std::string What;
};

struct FileResult {
  std::vector<Finding> Findings;    ///< in source order
  std::vector<ParseError> ParseErrors;
};

struct Options {
  /// The `BlockingFunctions` option, in its option syntax (see BlockingFunctions.h).
  std::string BlockingFunctions;
};

/// Options with every default of the aio profile.
Options defaultOptions();

/// Lints one buffer of C++ source. Thread-safe: each call uses its own parser.
FileResult lintBuffer(std::string_view Source, const Options &Opts);

} // namespace corolint::fast

#endif
