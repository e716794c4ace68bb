//===--- FlowGraph.cpp - a body's CFG, its points, and walks along its paths ===//

#include "FlowGraph.h"
#include "Coroutines.h"

#include "llvm/ADT/DenseSet.h"

#include <deque>
#include <tuple>

using namespace clang;

namespace corolint {

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

std::optional<FlowPoint> pointAfter(const CFG &Graph, llvm::function_ref<bool(const Stmt &)> Wanted,
                                    WorkBudget *Budget) {
  for (const CFGBlock *Block : Graph) {
    if (Budget && !Budget->spend(Block->size() + 1))
      return std::nullopt;
    for (unsigned I = 0; I < Block->size(); ++I)
      if (auto Element = (*Block)[I].getAs<CFGStmt>(); Element && Wanted(*Element->getStmt()))
        return FlowPoint{Block, I + 1};
  }
  return std::nullopt;
}

bool walkForward(const CFG &Graph, FlowPoint Start,
                 llvm::function_ref<Step(const CFGElement &, const Stmt *&Mark)> Visit,
                 WorkBudget *Budget, llvm::function_ref<Step(const Stmt *Mark)> AtExit) {
  llvm::DenseSet<std::pair<const CFGBlock *, unsigned>> Entered;
  std::deque<std::tuple<const CFGBlock *, unsigned, const Stmt *>> Work{
      {Start.Block, Start.Index, nullptr}};
  while (!Work.empty()) {
    auto [Block, First, Mark] = Work.front();
    Work.pop_front();
    if (Budget && !Budget->spend(Block->size() + 1))
      return false;
    bool PathEnded = false;
    for (unsigned I = First; I < Block->size() && !PathEnded; ++I)
      switch (Visit((*Block)[I], Mark)) {
      case Step::Continue: break;
      case Step::EndPath: PathEnded = true; break;
      case Step::Stop: return true;
      }
    if (PathEnded || Block->hasNoReturnElement())
      continue;
    if (Block == &Graph.getExit() && AtExit) {
      if (AtExit(Mark) == Step::Stop)
        return true;
      continue;
    }
    for (const CFGBlock::AdjacentBlock &Successor : Block->succs())
      if (const CFGBlock *Next = Successor.getReachableBlock())
        if (Entered.insert({Next, Mark ? 1u : 0u}).second)
          Work.push_back({Next, 0, Mark});
  }
  return true;
}

} // namespace corolint
