//===--- HelperSearch.cpp - follow a coroutine's calls into plain helpers -===//

#include "HelperSearch.h"
#include "Coroutines.h"
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

} // namespace

const FunctionDecl *calleeOf(const Expr &E) {
  if (const auto *Call = llvm::dyn_cast<CallExpr>(&E))
    return Call->getDirectCallee();
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(&E))
    return Construct->getConstructor();
  return nullptr;
}

const Expr *HelperSearch::find(const FunctionDecl &Function, unsigned Depth,
                               const SourceManager &Sources, Predicate IsTarget) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->hasBody() || isCoroutine(*Definition) ||
      Sources.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  auto [It, Inserted] = Verdicts.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second; // known, or being explored (recursion): nothing new there
  CallCollector Collector;
  Collector.TraverseStmt(Definition->getBody());
  const Expr *Found = nullptr;
  for (const Expr *Call : Collector.Calls)
    if (IsTarget(*Call)) {
      Found = Call;
      break;
    }
  if (!Found && Depth > 1)
    for (const Expr *Call : Collector.Calls)
      if (const FunctionDecl *Callee = calleeOf(*Call))
        if ((Found = find(*Callee, Depth - 1, Sources, IsTarget)))
          break;
  Verdicts[Definition] = Found;
  return Found;
}

} // namespace corolint
