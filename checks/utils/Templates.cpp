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
      if (const FunctionDecl *From = Member->getInstantiatedFromMemberFunction();
          From && From->getCanonicalDecl() == Method->getCanonicalDecl())
        Add(Member);
  return Found;
}

/// \p S instantiates \p Pattern: the same kind of statement (any call for a
/// call: `q.get()` on a dependent `q` becomes a member call) over the same range.
bool instantiates(const Stmt &S, const Stmt &Pattern) {
  bool SameKind = S.getStmtClass() == Pattern.getStmtClass() ||
                  (llvm::isa<CallExpr>(S) && llvm::isa<CallExpr>(Pattern));
  return SameKind && S.getBeginLoc() == Pattern.getBeginLoc() &&
         S.getEndLoc() == Pattern.getEndLoc();
}

/// The statement instantiating \p Pattern in \p Root, searched without
/// recursion and bounded by the body's size.
const Stmt *statementAt(const Stmt *Root, const Stmt &Pattern) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (instantiates(*S, Pattern))
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
    if (const Stmt *S = statementAt(Instance->getBody(), Pattern))
      Statements.push_back(S);
  return Statements;
}

} // namespace corolint
