//===--- FastCommand.h - `corolint --fast [options] inputs...` ------------===//
//
// The fast engine behind the CLI's own machinery: the same configuration
// (.clang-tidy, --checks, --config), formats, baseline, --exclude, --shard and
// -j as a full run, with tree-sitter instead of a compile database.
// Directories are walked for C and C++ sources, skipping what .gitignore
// files ignore. Exit codes: 0 clean, 1 findings, 2 unreadable inputs or an
// invalid configuration; a file tree-sitter cannot fully parse gets a note
// and is analysed where it parsed.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FASTCOMMAND_H
#define COROLINT_DRIVER_COROLINT_FASTCOMMAND_H

#include "LintCommand.h"

namespace corolint {

/// The check name parse notes are reported under.
inline constexpr const char *FastParseCheck = "corolint-fast-parse";

int runFastLint(LintSettings &Settings);

} // namespace corolint

#endif
