//===--- SuspensionPaths.cpp - is there a suspension point on the way? ----===//

#include "SuspensionPaths.h"
#include "Coroutines.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

namespace {

/// The CFG splits `int a = x, b = y;` into one synthesized DeclStmt per variable.
bool sameStatement(const Stmt *Element, const Stmt &Wanted) {
  if (Element == &Wanted)
    return true;
  const auto *A = llvm::dyn_cast_or_null<DeclStmt>(Element);
  const auto *B = llvm::dyn_cast<DeclStmt>(&Wanted);
  return A && B && *A->decl_begin() == *B->decl_begin();
}

const Stmt *search(const CFG &Graph, const Stmt &From, const Stmt *To, PathEnd Ends,
                   WorkBudget *Budget) {
  std::optional<FlowPoint> Start =
      pointAfter(Graph, [&](const Stmt &S) { return sameStatement(&S, From); }, Budget);
  if (!Start)
    return nullptr;
  // A path's mark is the first suspension it passed on the way to \p To.
  const Stmt *Found = nullptr;
  auto Visit = [&](const CFGElement &Element, const Stmt *&Suspended) {
    if (Ends(Element))
      return Step::EndPath;
    auto S = Element.getAs<CFGStmt>();
    if (!S)
      return Step::Continue;
    if (To && Suspended && sameStatement(S->getStmt(), *To)) {
      Found = Suspended;
      return Step::Stop;
    }
    if (isSuspensionPoint(S->getStmt())) {
      if (!To) {
        Found = S->getStmt();
        return Step::Stop;
      }
      if (!Suspended)
        Suspended = S->getStmt();
    }
    return Step::Continue;
  };
  // Overdrawn: silent, no finding rather than a guess.
  return walkForward(Graph, *Start, Visit, Budget) ? Found : nullptr;
}

} // namespace

const Stmt *suspensionAfter(const CFG &Graph, const Stmt &From, PathEnd Ends,
                            WorkBudget *Budget) {
  return search(Graph, From, nullptr, Ends, Budget);
}

const Stmt *suspensionBetween(const CFG &Graph, const Stmt &From, const Stmt &To, PathEnd Ends,
                              WorkBudget *Budget) {
  return search(Graph, From, &To, Ends, Budget);
}

} // namespace corolint
