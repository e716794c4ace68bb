//===--- Names.h - Clang's declarations against the options' name lists ---===//
//
// checks/model/NameList.h is the list; here Clang's declarations and types
// are matched against it by their qualified names (template arguments and
// inline namespaces left out), with the AST matchers the checks use.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_NAMES_H
#define COROLINT_CHECKS_UTILS_NAMES_H

#include "checks/model/NameList.h"
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

/// \p Decl's name when it is an identifier; "" for an operator, a conversion, a
/// constructor (NamedDecl::getName() asserts on those).
inline llvm::StringRef plainName(const clang::NamedDecl &Decl) {
  return Decl.getIdentifier() ? Decl.getIdentifier()->getName() : llvm::StringRef();
}

/// A RunFunctions entry as messages name it: `aio::run`.
inline std::string loopRunnerName(const clang::NamedDecl &Runner) {
  return qualifiedName(Runner).substr(2);
}

/// \p Decl's qualified name is on \p List.
bool isListed(const clang::NamedDecl &Decl, const NameList &List);
/// The record or template behind \p Type (through references, pointers only
/// when \p ThroughPointers) is on \p List.
bool hasListedType(clang::QualType Type, const NameList &List, bool ThroughPointers = false);

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
  return isListed(Node, *List);
}

AST_MATCHER_P(clang::Expr, hasTypeInNameList, const NameList *, List) {
  return hasListedType(Node.getType(), *List);
}

} // namespace corolint

#endif
