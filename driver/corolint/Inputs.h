//===--- Inputs.h - which translation units a run lints -------------------===//
#ifndef COROLINT_DRIVER_COROLINT_INPUTS_H
#define COROLINT_DRIVER_COROLINT_INPUTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// `--shard I/N`: the I-th of N slices, 1-based.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

/// Parses "I/N" with 1 <= I <= N; nullopt (and \p Error set) otherwise.
std::optional<Shard> parseShard(llvm::StringRef Text, std::string &Error);

/// True when \p Arg is a glob rather than a path.
bool isGlob(llvm::StringRef Arg);

/// The directory corolint was started in. Cached on the first call (main
/// makes it): clang's tools change the process's directory while they run.
const std::string &startupDirectory();

/// Absolute, dot-free \p Path (relative to the startup directory).
std::string absolutePath(llvm::StringRef Path);

/// Expands command-line inputs to absolute files. A file is taken as is; a
/// directory stands for the \p Candidates under it; a glob (`*`, `?`, `[...]`,
/// matched against absolute paths, `*` crossing directories) for the
/// \p Candidates it matches. Candidates are the database's files or, with
/// `--` flags, the C and C++ sources on disk. Reports inputs that match
/// nothing; false if any.
bool expandInputs(llvm::ArrayRef<std::string> Args, llvm::ArrayRef<std::string> DatabaseFiles,
                  std::vector<std::string> &Files, llvm::raw_ostream &Err);

/// Matches `--exclude` globs against a path as given, relative to the current
/// directory and relative to the source root.
class ExcludeFilter {
public:
  /// False (with a message) for a malformed glob.
  bool add(llvm::StringRef Glob, llvm::raw_ostream &Err);
  bool excludes(llvm::StringRef AbsolutePath, llvm::StringRef SourceRoot) const;
  bool empty() const { return Patterns.empty(); }

private:
  std::vector<std::string> Patterns;
};

/// Sorted, deduplicated, and only \p S's slice: file k (0-based, in sorted
/// order) belongs to shard (k mod N) + 1, so shards are disjoint and cover all.
std::vector<std::string> selectShard(std::vector<std::string> Files, Shard S);

/// The deepest directory containing every path.
std::string commonRoot(llvm::ArrayRef<std::string> Paths);

} // namespace corolint

#endif
