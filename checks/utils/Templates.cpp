//===--- Templates.cpp - the instantiations of a template's statement -----===//

#include "Templates.h"
#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace corolint {

namespace {

/// The functions instantiated from \p Pattern that have a body.
llvm::SmallVector<const FunctionDecl *, 4> instantiatedFunctions(const FunctionDecl &Pattern,
                                                                 unsigned Limit) {
  llvm::SmallVector<const FunctionDecl *, 4> Found;
  auto Add = [&](const FunctionDecl *Function) {
    if (Found.size() < Limit && Function && Function->hasBody() && Function != &Pattern)
      Found.push_back(Function);
  };
  if (const FunctionTemplateDecl *Template = Pattern.getDescribedFunctionTemplate()) {
    for (const FunctionDecl *Specialization : Template->specializations())
      Add(Specialization);
    return Found;
  }
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Pattern);
  const ClassTemplateDecl *Class =
      Method ? Method->getParent()->getDescribedClassTemplate() : nullptr;
  if (!Class)
    return Found;
  for (const ClassTemplateSpecializationDecl *Specialization : Class->specializations())
    for (const CXXMethodDecl *Member : Specialization->methods())
      if (Member->getInstantiatedFromMemberFunction() == Method)
        Add(Member);
  return Found;
}

/// The statement of \p Kind that begins at \p Loc in \p Root, searched
/// without recursion and bounded by the body's size.
const Stmt *statementAt(const Stmt *Root, Stmt::StmtClass Kind, SourceLocation Loc) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (S->getStmtClass() == Kind && S->getBeginLoc() == Loc)
      return S;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return nullptr;
}

} // namespace

llvm::SmallVector<const Stmt *, 4> instantiationsOf(const Stmt &Pattern, ASTContext &Context,
                                                    unsigned Limit) {
  llvm::SmallVector<const Stmt *, 4> Statements;
  const FunctionDecl *Function = contextOf(Pattern, Context).Function;
  if (!Function || !Function->isDependentContext())
    return Statements;
  for (const FunctionDecl *Instance : instantiatedFunctions(*Function, Limit))
    if (const Stmt *S = statementAt(Instance->getBody(), Pattern.getStmtClass(),
                                    Pattern.getBeginLoc()))
      Statements.push_back(S);
  return Statements;
}

} // namespace corolint
