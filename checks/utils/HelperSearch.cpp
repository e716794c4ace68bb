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

const std::vector<const Expr *> &HelperSearch::callsOf(const FunctionDecl &Definition) {
  auto [It, Inserted] = Calls.try_emplace(&Definition);
  if (Inserted) {
    CallCollector Collector;
    Collector.TraverseStmt(Definition.getBody());
    It->second = std::move(Collector.Calls);
  }
  return It->second;
}

const Expr *HelperSearch::find(const FunctionDecl &Function, unsigned Depth,
                               const SourceManager &Sources, Predicate IsTarget) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (Depth == 0 || !Definition || !Definition->hasBody() || isCoroutine(*Definition) ||
      Sources.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  // Recursion ends with the depth: each step goes one level down.
  auto Key = std::make_pair(Definition, Depth);
  if (auto It = Verdicts.find(Key); It != Verdicts.end())
    return It->second;
  // Copied: the recursive calls below may grow the table it lives in.
  std::vector<const Expr *> Body = callsOf(*Definition);
  const Expr *Found = nullptr;
  for (const Expr *Call : Body)
    if (IsTarget(*Call)) {
      Found = Call;
      break;
    }
  if (!Found && Depth > 1)
    for (const Expr *Call : Body)
      if (const FunctionDecl *Callee = calleeOf(*Call))
        if ((Found = find(*Callee, Depth - 1, Sources, IsTarget)))
          break;
  Verdicts[Key] = Found;
  return Found;
}

} // namespace corolint
