//===--- Bounds.cpp - what bounds how many spawned tasks run at once ------===//

#include "Bounds.h"
#include "Coroutines.h"
#include "Loops.h"
#include "Statements.h"
#include "checks/model/SpawnFanout.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>

using namespace clang;

namespace corolint {

namespace {

/// How many calls deep the search follows awaited coroutines.
constexpr unsigned MaxDepth = 3;

const Expr *strip(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit() : nullptr;
}

/// Expressions of the given types in \p Root, not looking into nested lambdas.
class TypedExprs : public RecursiveASTVisitor<TypedExprs> {
public:
  explicit TypedExprs(const NameList &Types) : Types(Types) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitExpr(Expr *E) {
    if (!E->isTypeDependent() && hasListedType(E->getType(), Types, /*ThroughPointers=*/true))
      Found.push_back(E);
    return true;
  }
  const NameList &Types;
  std::vector<const Expr *> Found;
};

std::vector<const Expr *> typedExprs(const Stmt &Root, const NameList &Types) {
  TypedExprs Finder(Types);
  Finder.TraverseStmt(const_cast<Stmt *>(&Root));
  return std::move(Finder.Found);
}

/// Calls in \p Root (not in nested lambdas).
class Calls : public RecursiveASTVisitor<Calls> {
public:
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCallExpr(CallExpr *Call) {
    Found.push_back(Call);
    return true;
  }
  std::vector<const CallExpr *> Found;
};

/// How many of \p Call's arguments come before the parameters: one for
/// `object(args)` on a lambda or functor (argument 0 is the object).
unsigned objectArguments(const CallExpr &Call) {
  return llvm::isa<CXXOperatorCallExpr>(Call) &&
         llvm::isa_and_nonnull<CXXMethodDecl>(Call.getDirectCallee());
}

/// The argument a call passes for parameter \p Param, or null.
const Expr *argumentFor(const CallExpr &Call, const ParmVarDecl &Param) {
  unsigned Index = Param.getFunctionScopeIndex() + objectArguments(Call);
  return Index < Call.getNumArgs() ? Call.getArg(Index) : nullptr;
}

bool contains(const Stmt &Outer, const Decl &D, const SourceManager &Sources) {
  SourceRange Range = Outer.getSourceRange();
  SourceLocation Loc = D.getLocation();
  return Range.isValid() && Loc.isValid() &&
         !Sources.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
         !Sources.isBeforeInTranslationUnit(Range.getEnd(), Loc);
}

/// The object `*p`, `p->`, `p.get()`, `std::ref(x)`, `std::move(x)` stand for.
const Expr *objectOf(const Expr *E) {
  while (true) {
    E = strip(E);
    if (const auto *Unary = llvm::dyn_cast_or_null<UnaryOperator>(E);
        Unary && (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)) {
      E = Unary->getSubExpr();
    } else if (const auto *Operator = llvm::dyn_cast_or_null<CXXOperatorCallExpr>(E);
               Operator && Operator->getNumArgs() == 1 &&
               (Operator->getOperator() == OO_Arrow || Operator->getOperator() == OO_Star)) {
      E = Operator->getArg(0);
    } else if (const auto *Member = llvm::dyn_cast_or_null<CXXMemberCallExpr>(E);
               Member && Member->getMethodDecl() && Member->getMethodDecl()->getIdentifier() &&
               plainName(*Member->getMethodDecl()) == "get") {
      E = Member->getImplicitObjectArgument();
    } else if (const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E);
               Call && !llvm::isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) &&
               Call->getNumArgs() == 1 && Call->getDirectCallee() &&
               Call->getDirectCallee()->isInStdNamespace()) {
      E = Call->getArg(0); // std::ref, std::cref, std::move, std::addressof
    } else {
      return E;
    }
  }
}

} // namespace

const ValueDecl *rootDecl(const Expr &E) {
  const Expr *Object = objectOf(&E);
  while (const auto *Member = llvm::dyn_cast_or_null<MemberExpr>(Object)) {
    if (llvm::isa<CXXThisExpr>(strip(Member->getBase())))
      return Member->getMemberDecl();
    Object = objectOf(Member->getBase()); // a member of a local object: the object decides
  }
  if (const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(Object))
    return Ref->getDecl();
  return nullptr;
}

bool SemaphoreSearch::workAcquires(const Expr &Work) {
  Frame Root{&Spawner, nullptr, nullptr};
  return analyze(Work, Root, 0);
}

bool SemaphoreSearch::loopAcquires() {
  Frame Root{&Spawner, nullptr, nullptr};
  bool Found = false;
  const ValueDecl *Owner = nullptr;
  forEachAwait(LoopBody, nullptr, [&](const Expr &Operand) {
    for (const Expr *Semaphore : typedExprs(Operand, Semaphores))
      Found |= sharing(*Semaphore, Root, 0, Owner) == Sharing::Shared;
  });
  return Found;
}

bool SemaphoreSearch::analyze(const Expr &Work, const Frame &Where, unsigned Depth) {
  const Expr *E = strip(&Work);
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
    // A task built earlier in the loop: `auto t = fetch(url, sem); spawn(std::move(t));`
    const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && !llvm::isa<ParmVarDecl>(Var) && Var->hasLocalStorage() && Var->getInit() &&
        Depth < MaxDepth)
      return analyze(*Var->getInit(), Where, Depth + 1);
    return false;
  }
  if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(E)) {
    Frame Inner{Lambda->getCallOperator(), nullptr, &Where};
    return searchBody(*Lambda->getCallOperator(), Inner, Depth + 1);
  }
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  if (const FunctionDecl *Callee = Call->getDirectCallee()) {
    const FunctionDecl *Definition = Callee->getDefinition();
    if (Definition && Definition->hasBody()) {
      Frame Inner{Definition, Call, &Where};
      if (Depth < MaxDepth && searchBody(*Definition, Inner, Depth + 1))
        return true;
    } else {
      // Work defined elsewhere that is handed a shared semaphore: the guide's
      // `fetch(url, semaphore)` pattern, trusted, or left to the whole program.
      std::vector<unsigned> Shared = sharedArguments(*Call, Where);
      if (!DeferUnseen && !Shared.empty())
        return true;
      noteUnseen(*Call, *Callee, std::move(Shared));
    }
  }
  // Wrappers around the work: `aio::shield(fetch(u))`, `fetch(u).scheduleOn(ex)`.
  llvm::SmallVector<const Expr *, 4> Inner(Call->arguments());
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call))
    Inner.push_back(Member->getImplicitObjectArgument());
  for (const Expr *Arg : Inner)
    if (Arg && llvm::isa<CallExpr, LambdaExpr>(strip(Arg)) && analyze(*Arg, Where, Depth))
      return true;
  return false;
}

std::vector<unsigned> SemaphoreSearch::sharedArguments(const CallExpr &Call, const Frame &Where) {
  std::vector<unsigned> Shared;
  const ValueDecl *Owner = nullptr;
  for (unsigned I = objectArguments(Call); I < Call.getNumArgs(); ++I)
    for (const Expr *Semaphore : typedExprs(*Call.getArg(I), Semaphores))
      if (sharing(*Semaphore, Where, 0, Owner) == Sharing::Shared) {
        Shared.push_back(I - objectArguments(Call));
        break;
      }
  return Shared;
}

void SemaphoreSearch::noteUnseen(const CallExpr &Call, const FunctionDecl &Callee,
                                 std::vector<unsigned> SharedArguments) {
  // Coroutines of user code only: a library's bodies are in no summary.
  const SourceManager &Sources = Context.getSourceManager();
  if (!DeferUnseen || Elsewhere.size() >= MaxBoundQuestions ||
      !isCoroutineReturnType(Callee.getReturnType()) ||
      Sources.isInSystemHeader(Sources.getExpansionLoc(Callee.getLocation())) ||
      llvm::any_of(Elsewhere, [&](const Unseen &Known) { return Known.Call == &Call; }))
    return;
  Elsewhere.push_back({&Call, &Callee, std::move(SharedArguments)});
}

bool SemaphoreSearch::searchBody(const FunctionDecl &Function, const Frame &Where,
                                 unsigned Depth) {
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return false;
  bool Found = false;
  forEachAwait(*Body, nullptr, [&](const Expr &Operand) {
    if (!Found)
      Found = awaitsShared(Operand, Where, Depth);
  });
  return Found;
}

bool SemaphoreSearch::awaitsShared(const Expr &Operand, const Frame &Where, unsigned Depth) {
  for (const Expr *Semaphore : typedExprs(Operand, Semaphores)) {
    const ValueDecl *Owner = nullptr;
    Sharing How = sharing(*Semaphore, Where, 0, Owner);
    if (How == Sharing::Shared)
      return true;
    if ((How == Sharing::PerIteration || How == Sharing::PerTask) && !Unshared)
      Unshared = Owner;
  }
  // A coroutine the work awaits may take the permit: `co_await limited_get(url)`.
  if (Depth >= MaxDepth)
    return false;
  Calls Finder;
  Finder.TraverseStmt(const_cast<Expr *>(&Operand));
  for (const CallExpr *Call : Finder.Found) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    if (Callee && (!Definition || !Definition->hasBody()))
      noteUnseen(*Call, *Callee, sharedArguments(*Call, Where)); // may take one elsewhere
    if (!Definition || Definition == Where.Function || !Definition->hasBody())
      continue;
    Frame Inner{Definition, Call, &Where};
    if (searchBody(*Definition, Inner, Depth + 1))
      return true;
  }
  return false;
}

SemaphoreSearch::Sharing SemaphoreSearch::sharing(const Expr &E, const Frame &Where,
                                                  unsigned Depth, const ValueDecl *&Owner) {
  if (Depth > 2 * MaxDepth)
    return Sharing::Unknown;
  const Expr *Object = objectOf(&E);
  if (const ValueDecl *D = rootDecl(E))
    return sharingOfDecl(*D, Where, Depth, Owner);
  // A temporary: made again each time the expression runs.
  if (Object && llvm::isa<CXXConstructExpr, CallExpr>(Object))
    return Where.Caller ? Sharing::PerTask : Sharing::PerIteration;
  return Sharing::Unknown;
}

SemaphoreSearch::Sharing SemaphoreSearch::sharingOfDecl(const ValueDecl &D, const Frame &Where,
                                                        unsigned Depth, const ValueDecl *&Owner) {
  Owner = &D;
  if (llvm::isa<FieldDecl>(D))
    return Sharing::Shared; // a member of the object the work runs on
  const auto *Var = llvm::dyn_cast<VarDecl>(&D);
  if (!Var)
    return Sharing::Unknown;
  if (Var->hasGlobalStorage())
    return Sharing::Shared;
  // The frame whose function owns the variable (a lambda names its captures directly).
  const auto *OwnerFunction = llvm::dyn_cast<FunctionDecl>(Var->getDeclContext());
  const Frame *Home = &Where;
  while (Home && (!OwnerFunction || Home->Function->getCanonicalDecl() !=
                                        OwnerFunction->getCanonicalDecl()))
    Home = Home->Caller;
  if (!Home)
    return Sharing::Unknown;
  if (const auto *Param = llvm::dyn_cast<ParmVarDecl>(Var)) {
    if (!Home->Caller)
      return Sharing::Shared; // a parameter of the spawning function outlives its loop
    if (!Home->Call)
      return Sharing::Unknown;
    const Expr *Arg = argumentFor(*Home->Call, *Param);
    return Arg ? sharing(*Arg, *Home->Caller, Depth + 1, Owner) : Sharing::Unknown;
  }
  if (Var->isInitCapture()) // `[s = &sem]` is evaluated where the lambda is written
    return Home->Caller ? sharing(*Var->getInit(), *Home->Caller, Depth + 1, Owner)
                        : Sharing::Unknown;
  QualType Type = Var->getType();
  if ((Type->isReferenceType() || Type->isPointerType()) && Var->getInit())
    return sharing(*Var->getInit(), *Home, Depth + 1, Owner);
  if (Home->Caller)
    return Sharing::PerTask;
  return contains(LoopBody, *Var, Context.getSourceManager()) ? Sharing::PerIteration
                                                             : Sharing::Shared;
}

namespace {

/// semaphoreUse(), \p Depth calls into the unit's coroutines.
class SemaphoreUseSearch {
public:
  explicit SemaphoreUseSearch(const NameList &Semaphores) : Semaphores(Semaphores) {}

  SemaphoreUse of(const FunctionDecl &Coroutine, unsigned Depth) {
    SemaphoreUse Use;
    const Stmt *Body = writtenBody(Coroutine);
    if (!Body)
      return Use;
    forEachAwait(*Body, nullptr, [&](const Expr &Operand) {
      for (const Expr *Semaphore : typedExprs(Operand, Semaphores))
        classify(*Semaphore, Coroutine, Use, 0);
      if (Depth >= MaxDepth)
        return;
      // `co_await limited_get(url, sem)`: what it takes, seen through the call.
      Calls Finder;
      Finder.TraverseStmt(const_cast<Expr *>(&Operand));
      for (const CallExpr *Call : Finder.Found) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
        if (!Definition || Definition == &Coroutine || !writtenBody(*Definition))
          continue;
        SemaphoreUse Inner = of(*Definition, Depth + 1);
        Use.Shared |= Inner.Shared;
        for (unsigned Index : Inner.Parameters)
          if (Index < Definition->getNumParams())
            if (const Expr *Arg = argumentFor(*Call, *Definition->getParamDecl(Index)))
              classify(*Arg, Coroutine, Use, 0);
      }
    });
    std::sort(Use.Parameters.begin(), Use.Parameters.end());
    Use.Parameters.erase(std::unique(Use.Parameters.begin(), Use.Parameters.end()),
                         Use.Parameters.end());
    return Use;
  }

private:
  /// Records what the semaphore \p E, awaited in \p Coroutine, is shared by.
  void classify(const Expr &E, const FunctionDecl &Coroutine, SemaphoreUse &Use,
                unsigned Steps) {
    const ValueDecl *D = rootDecl(E);
    if (!D || Steps > MaxDepth)
      return;
    if (llvm::isa<FieldDecl>(D)) {
      Use.Shared = true; // a member of the object every call runs on
      return;
    }
    const auto *Var = llvm::dyn_cast<VarDecl>(D);
    if (!Var)
      return;
    if (Var->hasGlobalStorage()) {
      Use.Shared = true;
    } else if (const auto *Param = llvm::dyn_cast<ParmVarDecl>(Var)) {
      const auto *Owner = llvm::dyn_cast<FunctionDecl>(Param->getDeclContext());
      if (Owner && Owner->getCanonicalDecl() == Coroutine.getCanonicalDecl())
        Use.Parameters.push_back(Param->getFunctionScopeIndex());
    } else if ((Var->getType()->isReferenceType() || Var->getType()->isPointerType()) &&
               Var->getInit()) {
      classify(*Var->getInit(), Coroutine, Use, Steps + 1); // `auto &s = *limits.front();`
    }
  }

  const NameList &Semaphores;
};

} // namespace

SemaphoreUse semaphoreUse(const FunctionDecl &Coroutine, const NameList &Semaphores) {
  return SemaphoreUseSearch(Semaphores).of(Coroutine, 0);
}

// ---- task groups ----------------------------------------------------------

namespace {

bool hasLimit(const Expr &E, const NameList &Limits, unsigned Depth = 0) {
  if (!typedExprs(E, Limits).empty())
    return true;
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(strip(&E)))
    if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl()))
      if (Var->getInit() && Depth < 3)
        return hasLimit(*Var->getInit(), Limits, Depth + 1);
  return false;
}

/// The expression that statement \p S sits in as an argument, skipping the
/// implicit nodes in between: the call a lambda is handed to.
const CallExpr *callTakingArgument(const Stmt &S, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(S);
  for (int Steps = 0; Steps < 8; ++Steps) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return nullptr;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Call = Parent.get<CallExpr>())
      return Call;
    if (!(Parent.get<ImplicitCastExpr>() || Parent.get<MaterializeTemporaryExpr>() ||
          Parent.get<CXXBindTemporaryExpr>() || Parent.get<CXXConstructExpr>() ||
          Parent.get<ParenExpr>() || Parent.get<ExprWithCleanups>()))
      return nullptr;
    Current = Parent;
  }
  return nullptr;
}

const LambdaExpr *lambdaOf(const CXXMethodDecl &CallOperator, ASTContext &Context) {
  const Stmt *Body = CallOperator.getBody();
  if (!Body)
    return nullptr;
  DynTypedNodeList Parents = Context.getParents(*Body);
  return Parents.empty() ? nullptr : Parents[0].get<LambdaExpr>();
}

} // namespace

GroupBound groupBound(const Expr &Group, const NameList &Limits, const NameList &GroupTypes,
                      ASTContext &Context) {
  const ValueDecl *D = rootDecl(Group);
  if (!D)
    return {GroupBound::Unknown, nullptr};
  if (const auto *Field = llvm::dyn_cast<FieldDecl>(D)) {
    if (Field->hasInClassInitializer() && Field->getInClassInitializer())
      return {hasLimit(*Field->getInClassInitializer(), Limits) ? GroupBound::Limited
                                                                : GroupBound::Unlimited,
              Field->getInClassInitializer()};
    if (const auto *Record = llvm::dyn_cast<CXXRecordDecl>(Field->getParent()))
      for (const CXXConstructorDecl *Constructor : Record->ctors())
        for (const CXXCtorInitializer *Init : Constructor->inits())
          if (Init->getMember() == Field && Init->isWritten())
            return {hasLimit(*Init->getInit(), Limits) ? GroupBound::Limited
                                                       : GroupBound::Unlimited,
                    Init->getInit()};
    return {GroupBound::Unknown, nullptr};
  }
  const auto *Var = llvm::dyn_cast<VarDecl>(D);
  if (!Var)
    return {GroupBound::Unknown, nullptr};
  if (!llvm::isa<ParmVarDecl>(Var)) {
    if (!Var->getInit())
      return {GroupBound::Unlimited, nullptr};
    if (Var->getType()->isReferenceType() || Var->getType()->isPointerType())
      return groupBound(*Var->getInit(), Limits, GroupTypes, Context);
    return {hasLimit(*Var->getInit(), Limits) ? GroupBound::Limited : GroupBound::Unlimited,
            Var->getInit()};
  }
  // A parameter of a lambda handed to a call with the group: `aio::with(group, [&](auto &tg) {...})`.
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Var->getDeclContext());
  if (!Method || !Method->getParent()->isLambda())
    return {GroupBound::Unknown, nullptr};
  const LambdaExpr *Lambda = lambdaOf(*Method, Context);
  const CallExpr *Entering = Lambda ? callTakingArgument(*Lambda, Context) : nullptr;
  if (!Entering)
    return {GroupBound::Unknown, nullptr};
  const Expr *Manager = nullptr;
  for (const Expr *Arg : Entering->arguments()) {
    if (strip(Arg) == Lambda)
      continue;
    if (hasLimit(*Arg, Limits))
      return {GroupBound::Limited, Arg};
    if (hasListedType(Arg->getType(), GroupTypes, true))
      Manager = Arg;
  }
  // Entered and awaited once per iteration of a loop: the loop runs the group in batches.
  DynTypedNode Parent = semanticParent(*Entering, Context);
  if (isAwait(Parent) &&
      !enclosingLoops(*Entering, Context).empty())
    return {GroupBound::JoinedPerIteration, Entering};
  if (Manager)
    if (const ValueDecl *ManagerDecl = rootDecl(*Manager);
        const auto *ManagerVar = llvm::dyn_cast_or_null<VarDecl>(ManagerDecl))
      if (ManagerVar->getInit())
        return {GroupBound::Unlimited, ManagerVar->getInit()};
  return {Manager ? GroupBound::Unlimited : GroupBound::Unknown, Manager};
}

} // namespace corolint
