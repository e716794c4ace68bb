//===--- UnclosedResourceCheck.h - async-unclosed-resource -----------------===//
#ifndef COROLINT_CHECKS_UNCLOSEDRESOURCECHECK_H
#define COROLINT_CHECKS_UNCLOSEDRESOURCECHECK_H

#include "utils/AsyncCheck.h"

namespace corolint {

/// Flags a local resource that must be closed (a stream, a file, a server:
/// `ClosableTypes`, or any class whose `aclose()` returns a task) and is not
/// closed on every path out of its scope, nor moved out, stored, returned or
/// handed to `aio::with`. Its destructor closes without waiting, so buffered
/// data and errors are lost silently ("Not closing resources").
///
/// See docs/checks/unclosed-resource.md.
class UnclosedResourceCheck : public AsyncCheck<UnclosedResourceOptions> {
public:
  UnclosedResourceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  bool isClosable(clang::QualType Type) const;
  bool closesOrHandsOver(const clang::DeclRefExpr &Ref, clang::ASTContext &Context) const;

  /// CloseMethods split at ';'.
  llvm::SmallVector<llvm::StringRef, 4> CloseMethodNames;
};

} // namespace corolint

#endif
