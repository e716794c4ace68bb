//===--- Polling.cpp - is a loop only polling a condition between sleeps? -===//

#include "Polling.h"
#include "Handlers.h"
#include "Reporting.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace corolint {

namespace {

/// The awaited sleep call when \p S is `co_await sleep(...)` as a statement.
const Expr *sleepStatement(const Stmt &S, const NameList &Sleeps) {
  const auto *E = llvm::dyn_cast<Expr>(&S);
  if (!E)
    return nullptr;
  const Expr *Operand = nullptr;
  if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(E->IgnoreUnlessSpelledInSource()))
    Operand = Await->getOperand();
  else if (const auto *Dependent =
               llvm::dyn_cast<DependentCoawaitExpr>(E->IgnoreUnlessSpelledInSource()))
    Operand = Dependent->getOperand();
  if (!Operand)
    return nullptr;
  const auto *Call = llvm::dyn_cast<CallExpr>(Operand->IgnoreUnlessSpelledInSource());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && isListed(*Callee, Sleeps) ? Call : nullptr;
}

/// A variable or a member of one: what `++polls` or `waited += step` counts in.
bool isCounter(const Expr &E) {
  return llvm::isa<DeclRefExpr, MemberExpr, CXXDependentScopeMemberExpr>(E.IgnoreParenImpCasts());
}

/// The identifier \p Callee is called by, if it has one.
llvm::StringRef calleeName(const Expr &Callee) {
  const Expr *E = Callee.IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getIdentifier() ? Ref->getDecl()->getName() : "";
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getIdentifier() ? Member->getMemberDecl()->getName() : "";
  if (const auto *Unresolved = llvm::dyn_cast<OverloadExpr>(E))
    return Unresolved->getName().isIdentifier() ? Unresolved->getName().getAsIdentifierInfo()->getName()
                                                : "";
  if (const auto *Dependent = llvm::dyn_cast<CXXDependentScopeMemberExpr>(E))
    return Dependent->getMember().isIdentifier()
               ? Dependent->getMember().getAsIdentifierInfo()->getName()
               : "";
  return "";
}

/// `std::cout << ...`, `qDebug() << ...`, `logger() << ...`: the leftmost
/// operand of a `<<` chain is a reporting stream or a logger's call.
bool writesToReportingStream(const Expr &E) {
  const Expr *Left = E.IgnoreUnlessSpelledInSource();
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    const Expr *Next = nullptr;
    if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Left))
      Next = Op->getOperator() == OO_LessLess ? Op->getArg(0) : nullptr;
    else if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(Left))
      Next = Binary->getOpcode() == BO_Shl ? Binary->getLHS() : nullptr;
    if (!Next)
      break;
    Left = Next->IgnoreUnlessSpelledInSource();
  }
  if (Left == E.IgnoreUnlessSpelledInSource())
    return false; // not a `<<` at all
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Left))
    return Ref->getDecl()->getIdentifier() && isReportingStream(Ref->getDecl()->getName());
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Left))
    return isReportingName(calleeName(*Call->getCallee()));
  return false;
}

/// A statement that only counts or reports: `++polls;`, `waited += step;`,
/// a log line (a logger's call or macro, a print, `std::cerr << ...`). A
/// poll loop that also logs or counts is still a poll loop.
bool isBookkeeping(const Stmt &S, ASTContext &Context) {
  const auto *E = llvm::dyn_cast<Expr>(&S);
  if (!E || findSuspensionPoint(*E))
    return false;
  if (expandedFromMacro(E->getBeginLoc(), Context.getSourceManager(), Context.getLangOpts(),
                        [](llvm::StringRef Macro) { return isReportingName(Macro); }))
    return true;
  E = E->IgnoreUnlessSpelledInSource();
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E))
    return Unary->isIncrementDecrementOp() && isCounter(*Unary->getSubExpr());
  if (const auto *Compound = llvm::dyn_cast<CompoundAssignOperator>(E))
    return isCounter(*Compound->getLHS());
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if (Kind == OO_PlusPlus || Kind == OO_MinusMinus || Kind == OO_PlusEqual ||
        Kind == OO_MinusEqual)
      return isCounter(*Op->getArg(0));
    return writesToReportingStream(*Op);
  }
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(E))
    return writesToReportingStream(*Binary);
  if (const auto *Call = llvm::dyn_cast<CallExpr>(E))
    return isReportingName(calleeName(*Call->getCallee()));
  return false;
}

/// `if (c) break;` (or return / co_return), no else, perhaps after a log
/// line (`if (c) { log("done"); break; }`): the condition it exits on.
const Expr *exitCondition(const Stmt &S, ASTContext &Context) {
  const auto *If = llvm::dyn_cast<IfStmt>(&S);
  if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
    return nullptr;
  const Stmt *Then = If->getThen();
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Then)) {
    if (Block->body_empty())
      return nullptr;
    for (const Stmt *Before : llvm::ArrayRef(Block->body_begin(), Block->size() - 1))
      if (!isBookkeeping(*Before, Context))
        return nullptr;
    Then = Block->body_back();
  }
  if (!llvm::isa_and_nonnull<BreakStmt, ReturnStmt, CoreturnStmt>(Then))
    return nullptr;
  return If->getCond();
}

/// Variables the loop writes: `++i`, `i += 1`, `i = ...`.
class WriteFinder : public RecursiveASTVisitor<WriteFinder> {
public:
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      add(Op->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      add(Op->getLHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
        Op->getOperator() == OO_MinusMinus)
      add(Op->getArg(0));
    return true;
  }
  llvm::SmallPtrSet<const Decl *, 4> Written;

private:
  void add(const Expr *Target) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
      Written.insert(Ref->getDecl());
    else if (const auto *Member = llvm::dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts()))
      Written.insert(Member->getMemberDecl());
  }
};

class ReadFinder : public RecursiveASTVisitor<ReadFinder> {
public:
  explicit ReadFinder(const llvm::SmallPtrSet<const Decl *, 4> &Written) : Written(Written) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Found |= Written.contains(Ref->getDecl());
    return !Found;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    Found |= Written.contains(Member->getMemberDecl());
    return !Found;
  }
  bool Found = false;

private:
  const llvm::SmallPtrSet<const Decl *, 4> &Written;
};

bool isConstant(const Expr &E, const ASTContext &Context) {
  bool Value = false;
  return !E.isValueDependent() && E.EvaluateAsBooleanCondition(Value, Context);
}

} // namespace

std::optional<PollingLoop> pollingLoop(const Stmt &Loop, const NameList &Sleeps,
                                       ASTContext &Context) {
  const Stmt *Body = nullptr;
  const Expr *LoopCondition = nullptr;
  if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop)) {
    Body = While->getBody();
    LoopCondition = While->getConditionVariable() ? nullptr : While->getCond();
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop)) {
    Body = Do->getBody();
    LoopCondition = Do->getCond();
  } else if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop)) {
    if (For->getInc())
      return std::nullopt; // the loop steps something itself: a counter
    Body = For->getBody();
    LoopCondition = For->getCond();
  }
  if (!Body)
    return std::nullopt;

  PollingLoop Found;
  llvm::SmallVector<const Expr *, 2> Conditions;
  if (LoopCondition && !isConstant(*LoopCondition, Context))
    Conditions.push_back(LoopCondition);
  llvm::ArrayRef<Stmt *> Statements;
  Stmt *Single = const_cast<Stmt *>(Body);
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Body))
    Statements = llvm::ArrayRef(Block->body_begin(), Block->body_end());
  else
    Statements = llvm::ArrayRef(&Single, 1);
  for (const Stmt *S : Statements) {
    if (llvm::isa<NullStmt>(S))
      continue;
    if (const Expr *Sleep = sleepStatement(*S, Sleeps)) {
      if (!Found.Sleep)
        Found.Sleep = Sleep;
      continue;
    }
    if (const Expr *Exit = exitCondition(*S, Context)) {
      Conditions.push_back(Exit);
      continue;
    }
    if (isBookkeeping(*S, Context))
      continue; // logging or counting the polls is not work
    return std::nullopt; // real work between the polls
  }
  if (!Found.Sleep || Conditions.empty())
    return std::nullopt;

  WriteFinder Writes;
  Writes.TraverseStmt(const_cast<Stmt *>(&Loop));
  for (const Expr *Condition : Conditions) {
    if (findSuspensionPoint(*Condition))
      return std::nullopt; // it awaits an operation, not a flag
    ReadFinder Reads(Writes.Written);
    Reads.TraverseStmt(const_cast<Expr *>(Condition));
    if (Reads.Found)
      return std::nullopt; // a counter or retry count the loop advances
  }
  Found.Condition = Conditions.front();
  return Found;
}

} // namespace corolint
