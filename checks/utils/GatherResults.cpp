//===--- GatherResults.cpp - what happens to gather(return_exceptions)'s results ===//

#include "GatherResults.h"
#include "Statements.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace corolint {

namespace {

/// Outcome accessors of result types (aio::result, folly::Try, async_simple::Try).
bool readsError(llvm::StringRef Name) {
  return llvm::is_contained({"error", "exception", "hasException", "has_error", "getException"},
                            Name);
}
bool filtersErrors(llvm::StringRef Name) {
  return llvm::is_contained({"has_value", "hasValue", "available"}, Name);
}

/// `std::move(x)`: the call, when \p E is one.
const CallExpr *asMove(const Expr *E) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  bool Move = Callee && Call->getNumArgs() == 1 && Callee->isInStdNamespace() &&
              Callee->getIdentifier() && Callee->getName() == "move";
  return Move ? Call : nullptr;
}

/// What the statements after a gather do with its results.
class ResultUses : public RecursiveASTVisitor<ResultUses> {
public:
  ResultUses(const NameList &ResultTypes, const llvm::Regex &Logging, SourceLocation After,
             ASTContext &Context)
      : ResultTypes(ResultTypes), Logging(Logging), After(After),
        Sources(Context.getSourceManager()), Context(Context) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (!isAfter(Call->getBeginLoc()) || !Call->getMethodDecl())
      return true;
    if (hasListedType(Call->getImplicitObjectArgument()->getType(), ResultTypes, true)) {
      // "operator*", "operator bool": getName() asserts on names that are not identifiers.
      std::string Name = Call->getMethodDecl()->getNameAsString();
      if (readsError(Name))
        ReadsErrors = true;
      else if (filtersErrors(Name) || llvm::isa<CXXConversionDecl>(Call->getMethodDecl()))
        (onlyFilters(*Call) ? FiltersErrors : TestsOutcome) = true;
      else if (Name == "value" || Name == "operator*" || Name == "operator->")
        ReadsValues = true;
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (isAfter(Call->getBeginLoc()))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->getIdentifier() && Logging.match(Callee->getName()))
          Logs = true;
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *Throw) {
    Rethrows |= isAfter(Throw->getBeginLoc());
    return true;
  }
  /// `unpack(std::move(results))`, `co_return results;`: handed on.
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (!Results || Ref->getDecl() != Results || !isAfter(Ref->getBeginLoc()))
      return true;
    // Through std::move and the copy or move that passes it by value.
    const Expr *Passed = Ref;
    DynTypedNode Parent = semanticParent(*Passed, Context);
    for (int Steps = 0; Steps < 2; ++Steps) {
      const CallExpr *Move = asMove(Parent.get<CallExpr>());
      const auto *Copy = Parent.get<CXXConstructExpr>();
      if (!Move && !(Copy && Copy->getNumArgs() == 1))
        break;
      Passed = Move ? static_cast<const Expr *>(Move) : Copy;
      Parent = semanticParent(*Passed, Context);
    }
    // The standard library's (`std::size(results)`) only reads the container.
    if (const auto *Call = Parent.get<CallExpr>();
        Call && !(Call->getDirectCallee() && Call->getDirectCallee()->isInStdNamespace()))
      HandsOn |= llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
        return Arg->IgnoreUnlessSpelledInSource() == Passed->IgnoreUnlessSpelledInSource();
      });
    HandsOn |= Parent.get<ReturnStmt>() || Parent.get<CoreturnStmt>();
    return true;
  }
  bool ReadsErrors = false, FiltersErrors = false, TestsOutcome = false, ReadsValues = false,
       Logs = false, Rethrows = false, HandsOn = false;
  const VarDecl *Results = nullptr;

private:
  bool isAfter(SourceLocation Loc) const { return Sources.isBeforeInTranslationUnit(After, Loc); }
  /// `if (r.has_value()) use(*r);` with no else skips a failure without a
  /// word. Anything else that tests the outcome looks at it: a negation
  /// (`if (!r)` acts on the failure), an else branch, an assertion's
  /// argument (`EXPECT_TRUE(r.has_value())`), a returned or stored verdict.
  bool onlyFilters(const Expr &Test) const {
    DynTypedNode Parent = semanticParent(Test, Context);
    if (const auto *If = Parent.get<IfStmt>())
      return !If->getElse();
    if (const auto *Binary = Parent.get<BinaryOperator>())
      return Binary->getOpcode() == BO_LAnd;
    return false;
  }
  const NameList &ResultTypes;
  const llvm::Regex &Logging;
  SourceLocation After;
  const SourceManager &Sources;
  ASTContext &Context;
};

/// The variable or member \p E names, if it names one.
const ValueDecl *namedVariable(const Expr &E) {
  const Expr *Stripped = E.IgnoreUnlessSpelledInSource();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Stripped))
    return Ref->getDecl();
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(Stripped))
    return Member->getMemberDecl();
  return nullptr;
}

/// The variables \p Gather awaits (after its tag): handles, or containers of them.
llvm::SmallVector<const ValueDecl *, 4> gatheredVariables(const CallExpr &Gather) {
  llvm::SmallVector<const ValueDecl *, 4> Variables;
  for (unsigned I = 1; I < Gather.getNumArgs(); ++I) {
    const Expr *Argument = Gather.getArg(I)->IgnoreUnlessSpelledInSource();
    if (const auto *Move = llvm::dyn_cast<CallExpr>(Argument);
        Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
        Move->getDirectCallee()->getIdentifier() && Move->getDirectCallee()->getName() == "move")
      Argument = Move->getArg(0)->IgnoreUnlessSpelledInSource();
    const ValueDecl *Variable = namedVariable(*Argument);
    if (!Variable)
      return {}; // a fresh task: nothing was cancelled
    Variables.push_back(Variable);
  }
  return Variables;
}

/// `h.cancel()` for a gathered handle `h`, or for the variable of a range-for
/// over a gathered container (`for (auto &h : handles) h.cancel();`).
class CancelFinder : public RecursiveASTVisitor<CancelFinder> {
public:
  CancelFinder(llvm::ArrayRef<const ValueDecl *> Gathered, SourceLocation Before,
               const SourceManager &Sources)
      : Gathered(Gathered), Before(Before), Sources(Sources) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *Loop) {
    const ValueDecl *Range = namedVariable(*Loop->getRangeInit());
    if (Range && llvm::is_contained(Gathered, Range))
      Aliases.push_back({Loop->getLoopVariable(), Range});
    return RecursiveASTVisitor::TraverseCXXForRangeStmt(Loop);
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained({"cancel", "request_stop", "requestCancellation"}, Method->getName()) ||
        !Sources.isBeforeInTranslationUnit(Call->getBeginLoc(), Before))
      return true;
    const ValueDecl *Cancelled = namedVariable(*Call->getImplicitObjectArgument());
    if (!Cancelled)
      return true;
    for (const auto &[Element, Container] : Aliases)
      if (Element == Cancelled)
        Cancelled = Container;
    if (llvm::is_contained(Gathered, Cancelled))
      Done.insert(Cancelled);
    return true;
  }
  llvm::SmallPtrSet<const ValueDecl *, 4> Done;

private:
  llvm::ArrayRef<const ValueDecl *> Gathered;
  SourceLocation Before;
  const SourceManager &Sources;
  llvm::SmallVector<std::pair<const VarDecl *, const ValueDecl *>, 2> Aliases;
};

} // namespace

bool gatherErrorsInspected(const CallExpr &Gather, const FunctionDecl &Function,
                           const VarDecl *Results, const NameList &ResultTypes,
                           const llvm::Regex &Logging, ASTContext &Context) {
  ResultUses Uses(ResultTypes, Logging, Gather.getEndLoc(), Context);
  Uses.Results = Results;
  Uses.TraverseStmt(Function.getBody());
  bool ErrorsSeen =
      Uses.ReadsErrors || Uses.TestsOutcome || Uses.Logs || Uses.Rethrows || Uses.HandsOn;
  // value() on a failed result rethrows, so reading values without a filter loses nothing.
  bool ErrorsFilteredOut = Uses.FiltersErrors || !Uses.ReadsValues;
  return ErrorsSeen || !ErrorsFilteredOut;
}

/// Every handle \p Gather awaits was cancelled earlier in \p Function.
bool gathersWhatItCancelled(const CallExpr &Gather, const FunctionDecl &Function,
                            ASTContext &Context) {
  llvm::SmallVector<const ValueDecl *, 4> Gathered = gatheredVariables(Gather);
  if (Gathered.empty() || !Function.getBody())
    return false;
  CancelFinder Finder(Gathered, Gather.getBeginLoc(), Context.getSourceManager());
  Finder.TraverseStmt(Function.getBody());
  return Finder.Done.size() == llvm::SmallPtrSet<const ValueDecl *, 4>(Gathered.begin(),
                                                                          Gathered.end())
                                   .size();
}

} // namespace corolint
