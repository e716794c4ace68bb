//===--- ReadFiles.cpp - the files a compiler instance read, with their hashes ===//

#include "ReadFiles.h"
#include "checks/utils/Summaries.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"

using namespace clang;

namespace corolint {

void recordReadFiles(const SourceManager &Sources, llvm::StringMap<uint64_t> *ContentHashes,
                     std::vector<FileHash> *ReadFiles, bool SkipMainFile) {
  if (!ContentHashes && !ReadFiles)
    return;
  OptionalFileEntryRef Main = Sources.getFileEntryRefForID(Sources.getMainFileID());
  for (auto It = Sources.fileinfo_begin(); It != Sources.fileinfo_end(); ++It) {
    const SrcMgr::ContentCache &Content = *It->second;
    std::optional<llvm::MemoryBufferRef> Buffer = Content.getBufferIfLoaded();
    if (!Content.OrigEntry || !Buffer)
      continue;
    if (SkipMainFile && Main && Content.OrigEntry->getUniqueID() == Main->getUniqueID())
      continue;
    if (ReadFiles) {
      // Absolute: the result cache checks these files again from any directory.
      ReadFiles->emplace_back(unitAbsolutePath(Content.OrigEntry->getName(), Sources),
                              llvm::xxh3_64bits(Buffer->getBuffer()));
    }
    if (!ContentHashes)
      continue;
    FileID ID = Sources.translateFile(*Content.OrigEntry);
    if (ID.isValid() && Sources.isInSystemHeader(Sources.getLocForStartOfFile(ID)))
      continue; // never fixed: not worth a real_path each
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(unitAbsolutePath(Content.OrigEntry->getName(), Sources), Real))
      continue;
    (*ContentHashes)[Real] = llvm::xxh3_64bits(Buffer->getBuffer());
  }
}

} // namespace corolint
