//===--- ResultCache.h - a translation unit's findings, kept between runs --===//
//
// `--cache DIR` (or COROLINT_CACHE): each translation unit's findings are
// stored under a key of its file, its compile command, its effective
// configuration and corolint's identity, beside the content hash of every file
// the compiler read for it. A later run whose key matches and whose files all
// hash the same takes the findings from the entry and parses nothing.
//
// Entries are written to a temporary file and renamed (two runs may share the
// directory); an entry that does not parse or whose checksum differs is a
// miss. After a run the oldest entries are deleted until the directory is
// under its size cap. See docs/integration/result-cache.md.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_RESULTCACHE_H
#define COROLINT_DRIVER_COROLINT_RESULTCACHE_H

#include "checks/model/ProgramSummary.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corolint {

/// A file the compiler read for a translation unit and its content hash.
using FileHash = std::pair<std::string, uint64_t>;

/// What a translation unit's run produced, as the cache keeps it.
struct CachedResult {
  std::vector<clang::tidy::ClangTidyError> Errors;
  /// User files' hashes by real path, for --fix (see LintResult::ContentHashes).
  llvm::StringMap<uint64_t> ContentHashes;
  /// The unit's whole-program summaries (see SummaryFile.h).
  ProgramSummaries Summaries;
};

class ResultCache {
public:
  /// \p ToolIdentity names this build of corolint (version, commit, binary):
  /// another build's entries never match.
  ResultCache(std::string Directory, uint64_t MaxBytes, std::string ToolIdentity);

  /// The key of \p File's unit: its compile commands, \p Effective options
  /// and whether fixes are collected.
  std::string keyFor(llvm::StringRef File,
                     const clang::tooling::CompilationDatabase &Compilations,
                     const clang::tidy::ClangTidyOptions &Effective, bool CollectFixes) const;

  /// The stored result if the entry is intact and every file it lists still
  /// has the content it had; otherwise none (counted as a miss).
  std::optional<CachedResult> lookup(llvm::StringRef Key);

  /// Stores \p Result with the files the unit read; a failure to write only
  /// loses the entry.
  void store(llvm::StringRef Key, const CachedResult &Result, llvm::ArrayRef<FileHash> ReadFiles);

  /// Deletes the least recently used entries until the directory is under the cap.
  void evict();

  unsigned hits() const { return Hits; }
  unsigned misses() const { return Misses; }

private:
  std::string entryPath(llvm::StringRef Key) const;
  /// The file's content hash, read once per run.
  std::optional<uint64_t> currentHash(const std::string &Path);

  std::string Directory;
  uint64_t MaxBytes;
  std::string ToolIdentity;
  std::mutex HashesLock;
  llvm::StringMap<std::optional<uint64_t>> Hashes;
  std::atomic<unsigned> Hits{0}, Misses{0};
};

} // namespace corolint

#endif
