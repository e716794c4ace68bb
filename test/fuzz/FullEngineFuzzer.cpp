//===--- FullEngineFuzzer.cpp - libFuzzer over the full engine ------------===//
//
// Any bytes, as a C++20 file next to the aio headers: clang parses them
// (-fsyntax-only semantics, with its error recovery) and every async-* check
// runs over the AST the way `corolint` runs them (runChecksOnUserCode). The
// checks must neither crash nor read out of bounds on whatever AST clang
// recovers, and must stay inside libFuzzer's -timeout and -rss_limit_mb.
//
//===----------------------------------------------------------------------===//

#include "driver/corolint/UserCodeRun.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#ifndef COROLINT_CLANG_RESOURCE_DIR
#error "the build must define COROLINT_CLANG_RESOURCE_DIR"
#endif
#ifndef COROLINT_AIO_INCLUDE
#error "the build must define COROLINT_AIO_INCLUDE"
#endif

using namespace clang;

namespace {

// The input lives only in the overlay, in a real directory: ClangTool
// changes into the compile directory on every layer, the real one too.
constexpr const char *InputDirectory = "/tmp";
constexpr const char *InputPath = "/tmp/corolint-fuzz-input.cpp";

const tooling::FixedCompilationDatabase &compilations() {
  static const tooling::FixedCompilationDatabase Database(
      InputDirectory,
      {"-fsyntax-only", "-std=c++20", "-Wno-deprecated-coroutine", "-I" COROLINT_AIO_INCLUDE,
       "-resource-dir", COROLINT_CLANG_RESOURCE_DIR,
       // A fuzzed file has thousands of errors: stop early, as editors do.
       "-ferror-limit=50"});
  return Database;
}

tidy::ClangTidyOptions everyAsyncCheck() {
  tidy::ClangTidyOptions Options = tidy::ClangTidyOptions::getDefaults();
  Options.Checks = "-*,async-*";
  // The helper searches of async-nested-run look past the default names too.
  Options.CheckOptions["async-nested-run.RunFunctions"].Value = "aio::*;run";
  return Options;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(InputPath, 0,
                  llvm::MemoryBuffer::getMemBufferCopy(
                      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), InputPath));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  FS->pushOverlay(Memory);

  tidy::ClangTidyContext Context(std::make_unique<tidy::DefaultOptionsProvider>(
      tidy::ClangTidyGlobalOptions(), everyAsyncCheck()));
  corolint::runChecksOnUserCode(Context, compilations(), InputPath, FS, /*CollectFixes=*/true,
                                /*EnableCheckProfile=*/false, "");
  return 0;
}
