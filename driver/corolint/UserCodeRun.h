//===--- UserCodeRun.h - clang-tidy's run, traversing only the user's code -===//
//
// clang-tidy's runClangTidy() hands the whole translation unit to the AST
// matchers: on coroutine code that includes Boost.Asio or the standard
// library, most of the traversal is spent in system headers whose findings
// are suppressed anyway. This run restricts the traversal to the top-level
// declarations outside system headers, as clangd does with the main file.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_USERCODERUN_H
#define COROLINT_DRIVER_COROLINT_USERCODERUN_H

#include "ResultCache.h"
#include "SharedPreambles.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace corolint {

/// runClangTidy() on one file, with the matchers' traversal limited to
/// declarations outside system headers unless the options ask for findings in
/// system headers (SystemHeaders: true). With \p ContentHashes, records the
/// hash of every user (non-system) file as the compiler read it, by real path,
/// so --fix can tell whether a file changed before its fixes are written.
/// With \p ReadFiles, records every file the compiler read (absolute path and
/// content hash), for the result cache. With \p Preambles, the unit loads
/// the shared preamble of its leading #include lines when it has a clean one.
std::vector<clang::tidy::ClangTidyError>
runChecksOnUserCode(clang::tidy::ClangTidyContext &Context,
                    const clang::tooling::CompilationDatabase &Compilations,
                    const std::string &File,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    bool CollectFixes, bool EnableCheckProfile,
                    llvm::StringRef ProfileDirectory,
                    llvm::StringMap<uint64_t> *ContentHashes = nullptr,
                    std::vector<FileHash> *ReadFiles = nullptr,
                    PreambleStore *Preambles = nullptr);

} // namespace corolint

#endif
