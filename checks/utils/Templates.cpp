//===--- Templates.cpp - the instantiations of a template's statement -----===//

#include "Templates.h"
#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace corolint {

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

namespace {

/// \p S instantiates \p Pattern, given the same source range: the same kind
/// of statement, or any call for a call (`q.get()` on a dependent `q` becomes
/// a member call).
bool sameKind(const Stmt &S, const Stmt &Pattern) {
  return S.getStmtClass() == Pattern.getStmtClass() ||
         (llvm::isa<CallExpr>(S) && llvm::isa<CallExpr>(Pattern));
}

} // namespace

llvm::SmallVector<const Stmt *, 4> Instantiations::of(const Stmt &Pattern, ASTContext &Context,
                                                      unsigned Limit) {
  llvm::SmallVector<const Stmt *, 4> Statements;
  const FunctionDecl *Function = contextOf(Pattern, Context).Function;
  if (!Function || !Function->isDependentContext())
    return Statements;
  Range Key{Pattern.getBeginLoc().getRawEncoding(), Pattern.getEndLoc().getRawEncoding()};
  for (const FunctionDecl *Instance : instantiatedFunctions(*Function, Limit)) {
    auto [Entry, Inserted] = Index.try_emplace(Instance);
    if (Inserted) {
      // Without recursion: deeply nested expressions must not exhaust the stack.
      llvm::SmallVector<const Stmt *, 32> Work{Instance->getBody()};
      while (!Work.empty()) {
        const Stmt *S = Work.pop_back_val();
        if (!S)
          continue;
        Entry->second[{S->getBeginLoc().getRawEncoding(), S->getEndLoc().getRawEncoding()}]
            .push_back(S);
        for (const Stmt *Child : S->children())
          Work.push_back(Child);
      }
    }
    auto Found = Entry->second.find(Key);
    if (Found == Entry->second.end())
      continue;
    for (const Stmt *S : Found->second)
      if (sameKind(*S, Pattern)) {
        Statements.push_back(S);
        break;
      }
  }
  return Statements;
}

} // namespace corolint
