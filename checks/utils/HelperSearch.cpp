//===--- HelperSearch.cpp - follow a coroutine's calls into plain helpers -===//

#include "HelperSearch.h"
#include "Coroutines.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace corolint {

namespace {

/// Calls and constructions in a helper's body; lambdas are other functions.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Calls.push_back(Construct);
    return true;
  }
  std::vector<const Expr *> Calls;
};

const FunctionDecl *definitionOf(const FunctionDecl *Function) {
  return Function ? Function->getDefinition() : nullptr;
}

} // namespace

bool isVirtualDispatch(const Expr &E) {
  const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(&E);
  const auto *Member =
      Call ? llvm::dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens()) : nullptr;
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  // performsVirtualDispatch reads only the syntax (no `Base::` qualifier).
  return Member && Method && Method->isVirtual() &&
         Member->performsVirtualDispatch(Method->getASTContext().getLangOpts()) &&
         !Method->getDevirtualizedMethod(Member->getBase(), /*IsAppleKext=*/false);
}

bool isEnterableHelper(const FunctionDecl &Definition, const SourceManager &Sources,
                       const NameList *KnownNonBlocking) {
  return Definition.hasBody() && !isCoroutine(Definition) &&
         !Sources.isInSystemHeader(Definition.getLocation()) &&
         !(KnownNonBlocking && isListed(Definition, *KnownNonBlocking));
}

std::vector<const Expr *> callsIn(const FunctionDecl &Definition) {
  CallCollector Collector;
  Collector.TraverseStmt(Definition.getBody());
  return std::move(Collector.Calls);
}

const FunctionDecl *calleeOf(const Expr &E) {
  if (const auto *Call = llvm::dyn_cast<CallExpr>(&E))
    return Call->getDirectCallee();
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(&E))
    return Construct->getConstructor();
  return nullptr;
}

HelperSearch::HelperSearch(Predicate IsTarget)
    : IsTarget(std::move(IsTarget)), Reach([this](HelperReach::FunctionId Id) {
        return describe(*static_cast<const FunctionDecl *>(Id));
      }) {}

HelperReach::Function HelperSearch::describe(const FunctionDecl &Definition) const {
  HelperReach::Function Described;
  Described.Enterable = isEnterableHelper(Definition, *Sources, NotEntered);
  if (!Described.Enterable)
    return Described;
  for (const Expr *Call : callsIn(Definition)) {
    HelperReach::Call &Made = Described.Calls.emplace_back();
    Made.Site = Call;
    Made.IsTarget = IsTarget(*Call);
    if (!FollowVirtual && isVirtualDispatch(*Call)) {
      MetVirtual = true;
      continue;
    }
    if (const FunctionDecl *Callee = definitionOf(calleeOf(*Call)))
      Made.Callees.push_back(Callee);
  }
  return Described;
}

const Expr *HelperSearch::find(const FunctionDecl &Function, unsigned Depth,
                               const SourceManager &Sources) {
  const FunctionDecl *Definition = definitionOf(&Function);
  if (!Definition)
    return nullptr;
  this->Sources = &Sources;
  std::optional<HelperReach::Path> Path = Reach.reach({Definition}, Depth);
  return Path ? static_cast<const Expr *>(Path->Target) : nullptr;
}

} // namespace corolint
