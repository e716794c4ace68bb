//===--- Main.cpp - corolint-clangd: clangd with the async module ---------===//
//
// clangd 19 with the corolint checks linked in, so editors get async-*
// diagnostics and quick fixes over LSP.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"

#include <vector>

#ifndef COROLINT_CLANG_RESOURCE_DIR
#error "the build must define COROLINT_CLANG_RESOURCE_DIR"
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
  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I)
    HasResourceDir |= llvm::StringRef(argv[I]).starts_with("--resource-dir") ||
                      llvm::StringRef(argv[I]).starts_with("-resource-dir");
  // clangd looks for its headers beside its binary; ours is not in the LLVM prefix.
  static char ResourceDir[] = "--resource-dir=" COROLINT_CLANG_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
