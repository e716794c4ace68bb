//===--- Names.h - qualified-name lists from check options ----------------===//
//
// Check options name runtime entities as `;`-separated fully qualified names
// (`::aio::task;::aio::join_handle`). A trailing `::*` names every function
// of a namespace. Template arguments never take part: `::std::future::get`
// matches `std::future<int>::get`.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_NAMES_H
#define COROLINT_CHECKS_UTILS_NAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace corolint {

/// `::ns::Class::member`, template arguments and inline namespaces left out.
std::string qualifiedName(const clang::NamedDecl &Decl);

class NameList {
public:
  NameList() = default;
  /// Parses `a;b;c`; each item gets a leading "::" if it has none.
  explicit NameList(llvm::StringRef Spec);

  bool empty() const { return Names.empty() && NamespacePrefixes.empty(); }
  bool contains(const clang::NamedDecl &Decl) const;
  /// \p Qualified is `::ns::Class::member` as qualifiedName spells it.
  bool contains(llvm::StringRef Qualified) const;
  /// The record or template behind \p Type (through references, pointers
  /// only when \p ThroughPointers) is one of the names.
  bool containsType(clang::QualType Type, bool ThroughPointers = false) const;
  const std::vector<std::string> &names() const { return Names; }

private:
  std::vector<std::string> Names;
  std::vector<std::string> NamespacePrefixes; ///< from `ns::*`, with the trailing "::"
  std::vector<std::string> ExcludedNames;     ///< from `-name`
};

/// The declaration that names \p Type: a record, or the template of a
/// dependent specialization. Null for builtin and other types.
const clang::NamedDecl *namingDecl(clang::QualType Type);

/// The name \p Call's method has on a class between the object's and the one
/// declaring it, the first \p Listed lists (`::std::future::wait`: libstdc++
/// declares future's waits in its base `__basic_future`); "" if none.
std::string inheritedMethodName(const clang::CXXMemberCallExpr &Call, const NameList &Listed);

/// \p Loc comes from expanding a macro whose name satisfies \p Named: the
/// macro written at \p Loc or one whose body expands it (16 levels at most).
bool expandedFromMacro(clang::SourceLocation Loc, const clang::SourceManager &Sources,
                       const clang::LangOptions &Language,
                       llvm::function_ref<bool(llvm::StringRef)> Named);

AST_MATCHER_P(clang::NamedDecl, isInNameList, const NameList *, List) {
  return List->contains(Node);
}

AST_MATCHER_P(clang::Expr, hasTypeInNameList, const NameList *, List) {
  return List->containsType(Node.getType());
}

} // namespace corolint

#endif
