//===--- LoopDependence.cpp - could a loop's iterations run at once? ------===//

#include "LoopDependence.h"
#include "Loops.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace clang;

namespace corolint {

namespace {

const Expr *strip(const Expr *E) { return E ? E->IgnoreParenImpCasts() : nullptr; }

/// The variables and members an expression reads.
class ReadCollector : public RecursiveASTVisitor<ReadCollector> {
public:
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Reads.push_back(Ref->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    Reads.push_back(Member->getMemberDecl());
    return true;
  }
  std::vector<const ValueDecl *> Reads;
};

/// Statements that leave a loop from its body; nested loops and switches own
/// their breaks, and lambdas are other functions.
class EarlyExitFinder : public RecursiveASTVisitor<EarlyExitFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseForStmt(ForStmt *S) { return nested([&] { return Base::TraverseForStmt(S); }); }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return nested([&] { return Base::TraverseCXXForRangeStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) { return nested([&] { return Base::TraverseWhileStmt(S); }); }
  bool TraverseDoStmt(DoStmt *S) { return nested([&] { return Base::TraverseDoStmt(S); }); }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    return nested([&] { return Base::TraverseSwitchStmt(S); });
  }
  bool VisitBreakStmt(BreakStmt *) {
    Found |= Nesting == 0;
    return !Found;
  }
  bool VisitReturnStmt(ReturnStmt *) { return !(Found = true); }
  bool VisitCoreturnStmt(CoreturnStmt *) { return !(Found = true); }
  bool VisitGotoStmt(GotoStmt *) { return !(Found = true); }
  bool Found = false;

private:
  using Base = RecursiveASTVisitor<EarlyExitFinder>;
  template <typename F> bool nested(F Traverse) {
    ++Nesting;
    bool Continue = Traverse();
    --Nesting;
    return Continue;
  }
  unsigned Nesting = 0;
};

bool isNonConstReferenceOrPointer(QualType Param) {
  if (Param->isLValueReferenceType())
    return !Param.getNonReferenceType().isConstQualified();
  if (Param->isPointerType())
    return !Param->getPointeeType().isConstQualified();
  return false;
}

} // namespace

LoopDependence::LoopDependence(const Stmt &Loop, ASTContext &Context)
    : Loop(Loop), Body(loopBody(Loop)), Context(Context) {
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop)) {
    if (const auto *Init = llvm::dyn_cast_or_null<DeclStmt>(For->getInit());
        Init && Init->isSingleDecl())
      Counter = llvm::dyn_cast<VarDecl>(Init->getSingleDecl());
    else if (const auto *Assign = llvm::dyn_cast_or_null<BinaryOperator>(For->getInit());
             Assign && Assign->getOpcode() == BO_Assign)
      if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(strip(Assign->getLHS())))
        Counter = llvm::dyn_cast<VarDecl>(Ref->getDecl());
  }
  if (!Body)
    return;
  const VarDecl *RangeVariable = nullptr;
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    RangeVariable = RangeFor->getLoopVariable();

  ExprMutationAnalyzer Mutations(*Body, Context);
  class References : public RecursiveASTVisitor<References> {
  public:
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      Found.push_back(Ref);
      return true;
    }
    std::vector<const DeclRefExpr *> Found;
  } Refs;
  Refs.TraverseStmt(const_cast<Stmt *>(Body));
  for (const DeclRefExpr *Ref : Refs.Found) {
    const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || Var == RangeVariable || Changed.contains(Var))
      continue;
    // Locals of the body start afresh each iteration; `workers[i]` changes
    // one element per iteration, not what the next iteration reads.
    if (Body->getSourceRange().fullyContains(Var->getSourceRange()) || indexedByCounter(*Ref))
      continue;
    if (Mutations.isMutated(Ref))
      Changed.insert(Var);
  }
  // Members (`cursor_ = page.next`): each access is its own expression.
  class MemberWrites : public RecursiveASTVisitor<MemberWrites> {
  public:
    explicit MemberWrites(ExprMutationAnalyzer &Mutations) : Mutations(Mutations) {}
    bool VisitMemberExpr(MemberExpr *Member) {
      if (llvm::isa<FieldDecl>(Member->getMemberDecl()) && Mutations.isMutated(Member))
        Fields.push_back(Member->getMemberDecl());
      return true;
    }
    ExprMutationAnalyzer &Mutations;
    std::vector<const ValueDecl *> Fields;
  } Members(Mutations);
  Members.TraverseStmt(const_cast<Stmt *>(Body));
  Changed.insert(Members.Fields.begin(), Members.Fields.end());
}

bool LoopDependence::indexedByCounter(const DeclRefExpr &Ref) const {
  if (!Counter)
    return false;
  DynTypedNode Current = DynTypedNode::create(Ref);
  for (int Steps = 0; Steps < 4; ++Steps) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    if (Parents[0].get<ImplicitCastExpr>() || Parents[0].get<ParenExpr>()) {
      Current = Parents[0];
      continue;
    }
    if (const auto *Subscript = Parents[0].get<ArraySubscriptExpr>())
      return mentions(*Subscript->getIdx(), nullptr, Counter);
    if (const auto *Operator = Parents[0].get<CXXOperatorCallExpr>())
      return Operator->getOperator() == OO_Subscript && Operator->getNumArgs() == 2 &&
             mentions(*Operator->getArg(1), nullptr, Counter);
    return false;
  }
  return false;
}

bool isDeclaredIn(const Decl &D, const Stmt &Loop) {
  return Loop.getSourceRange().fullyContains(D.getSourceRange());
}

bool LoopDependence::isInsideLoop(const Decl &D) const { return isDeclaredIn(D, Loop); }

bool LoopDependence::readsCarried(const Stmt &S, unsigned Depth) const {
  ReadCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(&S));
  for (const ValueDecl *D : Collector.Reads) {
    if (Changed.contains(D))
      return true;
    // `auto next = cursor; co_await fetch(next);`
    if (const auto *Var = llvm::dyn_cast<VarDecl>(D); Var && Depth < 3 && Body &&
                                                        Var->getInit() &&
                                                        Body->getSourceRange().fullyContains(
                                                            Var->getSourceRange()))
      if (readsCarried(*Var->getInit(), Depth + 1))
        return true;
  }
  return false;
}

bool LoopDependence::readsCarriedState(const Expr &E) const { return readsCarried(E, 0); }

bool LoopDependence::continuationDependsOnBody() const {
  llvm::SmallVector<const Stmt *, 2> Parts;
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop))
    Parts = {For->getCond(), For->getInc()};
  else if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop))
    Parts = {While->getCond()};
  else if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop))
    Parts = {Do->getCond()};
  else if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    Parts = {RangeFor->getRangeInit()};
  return llvm::any_of(Parts, [&](const Stmt *Part) { return Part && readsCarried(*Part, 0); });
}

bool leavesLoop(const Stmt &S) {
  EarlyExitFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(&S));
  return Finder.Found;
}

bool LoopDependence::exitsEarly() const { return Body && leavesLoop(*Body); }

bool LoopDependence::isPerIteration(const Expr &E) const {
  const Expr *Object = strip(&E);
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object))
    return Ref->getDecl() != Counter && isInsideLoop(*Ref->getDecl());
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(Object))
    return !Member->isImplicitAccess() && isPerIteration(*Member->getBase());
  // `workers[i]`, `*it`, `it->conn`: indexed or reached by the loop's counter.
  auto UsesCounter = [&](const Expr *Index) {
    return Index && (mentions(*Index, nullptr, Counter) || isPerIteration(*Index));
  };
  if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(Object))
    return UsesCounter(Subscript->getIdx());
  if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(Object)) {
    if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() == 2)
      return UsesCounter(Operator->getArg(1));
    if ((Operator->getOperator() == OO_Star || Operator->getOperator() == OO_Arrow) &&
        Operator->getNumArgs() >= 1)
      return UsesCounter(Operator->getArg(0));
  }
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(Object))
    if (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf)
      return UsesCounter(Unary->getSubExpr());
  return false;
}

const Expr *LoopDependence::sharedMutableOperand(const CallExpr &Call) const {
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    if (Method && !Method->isConst() && !Method->isStatic() && Object && !isPerIteration(*Object))
      return Object;
  }
  if (llvm::isa<CXXOperatorCallExpr>(Call))
    return nullptr;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  for (unsigned I = 0; I < Call.getNumArgs() && I < Callee->getNumParams(); ++I) {
    const Expr *Arg = Call.getArg(I);
    if (!isNonConstReferenceOrPointer(Callee->getParamDecl(I)->getType()))
      continue;
    const Expr *Stripped = Arg->IgnoreImplicit();
    if (llvm::isa<MaterializeTemporaryExpr, CXXTemporaryObjectExpr>(Stripped) || Arg->isPRValue())
      if (!Arg->getType()->isPointerType())
        continue; // a temporary belongs to this call alone
    if (!isPerIteration(*Arg))
      return Arg;
  }
  return nullptr;
}

} // namespace corolint
