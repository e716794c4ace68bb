//===--- FlowGraph.h - a body's CFG, its points, and walks along its paths ===//
//
// The flow library every path question is asked through ("is the lock
// released before a suspension point?", "is the task consumed on every
// path?", "is the value used after a co_await?"): the CFG of a body, built
// one way and once per function, a point in it, and one forward walk over
// its paths. The questions (SuspensionPaths, Flow) only say what each
// element means to them.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_FLOWGRAPH_H
#define COROLINT_CHECKS_UTILS_FLOWGRAPH_H

#include "Budget.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <optional>

namespace corolint {

/// The CFG of \p Function's own statements (for a coroutine, the body it was
/// written with), every expression its own element, scope ends and implicit
/// destructors included. Null when Clang cannot build one.
std::unique_ptr<clang::CFG> buildBodyCFG(const clang::FunctionDecl &Function,
                                         clang::ASTContext &Context);

/// The body CFGs of the functions one check looks at, built once per
/// translation unit, each with the work budget of the queries on it.
class BodyGraphs {
public:
  /// Null when Clang cannot build one.
  const clang::CFG *get(const clang::FunctionDecl &Function, clang::ASTContext &Context);
  /// What the path queries of \p Function may still cost (WorkBudget::PerFunction
  /// CFG elements in all: each query is linear in the CFG, but a check asks one
  /// per lock or per read, so a body's cost is their product).
  WorkBudget &budget(const clang::FunctionDecl &Function, clang::ASTContext &Context);
  void clear() {
    Graphs.clear();
    Budgets.clear();
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>> Graphs;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<WorkBudget>> Budgets;
};

/// A point of a CFG: just before element \p Index of \p Block.
struct FlowPoint {
  const clang::CFGBlock *Block = nullptr;
  unsigned Index = 0;
};

/// The point just after the first statement element \p Wanted accepts (in
/// block order); nothing when there is none, or the search would overdraw
/// \p Budget.
std::optional<FlowPoint> pointAfter(const clang::CFG &Graph,
                                    llvm::function_ref<bool(const clang::Stmt &)> Wanted,
                                    WorkBudget *Budget = nullptr);

/// What a walk does after an element.
enum class Step {
  Continue, ///< go on along this path
  EndPath,  ///< this path is done (a release, a consuming use)
  Stop,     ///< the whole walk is done (the answer is found)
};

/// Walks every path forward from \p Start, breadth first. A path carries a
/// mark (null at the start; \p Visit may set it, say to the first suspension
/// point the path passed), and each block is entered at most once unmarked
/// and once marked: linear in the CFG. A path ends at a block that does not
/// return; one that reaches the function's exit is handed to \p AtExit.
/// False when the walk would overdraw \p Budget (the caller then stays
/// silent: no finding rather than a guess).
bool walkForward(const clang::CFG &Graph, FlowPoint Start,
                 llvm::function_ref<Step(const clang::CFGElement &, const clang::Stmt *&Mark)> Visit,
                 WorkBudget *Budget = nullptr,
                 llvm::function_ref<Step(const clang::Stmt *Mark)> AtExit = nullptr);

} // namespace corolint

#endif
