//===--- Formats.h - one serializer per output format ---------------------===//
//
// Each format is one function in its own file, reading only the Report.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_FORMATS_FORMATS_H
#define COROLINT_DRIVER_COROLINT_FORMATS_FORMATS_H

#include "driver/corolint/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace corolint {

enum class OutputFormat { Text, Sarif, Json, Github, Yaml, Html };

/// "text", "sarif", "json", "github", "yaml", "html"; nullopt for anything else.
std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name);

/// clang-style: `file:line:col: warning: message [check]`, the source line,
/// a caret and the fix-it line, like clang-tidy (colours when \p Color).
void writeText(const Report &R, llvm::raw_ostream &OS, bool Color);

/// SARIF 2.1.0, one run listing every rule.
llvm::json::Value toSarif(const Report &R);
void writeSarif(const Report &R, llvm::raw_ostream &OS);

/// corolint's own JSON: {"version": 1, "sourceRoot": ..., "findings": [...]}.
void writeJson(const Report &R, llvm::raw_ostream &OS);

/// GitHub Actions workflow commands: `::warning file=...,line=...::message`.
void writeGithub(const Report &R, llvm::raw_ostream &OS);

/// clang-tidy's --export-fixes YAML (clang-apply-replacements reads it).
void writeYaml(const Report &R, llvm::raw_ostream &OS);

/// One self-contained HTML page: findings by check and by file, excerpts,
/// notes, fix-its as diffs, doc summaries, filters and a chart; no network.
void writeHtml(const Report &R, llvm::raw_ostream &OS);

/// "error", "warning" or "note", as SARIF and our JSON spell levels.
llvm::StringRef levelName(Level L);

} // namespace corolint

#endif
