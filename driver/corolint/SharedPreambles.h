//===--- SharedPreambles.h - one precompiled preamble per #include block ---===//
//
// Most files of a project start with the same #include lines and are compiled
// with the same flags: parsing those headers again for every translation unit
// is most of a lint run's time. As clangd does for one file in the editor,
// the leading directives of the main file are compiled once into a
// precompiled preamble (Clang's PrecompiledPreamble, kept in memory), and
// every other unit whose leading directives, directory and flags are the
// same loads it instead of parsing the headers. A unit whose preamble no
// other unit shares is parsed as before. The store keeps the most recently used preambles under a
// size cap (--preamble-cache-mb). See docs/integration/preambles.md.
//
// Files whose preamble is only #include lines (most files) share one however their first
// comments differ (each Boost example starts with its own name): the lines
// are compiled apart, as a header in the main file's directory, into a PCH the
// units load as clang's -include-pch does; the file's own #include lines then
// find every header already included, which their include guards skip.
//
// Findings must not change: a preamble that produced any warning or error, or
// whose include lines name a header without an include guard, is
// not used (the unit is parsed whole, so its diagnostics are reported as
// before), and the shared part stops before the first #define, #undef,
// #pragma or #line of the main file, whose locations would otherwise belong
// to the file the preamble was built from.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_SHAREDPREAMBLES_H
#define COROLINT_DRIVER_COROLINT_SHAREDPREAMBLES_H

#include "ResultCache.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "llvm/ADT/StringMap.h"

#include <atomic>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The include lines of a preamble compiled apart from the file, into a
/// header of their own in the main file's directory.
struct IncludeBlockPCH {
  std::string HeaderPath; ///< virtual: the header holding the include lines
  std::string HeaderText;
  std::string PCHPath; ///< virtual: where units find the PCH
  std::unique_ptr<llvm::MemoryBuffer> PCH;
};

/// A built preamble and what the units that load it need to know of its build.
/// Either a prefix of the main file, byte for byte (PCH), or its include lines
/// alone (Block), which files whose first comments differ share too.
struct SharedPreamble {
  std::optional<clang::PrecompiledPreamble> PCH;
  std::optional<IncludeBlockPCH> Block;
  uint64_t size() const { return PCH ? PCH->getSize() : Block->PCH->getBufferSize(); }
  /// Every file the preamble read, for the result cache (see ReadFiles.h).
  std::vector<FileHash> ReadFiles;
  /// User files' content hashes by real path, for --fix.
  llvm::StringMap<uint64_t> UserContentHashes;
  /// Whether it declares anything at top level outside system headers: the
  /// checks must then visit those declarations too.
  bool HasUserDeclarations = false;
};

/// A unit's compiler set up to load a shared preamble.
struct PreambleUse {
  std::shared_ptr<const SharedPreamble> Preamble;
  std::unique_ptr<llvm::MemoryBuffer> MainFile; ///< the remapped main file, kept alive
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files; ///< sees the in-memory PCH
};

class PreambleStore {
public:
  /// \p MinUnits: the unit of a kind that builds its preamble (the ones
  /// before it are parsed whole); 2 shares only what is shared, 1 builds a
  /// preamble for every unit.
  PreambleStore(uint64_t MaxBytes, unsigned MinUnits) : MaxBytes(MaxBytes), MinUnits(MinUnits) {}

  /// Sets \p Invocation up to load the preamble of its main file, built by
  /// the MinUnits-th unit that asks for it (the others wait for it). None when
  /// the file has no shareable preamble, when it is not built yet for it or
  /// is not clean: the unit is then parsed as usual.
  std::optional<PreambleUse>
  prepare(clang::CompilerInvocation &Invocation, clang::FileManager &Files,
          std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps);

  unsigned built() const { return Built; }
  /// Of those built, how many were an include block compiled apart from its file.
  unsigned builtFromIncludeBlocks() const { return BuiltBlocks; }
  unsigned loaded() const { return Loaded; }
  unsigned unusable() const { return Unusable; }

private:
  using Ready = std::shared_future<std::shared_ptr<const SharedPreamble>>;
  struct Slot {
    Ready Preamble;
    uint64_t Bytes = 0;
    unsigned Requests = 0;
    std::list<std::string>::iterator Recency;
  };
  /// Drops the least recently used preambles (units using one keep it alive)
  /// until the total is under the cap; never \p Keep.
  void evictLocked(llvm::StringRef Keep);

  uint64_t MaxBytes;
  unsigned MinUnits;
  std::mutex Lock;
  llvm::StringMap<Slot> Slots;
  std::list<std::string> RecentFirst;
  uint64_t TotalBytes = 0;
  std::atomic<unsigned> Built{0}, BuiltBlocks{0}, Loaded{0}, Unusable{0};
};

/// The shareable part of \p MainFile: ComputePreambleBounds' preamble, cut
/// before the first directive other than #include, #import and conditionals.
clang::PreambleBounds shareableBounds(const clang::LangOptions &LangOpts,
                                      llvm::MemoryBufferRef MainFile);

/// The include lines of a preamble that holds nothing else (comments and
/// blank lines aside), one `#include <...>` or `#include "..."` per line; none
/// when it holds anything else (a conditional, a macro-named header, a line
/// continuation), whose meaning could change once the headers come first.
std::optional<std::string> includeBlock(llvm::StringRef PreambleText);

} // namespace corolint

#endif
