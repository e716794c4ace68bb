//===--- SuspensionPaths.cpp - is there a suspension point on the way? ----===//

#include "SuspensionPaths.h"
#include "Coroutines.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"

#include <deque>
#include <tuple>

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
  const CFGBlock *StartBlock = nullptr;
  unsigned StartIndex = 0;
  for (const CFGBlock *Block : Graph) {
    if (Budget && !Budget->spend(Block->size() + 1))
      return nullptr;
    for (unsigned I = 0; I < Block->size() && !StartBlock; ++I)
      if (auto Element = (*Block)[I].getAs<CFGStmt>(); Element && sameStatement(Element->getStmt(), From)) {
        StartBlock = Block;
        StartIndex = I + 1;
      }
    if (StartBlock)
      break;
  }
  if (!StartBlock)
    return nullptr;

  // States are (block, first element, the suspension passed so far); a block
  // is worth entering once without and once with a suspension behind it.
  llvm::DenseSet<std::pair<const CFGBlock *, unsigned>> Visited;
  std::deque<std::tuple<const CFGBlock *, unsigned, const Stmt *>> Work{
      {StartBlock, StartIndex, nullptr}};
  while (!Work.empty()) {
    auto [Block, First, Suspended] = Work.front();
    Work.pop_front();
    if (Budget && !Budget->spend(Block->size() + 1))
      return nullptr; // silent: no finding rather than a guess
    bool Cut = false;
    for (unsigned I = First; I < Block->size() && !Cut; ++I) {
      const CFGElement &Element = (*Block)[I];
      if (Ends(Element)) {
        Cut = true;
        break;
      }
      auto S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      if (To && Suspended && sameStatement(S->getStmt(), *To))
        return Suspended;
      if (isSuspensionPoint(S->getStmt())) {
        if (!To)
          return S->getStmt();
        if (!Suspended)
          Suspended = S->getStmt();
      }
    }
    if (Cut || Block->hasNoReturnElement())
      continue;
    for (const CFGBlock::AdjacentBlock &Successor : Block->succs())
      if (const CFGBlock *Next = Successor.getReachableBlock())
        if (Visited.insert({Next, Suspended ? 1u : 0u}).second)
          Work.push_back({Next, 0, Suspended});
  }
  return nullptr;
}

} // namespace

std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl &Function, ASTContext &Context) {
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddLifetime = true;
  Options.AddImplicitDtors = true;
  return CFG::buildCFG(&Function, const_cast<Stmt *>(Body), &Context, Options);
}

const CFG *BodyGraphs::get(const FunctionDecl &Function, ASTContext &Context) {
  auto [It, Inserted] = Graphs.try_emplace(&Function);
  if (Inserted)
    It->second = buildBodyCFG(Function, Context);
  return It->second.get();
}

WorkBudget &BodyGraphs::budget(const FunctionDecl &Function, ASTContext &Context) {
  auto [It, Inserted] = Budgets.try_emplace(&Function);
  if (Inserted)
    It->second = std::make_unique<WorkBudget>(
        WorkBudget::PerFunction, "suspension paths", coroutineDisplayName(Function),
        Function.getLocation().printToString(Context.getSourceManager()));
  return *It->second;
}

const Stmt *suspensionAfter(const CFG &Graph, const Stmt &From, PathEnd Ends,
                            WorkBudget *Budget) {
  return search(Graph, From, nullptr, Ends, Budget);
}

const Stmt *suspensionBetween(const CFG &Graph, const Stmt &From, const Stmt &To, PathEnd Ends,
                              WorkBudget *Budget) {
  return search(Graph, From, &To, Ends, Budget);
}

} // namespace corolint
