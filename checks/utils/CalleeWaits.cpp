//===--- CalleeWaits.cpp - plain callees that wait for the task they start ===//

#include "CalleeWaits.h"
#include "Coroutines.h"
#include "SameObject.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

// The matchers say TK_AsIs: a check may run under IgnoreUnlessSpelledInSource,
// where a statement that is an implicit node (ExprWithCleanups) matches nothing.
bool names(const Stmt &S, const ValueDecl &Decl, ASTContext &Context) {
  return !match(traverse(TK_AsIs, findAll(declRefExpr(to(decl(equalsNode(&Decl)))))), S, Context)
              .empty();
}

/// \p Start names \p Signal, or what \p Signal was made from
/// (`auto done = p.get_future();` before `start(... p.set_value() ...)`).
bool signalledBy(const Stmt &Start, const VarDecl &Signal, ASTContext &Context) {
  if (names(Start, Signal, Context))
    return true;
  if (!Signal.getInit() || !Signal.hasLocalStorage())
    return false;
  for (const BoundNodes &Bound :
       match(traverse(TK_AsIs, findAll(declRefExpr(to(varDecl().bind("source"))))),
             *Signal.getInit(), Context))
    if (names(Start, *Bound.getNodeAs<VarDecl>("source"), Context))
      return true;
  return false;
}

constexpr size_t MaxStatementsToWait = 16;

} // namespace

const CallExpr *waitForStartedParameter(const FunctionDecl &Callee, unsigned ParamIndex,
                                        ASTContext &Context, const NameList &Waits) {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition || Waits.empty() || ParamIndex >= Definition->getNumParams() ||
      isCoroutine(*Definition))
    return nullptr;
  const auto *Body = llvm::dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body)
    return nullptr;
  const ParmVarDecl &Param = *Definition->getParamDecl(ParamIndex);
  // Only the body's own statements: each runs whenever the callee returns
  // normally. From the first that uses the parameter on, they start the task
  // and hand its completion a signal (`s.start([&p] { p.set_value(); })`).
  llvm::SmallVector<const Stmt *, 4> Started;
  for (const Stmt *S : Body->body()) {
    if (Started.empty() && !names(*S, Param, Context))
      continue;
    // Bound: a wait this far from the start is not the start's (work stays
    // linear in the body, times this constant).
    if (Started.size() == MaxStatementsToWait)
      return nullptr;
    Started.push_back(S);
    for (const BoundNodes &Bound :
         match(traverse(TK_AsIs, findAll(cxxMemberCallExpr().bind("wait"))), *S, Context)) {
      const auto *Wait = Bound.getNodeAs<CXXMemberCallExpr>("wait");
      const CXXMethodDecl *Method = Wait->getMethodDecl();
      if (!Method || (!isListed(*Method, Waits) && inheritedMethodName(*Wait, Waits).empty()))
        continue;
      const Expr *Object = Wait->getImplicitObjectArgument();
      const VarDecl *Signal = Object ? rootVariable(*Object) : nullptr;
      if (Signal && Signal != &Param && llvm::any_of(Started, [&](const Stmt *Start) {
            return Start != S && signalledBy(*Start, *Signal, Context);
          }))
        return Wait;
    }
  }
  return nullptr;
}

} // namespace corolint
