//===--- Polling.cpp - a loop of the AST as async-busy-wait's rule reads it ===//

#include "Polling.h"
#include "Handlers.h"
#include "Loops.h"
#include "Names.h"
#include "Reporting.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace corolint {

namespace {

/// How the rule names a variable or member: its declaration, unique in the unit.
std::string declName(const Decl &D) {
  return std::to_string(reinterpret_cast<uintptr_t>(D.getCanonicalDecl()));
}

/// A variable or a member of one: what `++polls` or `waited += step` counts in.
bool isCounter(const Expr &E) {
  return llvm::isa<DeclRefExpr, MemberExpr, CXXDependentScopeMemberExpr>(E.IgnoreParenImpCasts());
}

/// The identifier \p Callee is called by, if it has one.
std::string calleeName(const Expr &Callee) {
  const Expr *E = Callee.IgnoreParenImpCasts();
  DeclarationName Name;
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
    Name = Ref->getDecl()->getDeclName();
  else if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
    Name = Member->getMemberDecl()->getDeclName();
  else if (const auto *Unresolved = llvm::dyn_cast<OverloadExpr>(E))
    Name = Unresolved->getName();
  else if (const auto *Dependent = llvm::dyn_cast<CXXDependentScopeMemberExpr>(E))
    Name = Dependent->getMember();
  return Name.isIdentifier() ? Name.getAsIdentifierInfo()->getName().str() : "";
}

/// `std::cout << ...`, `qDebug() << ...`: a `<<` chain, and what its leftmost
/// operand is (a variable's name or a call's).
bool describeStreamWrite(const Expr &E, PollStatement &Out) {
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
  Out.Kind = PollStatement::Shape::StreamWrite;
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Left))
    Out.StreamHead = Ref->getDecl()->getIdentifier() ? Ref->getDecl()->getName().str() : "";
  else if (const auto *Call = llvm::dyn_cast<CallExpr>(Left))
    Out.CalledName = calleeName(*Call->getCallee());
  return true;
}

/// The variables and members an expression reads.
class ReadFinder : public RecursiveASTVisitor<ReadFinder> {
public:
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Reads.push_back(declName(*Ref->getDecl()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    Reads.push_back(declName(*Member->getMemberDecl()));
    return true;
  }
  std::vector<std::string> Reads;
};

/// The variables and members a loop writes: `++i`, `i += 1`, `i = ...`.
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
  std::vector<std::string> Written;

private:
  void add(const Expr *Target) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
      Written.push_back(declName(*Ref->getDecl()));
    else if (const auto *Member = llvm::dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts()))
      Written.push_back(declName(*Member->getMemberDecl()));
  }
};

PollCondition describeCondition(const Expr &Condition, ASTContext &Context) {
  PollCondition Out;
  Out.Text = spelling(Condition, Context);
  Out.Awaits = findSuspensionPoint(Condition) != nullptr;
  ReadFinder Reads;
  Reads.TraverseStmt(const_cast<Expr *>(&Condition));
  Out.Reads = std::move(Reads.Reads);
  return Out;
}

PollStatement describeStatement(const Stmt &S, ASTContext &Context,
                                std::vector<const Expr *> &Anchors);

/// `if (c) break;` (or return / co_return), no else, perhaps after a log
/// line (`if (c) { log("done"); break; }`).
bool describeExit(const IfStmt &If, ASTContext &Context, std::vector<const Expr *> &Anchors,
                  PollStatement &Out) {
  if (If.getElse() || If.getInit() || If.getConditionVariable())
    return false;
  const Stmt *Then = If.getThen();
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Then)) {
    if (Block->body_empty())
      return false;
    for (const Stmt *Before : llvm::ArrayRef(Block->body_begin(), Block->size() - 1))
      Out.Before.push_back(describeStatement(*Before, Context, Anchors));
    Then = Block->body_back();
  }
  if (!llvm::isa_and_nonnull<BreakStmt, ReturnStmt, CoreturnStmt>(Then))
    return false;
  Out.Kind = PollStatement::Shape::ExitIf;
  Out.Exit = describeCondition(*If.getCond(), Context);
  return true;
}

PollStatement describeStatement(const Stmt &S, ASTContext &Context,
                                std::vector<const Expr *> &Anchors) {
  PollStatement Out;
  if (llvm::isa<NullStmt>(S)) {
    Out.Kind = PollStatement::Shape::Nothing;
    return Out;
  }
  if (const auto *If = llvm::dyn_cast<IfStmt>(&S)) {
    if (!describeExit(*If, Context, Anchors, Out))
      Out = PollStatement();
    return Out;
  }
  const auto *E = llvm::dyn_cast<Expr>(&S);
  if (!E)
    return Out;
  Out.Awaits = findSuspensionPoint(*E) != nullptr;
  Out.FromReportingMacro =
      expandedFromMacro(E->getBeginLoc(), Context.getSourceManager(), Context.getLangOpts(),
                        [](llvm::StringRef Macro) { return isReportingName(Macro); });
  E = E->IgnoreUnlessSpelledInSource();
  const Expr *Operand = nullptr;
  if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(E))
    Operand = Await->getOperand();
  else if (const auto *Dependent = llvm::dyn_cast<DependentCoawaitExpr>(E))
    Operand = Dependent->getOperand();
  if (Operand) {
    const auto *Call = llvm::dyn_cast<CallExpr>(Operand->IgnoreUnlessSpelledInSource());
    if (const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr) {
      Out.Kind = PollStatement::Shape::AwaitedCall;
      std::string Qualified = qualifiedName(*Callee);
      Out.Callee.push_back(llvm::StringRef(Qualified).starts_with("::") ? Qualified.substr(2)
                                                                         : Qualified);
      Out.Anchor = Anchors.size();
      Anchors.push_back(Call);
    }
    return Out;
  }
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E)) {
    if (Unary->isIncrementDecrementOp() && isCounter(*Unary->getSubExpr()))
      Out.Kind = PollStatement::Shape::Increment;
  } else if (const auto *Compound = llvm::dyn_cast<CompoundAssignOperator>(E)) {
    if (isCounter(*Compound->getLHS()))
      Out.Kind = PollStatement::Shape::Increment;
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if (Kind == OO_PlusPlus || Kind == OO_MinusMinus || Kind == OO_PlusEqual ||
        Kind == OO_MinusEqual) {
      if (isCounter(*Op->getArg(0)))
        Out.Kind = PollStatement::Shape::Increment;
    } else {
      describeStreamWrite(*Op, Out);
    }
  } else if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(E)) {
    describeStreamWrite(*Binary, Out);
  } else if (const auto *Call = llvm::dyn_cast<CallExpr>(E)) {
    Out.Kind = PollStatement::Shape::Call;
    Out.CalledName = calleeName(*Call->getCallee());
  }
  return Out;
}

bool isConstant(const Expr &E, const ASTContext &Context) {
  bool Value = false;
  return !E.isValueDependent() && E.EvaluateAsBooleanCondition(Value, Context);
}

} // namespace

std::optional<PollLoop> describePollLoop(const Stmt &Loop, ASTContext &Context,
                                         std::vector<const Expr *> &Anchors) {
  PollLoop Out;
  const Stmt *Body = nullptr;
  const Expr *Condition = nullptr;
  if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop)) {
    Body = While->getBody();
    Condition = While->getConditionVariable() ? nullptr : While->getCond();
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop)) {
    Body = Do->getBody();
    Condition = Do->getCond();
  } else if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop)) {
    Out.Steps = For->getInc() != nullptr;
    Body = For->getBody();
    Condition = For->getCond();
  }
  if (!Body)
    return std::nullopt;
  if (Condition && !isConstant(*Condition, Context))
    Out.Condition = describeCondition(*Condition, Context);
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Body)) {
    for (const Stmt *S : Block->body())
      Out.Body.push_back(describeStatement(*S, Context, Anchors));
  } else {
    Out.Body.push_back(describeStatement(*Body, Context, Anchors));
  }
  WriteFinder Writes;
  Writes.TraverseStmt(const_cast<Stmt *>(&Loop));
  Out.Written = std::move(Writes.Written);
  return Out;
}

} // namespace corolint
