//===--- Names.cpp - qualified-name lists from check options --------------===//

#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace corolint {

std::string qualifiedName(const NamedDecl &Decl) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  if (const IdentifierInfo *Id = Decl.getIdentifier())
    Parts.push_back(Id->getName());
  else
    return "";
  for (const DeclContext *Context = Decl.getDeclContext(); Context;
       Context = Context->getParent()) {
    if (const auto *Namespace = llvm::dyn_cast<NamespaceDecl>(Context)) {
      if (Namespace->isInline() || Namespace->isAnonymousNamespace())
        continue;
      Parts.push_back(Namespace->getName());
    } else if (const auto *Record = llvm::dyn_cast<RecordDecl>(Context)) {
      if (!Record->getIdentifier())
        return ""; // a member of an unnamed class is nobody's API
      Parts.push_back(Record->getName());
    } else if (llvm::isa<FunctionDecl>(Context)) {
      return ""; // local entities are never runtime API
    }
  }
  std::string Result;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    Result += "::";
    Result += *It;
  }
  return Result;
}

bool isListed(const NamedDecl &Decl, const NameList &List) {
  // Cheap rejection on the unqualified name before building the qualified one.
  if (!Decl.getIdentifier() || (!List.hasWildcard() && !List.listsLastSegment(Decl.getName())))
    return false;
  return List.contains(qualifiedName(Decl));
}

const NamedDecl *namingDecl(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>()) {
    // An alias template (`std::conditional_t<...>`, `using task_of = ...`)
    // names what it stands for.
    if (Specialization->isTypeAlias())
      return namingDecl(Specialization->getAliasedType());
    if (const TemplateDecl *Template = Specialization->getTemplateName().getAsTemplateDecl())
      return Template;
  }
  if (const auto *Record = Type->getAsRecordDecl())
    return Record;
  return nullptr;
}

bool hasListedType(QualType Type, const NameList &List, bool ThroughPointers) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (ThroughPointers && Type->isPointerType())
    Type = Type->getPointeeType();
  const NamedDecl *Named = namingDecl(Type);
  return Named && isListed(*Named, List);
}

bool expandedFromMacro(SourceLocation Loc, const SourceManager &Sources,
                       const LangOptions &Language, llvm::function_ref<bool(llvm::StringRef)> Named) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    if (Named(Lexer::getImmediateMacroName(Loc, Sources, Language)))
      return true;
    Loc = Sources.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

std::string inheritedMethodName(const CXXMemberCallExpr &Call, const NameList &Listed) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const Expr *ObjectExpr = Call.getImplicitObjectArgument();
  if (!ObjectExpr)
    return "";
  // The object as written: the call converts it to the declaring base.
  QualType ObjectType = ObjectExpr->IgnoreParenImpCasts()->getType();
  if (ObjectType->isPointerType())
    ObjectType = ObjectType->getPointeeType();
  const CXXRecordDecl *Object = ObjectType->getAsCXXRecordDecl();
  if (!Method || !Method->getIdentifier() || !Object || !Object->hasDefinition())
    return "";
  const CXXRecordDecl *Declaring = Method->getParent()->getCanonicalDecl();
  llvm::StringRef Short = Method->getName();
  // Cheap rejections first: most calls are of methods their class declares, or not listed.
  if (Object->getCanonicalDecl() == Declaring ||
      !Listed.listsLastSegment(Short))
    return "";
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes = {Object};
  for (size_t Index = 0; Index < Classes.size(); ++Index) {
    const CXXRecordDecl *Class = Classes[Index];
    if (Class->getCanonicalDecl() == Declaring)
      continue;
    std::string Name = qualifiedName(*Class) + "::" + Short.str();
    if (Listed.contains(Name))
      return Name;
    for (const CXXBaseSpecifier &Base : Class->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
          BaseClass && BaseClass->hasDefinition() &&
          (BaseClass->getCanonicalDecl() == Declaring || BaseClass->isDerivedFrom(Declaring)))
        Classes.push_back(BaseClass);
  }
  return "";
}


} // namespace corolint
