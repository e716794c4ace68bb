//===--- UnclosedResourceCheck.h - async-unclosed-resource -----------------===//
#ifndef COROLINT_CHECKS_UNCLOSEDRESOURCECHECK_H
#define COROLINT_CHECKS_UNCLOSEDRESOURCECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/CheckOptions.h"

namespace corolint {

/// Flags a local resource that must be closed (a stream, a file, a server:
/// `ClosableTypes`, or any class whose `aclose()` returns a task) and is not
/// closed on every path out of its scope, nor moved out, stored, returned or
/// handed to `aio::with`. Its destructor closes without waiting, so buffered
/// data and errors are lost silently ("Not closing resources").
///
/// See docs/checks/unclosed-resource.md.
class UnclosedResourceCheck : public clang::tidy::ClangTidyCheck {
public:
  UnclosedResourceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<clang::TraversalKind> getCheckTraversalKind() const override {
    return clang::TK_IgnoreUnlessSpelledInSource;
  }

private:
  bool isClosable(clang::QualType Type) const;
  bool closesOrHandsOver(const clang::DeclRefExpr &Ref, clang::ASTContext &Context) const;

  ListOption ClosableTypes;
  ListOption ScopeFunctions;
  ListOption TaskTypes;
  std::string RawCloseMethods;
  llvm::SmallVector<llvm::StringRef, 4> CloseMethods;
};

} // namespace corolint

#endif
