//===--- Gitignore.h - which paths .gitignore files ignore ----------------===//
//
// git's rules (gitignore(5)): blank lines and `#` comments are skipped; `!`
// re-includes; a trailing `/` matches directories only; a pattern with a `/`
// at its start or middle is anchored to its .gitignore's directory, one
// without matches a name at any depth; `*`, `?`, `[...]` do not cross `/`,
// `**` does. The last matching pattern decides, deeper files over shallower;
// a file inside an ignored directory stays ignored.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_GITIGNORE_H
#define COROLINT_DRIVER_COROLINT_GITIGNORE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace corolint {

/// `*`, `?`, `[a-z]`, `[!a]` within a path segment, `**` across segments
/// (git's wildmatch with WM_PATHNAME).
bool wildmatch(llvm::StringRef Pattern, llvm::StringRef Path);

class GitignoreRules {
public:
  /// Adds the patterns of one .gitignore whose directory is \p Base
  /// (relative to the walk's root, "" for the root itself, '/' separators).
  void addFile(llvm::StringRef Base, llvm::StringRef Text);

  /// Whether \p Path (relative to the root, '/' separators) is ignored by the
  /// patterns added so far; \p IsDirectory for directory-only patterns.
  bool ignores(llvm::StringRef Path, bool IsDirectory) const;

  /// How many patterns were added, to undo addFile after leaving a directory.
  size_t size() const { return Patterns.size(); }
  void truncate(size_t Size) { Patterns.resize(Size); }

private:
  struct Pattern {
    std::string Base;  ///< directory of its .gitignore, "" or ending in '/'
    std::string Glob;  ///< without `!`, trailing and leading `/`
    bool Negated = false;
    bool DirectoryOnly = false;
    bool Anchored = false; ///< matched against the path below Base, else the name
  };
  std::vector<Pattern> Patterns;
};

/// The C and C++ sources under \p Directory, sorted, skipping `.git` and
/// what the .gitignore files of \p Directory, its subdirectories and its
/// ancestors up to the repository root ignore; \p Directory itself is walked
/// even if ignored (it was asked for). Errors go to \p Err.
std::vector<std::string> sourcesUnder(llvm::StringRef Directory, llvm::raw_ostream &Err);

/// True for the extensions the fast engine reads (.cpp, .hpp, .h, ...).
bool isCppSource(llvm::StringRef Path);

} // namespace corolint

#endif
