//===--- StaleReadCheck.cpp - async-stale-read -----------------------------===//

#include "StaleReadCheck.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SameObject.h"
#include "utils/SharedState.h"
#include "utils/Statements.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// Where a local gets a value: its initialization and every plain assignment.
struct Definition {
  const Stmt *Point; ///< the DeclStmt or the assignment, as the CFG sees it
  const Expr *Value;
};

class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
public:
  explicit DefinitionFinder(const VarDecl &Var) : Var(Var) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitDeclStmt(DeclStmt *Declaration) {
    for (const Decl *D : Declaration->decls())
      if (D == &Var && Var.getInit())
        Found.push_back({Declaration, Var.getInit()});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign && names(Assign->getLHS()))
      Found.push_back({Assign, Assign->getRHS()});
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Assign) {
    if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 && names(Assign->getArg(0)))
      Found.push_back({Assign, Assign->getArg(1)});
    return true;
  }
  bool names(const Expr *E) const {
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == &Var;
  }
  const VarDecl &Var;
  std::vector<Definition> Found;
};

std::vector<Definition> definitionsOf(const VarDecl &Var, const Stmt &Body) {
  DefinitionFinder Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(&Body));
  return Finder.Found;
}

/// The locals (not parameters) an expression reads.
std::vector<const VarDecl *> localsReadBy(const Expr &E) {
  class Collector : public RecursiveASTVisitor<Collector> {
  public:
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->isLocalVarDecl() && !Var->isStaticLocal() &&
          !Ref->refersToEnclosingVariableOrCapture() && !llvm::is_contained(Locals, Var))
        Locals.push_back(Var);
      return true;
    }
    std::vector<const VarDecl *> Locals;
  } Reads;
  Reads.TraverseStmt(const_cast<Expr *>(&E));
  return Reads.Locals;
}

/// A read of the shared state whose value reaches a local the write uses.
struct StaleValue {
  const VarDecl *Local = nullptr; ///< the local the write reads
  const Expr *Read = nullptr;     ///< the read of the shared state
  const Stmt *ReadPoint = nullptr;
  const VarDecl *Holder = nullptr; ///< the local that received the read
};

/// Definitions of \p Local that read \p Target, directly or through one
/// more local (`int t = counter; int next = t + 1; ... counter = next;`).
void staleValues(const VarDecl &Local, const SameObject &Target, const Stmt &Body, unsigned Depth,
                 std::vector<StaleValue> &Out) {
  for (const Definition &Def : definitionsOf(Local, Body)) {
    if (const Expr *Read = Target.findIn(*Def.Value)) {
      Out.push_back({&Local, Read, Def.Point, &Local});
      continue;
    }
    if (Depth == 0)
      continue;
    for (const VarDecl *Inner : localsReadBy(*Def.Value)) {
      std::vector<StaleValue> Deeper;
      staleValues(*Inner, Target, Body, Depth - 1, Deeper);
      for (StaleValue &Value : Deeper)
        Out.push_back({&Local, Value.Read, Value.ReadPoint, Value.Holder});
    }
  }
}

/// What a local holds into a container, and the container.
struct HeldInto {
  const Expr *Container = nullptr;
  llvm::StringRef Kind; ///< "iterator", "reference" or "pointer"
};

/// \p Var holds an iterator, reference or pointer into a container:
/// `auto it = c.find(k)`, `auto &e = c[k]`, `auto *p = &c.front()`.
HeldInto heldInto(const VarDecl &Var) {
  if (!Var.getInit())
    return {};
  const Expr *Init = Var.getInit()->IgnoreUnlessSpelledInSource();
  bool Pointer = false;
  if (const auto *AddressOf = llvm::dyn_cast<UnaryOperator>(Init);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf) {
    Init = AddressOf->getSubExpr()->IgnoreUnlessSpelledInSource();
    Pointer = true;
  }
  bool Reference = Var.getType()->isReferenceType();
  auto ByName = [&](llvm::StringRef Name, const Expr *Container) -> HeldInto {
    if (!Container)
      return {};
    if (!Pointer && !Reference &&
        llvm::is_contained({"find", "begin", "cbegin", "end", "cend", "rbegin", "lower_bound",
                            "upper_bound"},
                           Name))
      return {Container, "iterator"};
    if ((Pointer || Reference) && llvm::is_contained({"at", "front", "back"}, Name))
      return {Container, Pointer ? "pointer" : "reference"};
    return {};
  };
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Init)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return {};
    return ByName(Method->getName(), Member->getImplicitObjectArgument());
  }
  // In a template's pattern a member container of dependent type
  // (`std::map<K, V> items_;`) is called through an unresolved member.
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Init))
    if (const auto *Dependent =
            llvm::dyn_cast_or_null<CXXDependentScopeMemberExpr>(Call->getCallee());
        Dependent && !Dependent->isImplicitAccess() && Dependent->getMember().isIdentifier())
      return ByName(Dependent->getMember().getAsIdentifierInfo()->getName(), Dependent->getBase());
  if (const auto *Subscript = llvm::dyn_cast<CXXOperatorCallExpr>(Init);
      Subscript && Subscript->getOperator() == OO_Subscript && (Pointer || Reference))
    return {Subscript->getArg(0), Pointer ? "pointer" : "reference"};
  if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(Init);
      Subscript && Subscript->isTypeDependent() && (Pointer || Reference))
    return {Subscript->getLHS(), Pointer ? "pointer" : "reference"}; // getBase() may pick a dependent index
  return {};
}

/// The local \p S assigns (`it = ...`, builtin or a class's operator=), or null.
const DeclRefExpr *assignedLocal(const Stmt &S) {
  const Expr *Target = nullptr;
  if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(&S); Assign && Assign->isAssignmentOp())
    Target = Assign->getLHS();
  else if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(&S);
           Operator && Operator->isAssignmentOp())
    Target = Operator->getArg(0);
  return Target ? llvm::dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
}

/// The uses of \p Var in \p Body, in source order (not in nested lambdas).
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  explicit UseFinder(const VarDecl &Var) : Var(Var) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == &Var)
      Uses.push_back(Ref);
    return true;
  }
  const VarDecl &Var;
  std::vector<const DeclRefExpr *> Uses;
};

/// Local guards of an async mutex: `auto g = co_await m.lock();`.
class AsyncGuardFinder : public RecursiveASTVisitor<AsyncGuardFinder> {
public:
  explicit AsyncGuardFinder(const NameList &AsyncMutexes) : AsyncMutexes(AsyncMutexes) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitDeclStmt(DeclStmt *Declaration) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(D); Var && Var->getInit())
        if (const auto *Await =
                llvm::dyn_cast<CoawaitExpr>(Var->getInit()->IgnoreUnlessSpelledInSource()))
          if (const auto *Lock = llvm::dyn_cast_or_null<CXXMemberCallExpr>(
                  Await->getOperand()->IgnoreUnlessSpelledInSource()))
            if (const Expr *Mutex = Lock->getImplicitObjectArgument();
                Mutex && hasListedType(Mutex->getType(), AsyncMutexes, /*ThroughPointers=*/true))
              Guards.push_back(Declaration);
    return true;
  }
  const NameList &AsyncMutexes;
  std::vector<const DeclStmt *> Guards;
};

} // namespace

void StaleReadCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(binaryOperator(hasOperatorName("="), isInCoroutine()).bind("write"), this);
  Finder->addMatcher(stmt(anyOf(cxxForRangeStmt(), forStmt()), isInCoroutine()).bind("loop"), this);
  // A for loop's own iterator is checkIteration's; a local one is checkHeld's.
  Finder->addMatcher(declStmt(isInCoroutine(), unless(hasParent(forStmt()))).bind("local"), this);
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="), argumentCountIs(2),
                                         isInCoroutine())
                         .bind("write"),
                     this);
}

bool StaleReadCheck::guardedByAsyncMutex(const Stmt &Read, const Stmt &Write,
                                         const FunctionDecl &Function, ASTContext &Context) const {
  if (AsyncMutexTypes.Names.empty())
    return false;
  AsyncGuardFinder Finder(AsyncMutexTypes.Names);
  Finder.TraverseStmt(const_cast<Stmt *>(writtenBody(Function)));
  const SourceManager &Sources = Context.getSourceManager();
  for (const DeclStmt *Guard : Finder.Guards) {
    DynTypedNodeList Parents = Context.getParents(*Guard);
    const auto *Scope = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
    // Taken before the read, alive until after the write.
    if (Scope && Sources.isBeforeInTranslationUnit(Guard->getBeginLoc(), Read.getBeginLoc()) &&
        Scope->getSourceRange().fullyContains(Write.getSourceRange()))
      return true;
  }
  return false;
}

void StaleReadCheck::checkIteration(const Stmt &Loop, ASTContext &Context) {
  StatementContext Where = contextOf(Loop, Context);
  if (!Where.Function)
    return;
  SharedIteration Walk = iteratesSharedAcrossSuspension(Loop, *Where.Function, Context);
  if (!Walk.Container || guardedByAsyncMutex(Loop, Loop, *Where.Function, Context))
    return;
  diag(Loop.getBeginLoc(), "%0") << messages::staleIteration(spelling(*Walk.Container, Context),
                                                             AsyncMutexTypes.firstSpelling());
  diag(Walk.Suspension->getBeginLoc(), "%0", DiagnosticIDs::Note)
      << messages::staleIterationSuspension();
}

void StaleReadCheck::checkHeld(const DeclStmt &Declaration, ASTContext &Context) {
  if (!Declaration.isSingleDecl())
    return;
  const auto *Var = llvm::dyn_cast<VarDecl>(Declaration.getSingleDecl());
  StatementContext Where = contextOf(Declaration, Context);
  if (!Var || !Where.Function)
    return;
  HeldInto Held = heldInto(*Var);
  // Only a class's storage moves: a container (not a raw array) that other
  // tasks can reach.
  // (In a template's pattern the class may be a dependent `std::map<K, V>`.)
  if (!Held.Container ||
      !(Held.Container->getType()->getAsCXXRecordDecl() ||
        (Held.Container->getType()->isDependentType() && namingDecl(Held.Container->getType()))) ||
      !isShared(*Held.Container, *Where.Function))
    return;
  const Stmt *Body = writtenBody(*Where.Function);
  const CFG *Graph = Graphs.get(*Where.Function, Context);
  if (!Body || !Graph)
    return;
  // Assigning an iterator or a pointer points it elsewhere; assigning a
  // reference writes through it (`entry = V{};` is a use).
  const bool Rebinds = !Var->getType()->isReferenceType();
  // The path stops mattering where the local is looked up again, declared
  // anew (the next iteration) or gone.
  auto Renewed = [&](const CFGElement &Element) {
    if (auto Lifetime = Element.getAs<CFGLifetimeEnds>())
      return Lifetime->getVarDecl() == Var;
    auto S = Element.getAs<CFGStmt>();
    if (!S)
      return false;
    if (S->getStmt() == &Declaration)
      return true;
    const DeclRefExpr *Ref = assignedLocal(*S->getStmt());
    return Ref && Ref->getDecl() == Var && Rebinds;
  };
  UseFinder Uses(*Var);
  Uses.TraverseStmt(const_cast<Stmt *>(Body));
  for (const DeclRefExpr *Use : Uses.Uses) {
    // `it = entries_.find(key);` writes the local: a new lookup, not a use.
    if (const auto *Parent = semanticParent(*Use, Context).get<Stmt>();
        Rebinds && Parent && assignedLocal(*Parent) == Use)
      continue;
    const Stmt *Suspension = suspensionBetween(*Graph, Declaration, *Use, Renewed,
                                               &Graphs.budget(*Where.Function, Context));
    if (!Suspension || guardedByAsyncMutex(Declaration, *Use, *Where.Function, Context))
      continue;
    diag(Use->getBeginLoc(), "%0") << messages::staleHeld(
        Held.Kind, Var->getName(), spelling(*Held.Container, Context), AsyncMutexTypes.firstSpelling());
    diag(Suspension->getBeginLoc(), "%0", DiagnosticIDs::Note)
        << messages::staleHeldSuspension(Var->getName());
    return; // one finding per local: its first stale use
  }
}

void StaleReadCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop"))
    return checkIteration(*Loop, Context);
  if (const auto *Local = Result.Nodes.getNodeAs<DeclStmt>("local"))
    return checkHeld(*Local, Context);
  const auto *Write = Result.Nodes.getNodeAs<Expr>("write");
  const Expr *Target = nullptr, *Value = nullptr;
  if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(Write)) {
    Target = Assign->getLHS();
    Value = Assign->getRHS();
  } else if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(Write)) {
    Target = Operator->getArg(0);
    Value = Operator->getArg(1);
  }
  StatementContext Where = contextOf(*Write, Context);
  if (!Target || !Where.Function || !isShared(*Target, *Where.Function))
    return;
  const Stmt *Body = writtenBody(*Where.Function);
  const CFG *Graph = Graphs.get(*Where.Function, Context);
  if (!Body || !Graph)
    return;

  SameObject SameTarget(*Target, Context);
  for (const VarDecl *Local : localsReadBy(*Value)) {
    std::vector<StaleValue> Stale;
    staleValues(*Local, SameTarget, *Body, /*Depth=*/1, Stale);
    for (const StaleValue &Candidate : Stale) {
      // Reading it again into the same local refreshes the value.
      std::vector<Definition> Refreshes = definitionsOf(*Candidate.Holder, *Body);
      auto Refreshed = [&](const CFGElement &Element) {
        auto S = Element.getAs<CFGStmt>();
        return S && llvm::any_of(Refreshes, [&](const Definition &Def) {
                 const auto *Declaration = llvm::dyn_cast<DeclStmt>(Def.Point);
                 const auto *Seen = llvm::dyn_cast<DeclStmt>(S->getStmt());
                 return S->getStmt() == Def.Point ||
                        (Declaration && Seen && *Declaration->decl_begin() == *Seen->decl_begin());
               });
      };
      const Stmt *Suspension = suspensionBetween(*Graph, *Candidate.ReadPoint, *Write, Refreshed,
                                                 &Graphs.budget(*Where.Function, Context));
      if (!Suspension ||
          guardedByAsyncMutex(*Candidate.ReadPoint, *Write, *Where.Function, Context))
        continue;
      std::string Shared = spelling(*Target, Context);
      diag(Write->getBeginLoc(), "%0")
          << messages::staleRead(Shared, Local->getName(), coroutineDisplayName(*Where.Function),
                                 AsyncMutexTypes.firstSpelling());
      diag(Candidate.Read->getBeginLoc(), "%0", DiagnosticIDs::Note)
          << messages::staleReadSource(Shared);
      diag(Suspension->getBeginLoc(), "%0", DiagnosticIDs::Note) << messages::staleReadSuspension();
      return;
    }
  }
}

} // namespace corolint
