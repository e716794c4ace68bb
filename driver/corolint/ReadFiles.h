//===--- ReadFiles.h - the files a compiler instance read, with their hashes ===//
//
// The result cache keys a unit on every file the compiler read; --fix refuses
// to write a file that changed since it was read. Both come from the source
// manager: of the unit itself, and of the shared preamble it was parsed with.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_READFILES_H
#define COROLINT_DRIVER_COROLINT_READFILES_H

#include "ResultCache.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"

#include <vector>

namespace corolint {

/// Adds each file \p Sources holds a buffer of: to \p ReadFiles (absolute
/// path, content hash) and, for files outside system headers, to
/// \p ContentHashes (by real path). Either may be null. With \p SkipMainFile,
/// the main file is left out (a preamble holds only its first lines).
void recordReadFiles(const clang::SourceManager &Sources,
                     llvm::StringMap<uint64_t> *ContentHashes,
                     std::vector<FileHash> *ReadFiles, bool SkipMainFile = false);

} // namespace corolint

#endif
