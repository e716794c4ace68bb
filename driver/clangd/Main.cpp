//===--- Main.cpp - corolint-clangd: clangd with the async module ---------===//
//
// clangd 19 with the corolint checks linked in, so editors get async-*
// diagnostics and quick fixes over LSP. Its output passes through
// LspOutputFilter (links to corolint's doc pages, one-line fix titles).
// --docs-base-url=URL links published docs instead of the local pages.
//
//===----------------------------------------------------------------------===//

#include "LspOutputFilter.h"
#include "driver/corolint/DocPages.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

#ifndef COROLINT_CLANG_RESOURCE_DIR
#error "the build must define COROLINT_CLANG_RESOURCE_DIR"
#endif
#ifndef COROLINT_DOCS_URL
#error "the build must define COROLINT_DOCS_URL"
#endif

namespace clang::clangd {
// Declared by hand: Debian does not install ClangdMain.h.
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Keeps the statically linked "async" module's registration.
extern volatile int AsyncModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, char *argv[]) {
  std::vector<char *> Args{argv[0]};
  bool HasResourceDir = false;
  bool OneShot = false; // --version/--help: LLVM's cl prints, then exit()s past Filter.finish()
  llvm::StringRef DocsBaseUrl = COROLINT_DOCS_URL;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg(argv[I]);
    if (Arg.consume_front("--docs-base-url=")) { // ours: clangd would reject it
      DocsBaseUrl = Arg;
      continue;
    }
    OneShot |= Arg == "--version" || Arg == "-version" || Arg.starts_with("--help") ||
               Arg.starts_with("-help");
    HasResourceDir |= Arg.starts_with("--resource-dir") || Arg.starts_with("-resource-dir");
    Args.push_back(argv[I]);
  }
  // clangd looks for its headers beside its binary; ours is not in the LLVM prefix.
  static char ResourceDir[] = "--resource-dir=" COROLINT_CLANG_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir);
  Args.push_back(nullptr);

  if (OneShot)
    return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
  corolint::LspOutputFilter Filter(
      corolint::docsBaseUrl(DocsBaseUrl, corolint::findDocsDirectory(argv[0])));
  Filter.start();
  int Status = clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
  Filter.finish();
  return Status;
}
