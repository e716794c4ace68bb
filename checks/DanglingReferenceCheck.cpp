//===--- DanglingReferenceCheck.cpp - async-dangling-reference -------------===//

#include "DanglingReferenceCheck.h"
#include "utils/BlockingFunctions.h"
#include "utils/CallableCopies.h"
#include "utils/CalleeWaits.h"
#include "utils/Coroutines.h"
#include "utils/Flow.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SpawnJoins.h"
#include "utils/Statements.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// How messages name a function: its qualified name without the leading "::".
std::string displayName(const FunctionDecl &Function) {
  std::string Qualified = qualifiedName(Function);
  return Qualified.empty() ? Function.getNameAsString() : Qualified.substr(2);
}

/// The lambda whose call operator \p Method is, or null.
const CXXRecordDecl *lambdaClass(const FunctionDecl *Function) {
  const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Function);
  return Method && Method->getParent()->isLambda() ? Method->getParent() : nullptr;
}

/// A `[&]` or `[=]` that names nothing it could capture captures nothing; in
/// a template's pattern the implicit captures may not be known yet.
bool hasCaptures(const CXXRecordDecl &Lambda) {
  return Lambda.capture_size() > 0 ||
         (Lambda.getLambdaCaptureDefault() != LCD_None && Lambda.isDependentContext());
}

/// `T&&` with T a parameter of the function template: a wrapper that forwards
/// (and usually moves a temporary into its own storage).
bool isForwardingReference(const ParmVarDecl &Param) {
  const auto *Function = llvm::dyn_cast<FunctionDecl>(Param.getDeclContext());
  if (!Function)
    return false;
  const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern();
  if (!Pattern || Param.getFunctionScopeIndex() >= Pattern->getNumParams())
    return false;
  QualType Type = Pattern->getParamDecl(Param.getFunctionScopeIndex())->getType();
  const auto *Reference = Type->getAs<RValueReferenceType>();
  return Reference && Reference->getPointeeType()->getAs<TemplateTypeParmType>();
}

/// The callee's definition is in sight and is a coroutine whose task is lazy:
/// its frame holds the reference itself, since nothing in its body runs
/// before the caller's full-expression ends (a forwarding wrapper that moves
/// the argument into the frame does so too late).
bool lazyCoroutineDefinition(const FunctionDecl &Callee, const NameList &EagerTaskTypes) {
  const FunctionDecl *Definition = Callee.getDefinition();
  return Definition && isCoroutine(*Definition) &&
         !hasListedType(Callee.getReturnType(), EagerTaskTypes);
}

/// The callee's frame keeps what its parameters refer to: a coroutine, or a
/// function whose body we cannot see (so we take its declaration's word).
bool frameKeepsParameters(const FunctionDecl &Callee) {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition) {
    if (const FunctionDecl *Pattern = Callee.getTemplateInstantiationPattern())
      Definition = Pattern->getDefinition();
  }
  return !Definition || isCoroutine(*Definition);
}

/// The arguments of \p Call that bind to the callee's parameters, paired.
llvm::SmallVector<std::pair<const Expr *, const ParmVarDecl *>, 4>
parameterArguments(const CallExpr &Call, const FunctionDecl &Callee) {
  llvm::SmallVector<std::pair<const Expr *, const ParmVarDecl *>, 4> Pairs;
  unsigned Shift = 0;
  if (llvm::isa<CXXOperatorCallExpr>(Call) && llvm::isa<CXXMethodDecl>(Callee))
    Shift = 1; // the object is argument 0
  for (unsigned I = Shift; I < Call.getNumArgs() && I - Shift < Callee.getNumParams(); ++I)
    Pairs.push_back({Call.getArg(I), Callee.getParamDecl(I - Shift)});
  return Pairs;
}

/// The first statement in \p S (nested lambdas aside), in source order, that
/// \p IsUse accepts.
const Stmt *firstUse(const Stmt *S, llvm::function_ref<bool(const Stmt &)> IsUse) {
  if (!S || llvm::isa<LambdaExpr>(S))
    return nullptr;
  if (IsUse(*S))
    return S;
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = firstUse(Child, IsUse))
      return Found;
  return nullptr;
}

/// The parameter of the callee that \p Argument of \p Receiver binds to.
std::optional<unsigned> parameterIndexOf(const Expr &Receiver, const Expr &Argument) {
  const auto *Call = llvm::dyn_cast<CallExpr>(&Receiver);
  if (!Call || !Call->getDirectCallee())
    return std::nullopt;
  unsigned Shift = 0;
  if (llvm::isa<CXXOperatorCallExpr>(Call) && llvm::isa<CXXMethodDecl>(Call->getDirectCallee()))
    Shift = 1;
  for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I)->IgnoreUnlessSpelledInSource() == Argument.IgnoreUnlessSpelledInSource())
      return I - Shift;
  return std::nullopt;
}

std::string howEscapes(const TaskDestination &Where, const Expr &Task) {
  switch (Where.How) {
  case TaskDestination::Handed:
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Where.Via))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return "handed to '" + displayName(*Callee) + "'";
    return "handed on";
  case TaskDestination::Returned:
    return "returned";
  case TaskDestination::Stored:
    return "stored";
  case TaskDestination::Local:
    return Where.Holder ? "kept in '" + Where.Holder->getNameAsString() + "'" : "kept";
  default:
    (void)Task;
    return "";
  }
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(llvm::StringRef Name,
                                               tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context) {
  CompletionWaits = NameList(blockingNames(Profile.BlockingFunctions));
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  if (!TaskTypes.Names.empty())
    Finder->addMatcher(expr(anyOf(callExpr(), cxxMemberCallExpr(), cxxOperatorCallExpr()),
                            hasTypeInNameList(&TaskTypes.Names))
                           .bind("task-call"),
                       this);
  // A coroutine lambda handed to a function as a callable (not called in place).
  Finder->addMatcher(
      expr(anyOf(callExpr(hasAnyArgument(ignoringImplicit(lambdaExpr().bind("lambda")))),
                 cxxConstructExpr(hasAnyArgument(ignoringImplicit(lambdaExpr().bind("lambda"))))))
          .bind("receiver"),
      this);
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<Expr>("task-call"))
    checkTaskCall(*Call, *Result.Context);
  else if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    checkHandedLambda(*Lambda, *Result.Nodes.getNodeAs<Expr>("receiver"), *Result.Context);
}

llvm::SmallVector<DanglingReferenceCheck::Dependency, 2>
DanglingReferenceCheck::dependencies(const Expr &E) const {
  llvm::SmallVector<Dependency, 2> Found;
  const auto *Call = llvm::dyn_cast<CallExpr>(&E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return Found;
  // A lambda coroutine called in place or through a local: its captures live
  // in that object.
  if (const CXXRecordDecl *Lambda = lambdaClass(Callee)) {
    const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
    if (Operator && Operator->getNumArgs() > 0 && hasCaptures(*Lambda) && isCoroutine(*Callee)) {
      Referent Closure = referentOf(*Operator->getArg(0));
      if (Closure.How != Referent::None)
        Found.push_back({Closure, Callee, true});
    }
  }
  if (!frameKeepsParameters(*Callee))
    return Found;
  // The object a member coroutine runs on is a reference parameter too.
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (Object && !Object->getType()->isPointerType()) {
      Referent On = referentOf(*Object);
      if (On.How != Referent::None)
        Found.push_back({On, nullptr, false});
    }
  }
  for (auto [Arg, Param] : parameterArguments(*Call, *Callee)) {
    QualType Type = Param->getType();
    // A spawn takes ownership of the task it schedules (`spawn_joinable(task&&)`).
    if (Type->isReferenceType() && hasListedType(Type.getNonReferenceType(), TaskTypes.Names) &&
        isListed(*Callee, SpawnFunctions.Names))
      continue;
    Referent Target;
    if (Type->isReferenceType() &&
        (!isForwardingReference(*Param) || lazyCoroutineDefinition(*Callee, EagerTaskTypes.Names)))
      Target = referentOf(*Arg);
    else if (!Type->isReferenceType() && hasListedType(Type, ViewTypes.Names))
      Target = referentOf(*Arg, &ViewTypes.Names);
    if (Target.How != Referent::None)
      Found.push_back({Target, Param, false});
  }
  return Found;
}

void DanglingReferenceCheck::checkTaskCall(const Expr &Call, ASTContext &Context) {
  StatementContext Where = contextOf(Call, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  llvm::SmallVector<Dependency, 2> Dependencies = dependencies(Call);
  if (Dependencies.empty() || completesInFullExpression(Call, Context, RunFunctions.Names, &ShieldFunctions.Names))
    return;
  TaskDestination Destination = destinationOf(Call, Context);
  if (Destination.How == TaskDestination::Discarded || Destination.How == TaskDestination::Unknown)
    return; // a discarded task never runs: async-unawaited-task reports it
  if (handedToWaitingCallee(Call, Destination, Context))
    return;
  const FunctionDecl *Callee = llvm::cast<CallExpr>(Call).getDirectCallee();
  std::string Coroutine = coroutineDisplayName(*Callee);

  for (const Dependency &Needed : Dependencies) {
    std::string How;
    if (Needed.What.How == Referent::Temporary) {
      How = howEscapes(Destination, Call);
    } else {
      const VarDecl &Local = *Needed.What.Var;
      // A local of an enclosing function, captured by reference: its owner
      // (aio::with, a task group joined there) is out of sight here.
      if (Local.getParentFunctionOrMethod() != Where.Function)
        continue;
      How = outlivesLocal(Call, Destination, Local, Context);
    }
    if (How.empty())
      continue;
    std::string Param = !Needed.Through ? "this" : Needed.Through->getNameAsString();
    // An unnamed parameter (a declaration may omit it) by its position.
    if (const auto *Parameter = llvm::dyn_cast_or_null<ParmVarDecl>(Needed.Through);
        Parameter && Param.empty())
      Param = "parameter " + std::to_string(Parameter->getFunctionScopeIndex() + 1);
    if (Needed.IsCapture) {
      std::string Closure = Needed.What.Var ? Needed.What.Var->getNameAsString() : "";
      diag(Call.getBeginLoc(), "%0") << messages::danglingCaptures(Closure, How);
    } else if (Needed.What.How == Referent::Temporary) {
      diag(Call.getBeginLoc(), "%0") << messages::danglingToTemporary(Param, Coroutine, How);
    } else {
      diag(Call.getBeginLoc(), "%0")
          << messages::danglingToLocal(Param, Coroutine, Needed.What.Var->getName(), How);
    }
    if (Needed.What.Var)
      diag(Needed.What.Var->getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
          << Needed.What.Var->getName();
    if (Needed.Through && !Needed.IsCapture && Needed.Through->getLocation().isValid())
      diag(Needed.Through->getLocation(), "parameter declared here", DiagnosticIDs::Note);
    return;
  }
}

std::string DanglingReferenceCheck::outlivesLocal(const Expr &Call, const TaskDestination &Where,
                                                  const VarDecl &Local,
                                                  ASTContext &Context) const {
  switch (Where.How) {
  case TaskDestination::Local:
    // A task local declared after the variable dies before it.
    if (Where.Holder && diesBefore(*Where.Holder, Local, Context))
      return "";
    return howEscapes(Where, Call);
  case TaskDestination::Handed:
    // Spawned into a handle, container or group that is awaited before the
    // variable dies, or onto a loop that is run to completion before it dies.
    if (Where.Holder && diesBefore(*Where.Holder, Local, Context) &&
        awaitedEverywhere(*Where.Holder, Context))
      return "";
    if (drainedBeforeScopeEnd(*Where.Via, Local, Context) || awaitsSignalGivenTo(*Where.Via, Context))
      return "";
    return howEscapes(Where, Call);
  case TaskDestination::Returned:
  case TaskDestination::Stored:
    return howEscapes(Where, Call);
  default:
    return "";
  }
}

bool DanglingReferenceCheck::awaitedEverywhere(const VarDecl &Holder, ASTContext &Context,
                                               unsigned Depth) const {
  const auto *Function = llvm::dyn_cast_or_null<FunctionDecl>(Holder.getParentFunctionOrMethod());
  if (!Function)
    return false;
  Consumption Flow = consumptionOf(Holder, *Function, Context, [&](const DeclRefExpr &Ref) {
    if (completesInFullExpression(Ref, Context, RunFunctions.Names, &ShieldFunctions.Names))
      return true;
    // `auto all = collectAll(std::move(tasks)); co_await std::move(all);`
    // (async_simple's LazyTest): the gather's task finishes only when every
    // element has, so awaiting it awaits them.
    TaskDestination Into = destinationOf(Ref, Context);
    const auto *Gather = Into.How == TaskDestination::Handed
                             ? llvm::dyn_cast_or_null<CallExpr>(Into.Via)
                             : nullptr;
    // Into.Holder: the local that keeps the gather's task.
    if (Depth > 0 && Gather && Gather->getDirectCallee() &&
        isListed(*Gather->getDirectCallee(), GatherFunctions.Names) && Into.Holder)
      return awaitedEverywhere(*Into.Holder, Context, Depth - 1);
    // `futures.push_back(std::move(handle))` into a local container whose
    // elements are all awaited, on every path (folly's AsyncPipeTest).
    const auto *Filler = llvm::dyn_cast_or_null<CXXMemberCallExpr>(Into.Via);
    return Depth > 0 && Filler && Into.Holder && Into.Holder != &Holder && Filler->getMethodDecl() &&
           isContainerFiller(plainName(*Filler->getMethodDecl())) &&
           elementsAwaitedEverywhere(*Into.Holder, *Function, Context);
  });
  return Flow.How == Consumption::Everywhere;
}

bool DanglingReferenceCheck::elementsAwaitedEverywhere(const VarDecl &Container,
                                                       const FunctionDecl &Function,
                                                       ASTContext &Context) const {
  Consumption Flow = consumptionOf(Container, Function, Context, [&](const DeclRefExpr &Ref) {
    return completesInFullExpression(Ref, Context, RunFunctions.Names, &ShieldFunctions.Names) ||
           awaitsEachElement(Ref, Context);
  });
  return Flow.How == Consumption::Everywhere;
}

bool DanglingReferenceCheck::handedToWaitingCallee(const Expr &Task, const TaskDestination &Where,
                                                   ASTContext &Context) const {
  const auto *Call = Where.How == TaskDestination::Handed
                         ? llvm::dyn_cast_or_null<CallExpr>(Where.Via)
                         : nullptr;
  if (!Call || !Call->getDirectCallee())
    return false;
  // The argument the task is, as written or through std::move.
  for (auto [Index, Pair] : llvm::enumerate(parameterArguments(*Call, *Call->getDirectCallee()))) {
    const Expr *Arg = Pair.first->IgnoreUnlessSpelledInSource();
    if (const auto *Move = llvm::dyn_cast<CallExpr>(Arg);
        Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
        Move->getDirectCallee()->isInStdNamespace() && plainName(*Move->getDirectCallee()) == "move")
      Arg = Move->getArg(0)->IgnoreUnlessSpelledInSource();
    if (Arg == Task.IgnoreUnlessSpelledInSource())
      return waitForStartedParameter(*Call->getDirectCallee(), Index, Context, CompletionWaits);
  }
  return false;
}

bool DanglingReferenceCheck::drainedBeforeScopeEnd(const Expr &Spawn, const VarDecl &Local,
                                                   ASTContext &Context) const {
  // Only a plain function runs a loop to completion (a coroutine would nest one).
  StatementContext Where = contextOf(Spawn, Context);
  const Stmt *Scope = scopeOf(Local, Context);
  if (!Where.Function || isCoroutine(*Where.Function) || !Scope)
    return false;
  const SourceManager &Sources = Context.getSourceManager();
  auto After = [&](const CallExpr &Call) {
    return Sources.isBeforeInTranslationUnit(Spawn.getEndLoc(), Call.getBeginLoc());
  };
  if (llvm::any_of(runCalls(*Scope, Context), [&](const CallExpr *Run) { return After(*Run); }))
    return true;
  // `co_spawn(pool, ...); pool.join();`: the join of the pool it was spawned
  // onto (named in the spawn call), not of any pool.
  return joinsPoolAfter(Spawn, *Scope, JoinFunctions.Names, Context);
}

llvm::SmallVector<const CallExpr *, 2> DanglingReferenceCheck::runCalls(const Stmt &Scope,
                                                                       ASTContext &Context) const {
  llvm::SmallVector<const CallExpr *, 2> Runs;
  for (const BoundNodes &Run :
       match(findAll(callExpr(callee(functionDecl(isInNameList(&RunFunctions.Names))))
                         .bind("run")),
             Scope, Context))
    Runs.push_back(Run.getNodeAs<CallExpr>("run"));
  return Runs;
}

void DanglingReferenceCheck::checkHandedLambda(const LambdaExpr &Lambda, const Expr &Receiver,
                                               ASTContext &Context) {
  const CXXMethodDecl *Body = Lambda.getCallOperator();
  if (!Body || !isCoroutine(*Body) || Lambda.capture_size() == 0)
    return;
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = llvm::dyn_cast<CallExpr>(&Receiver))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(&Receiver))
    Callee = Construct->getConstructor();
  if (lambdaClass(Callee))
    return; // called in place: checkTaskCall follows the task it returns
  // std::function, containers and algorithms keep or call the lambda in place.
  if (!Callee || Callee->isInStdNamespace() || isListed(*Callee, KeepAliveFunctions.Names))
    return;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee))
    if (Method->getParent()->isInStdNamespace())
      return;
  // Awaited at once, the lambda object outlives whatever the statement
  // awaits, unless the callee runs a copy of it that dies first.
  const Expr *CopyCall = nullptr;
  // A plain callee that runs the event loop itself (QCoro's test helper
  // `ignoreCoroutineResult(el, coro)` calls `coro()`, then `el.exec()` until
  // the coroutine quits it) returns only once the loop is drained, and the
  // lambda lives until then, unless it runs a copy that dies first
  // (scylladb 602fca0a12: app_template::run).
  const FunctionDecl *Definition = Callee->getDefinition();
  // A plain callee that starts the task and waits for its completion
  // callback (async_simple's test helpers) returns only once it has finished.
  std::optional<unsigned> Index = parameterIndexOf(Receiver, Lambda);
  bool RunsTheLoop = Definition && Definition->getBody() && !isCoroutine(*Definition) &&
                     ((!RunFunctions.Names.empty() &&
                       !runCalls(*Definition->getBody(), Context).empty()) ||
                      (Index && waitForStartedParameter(*Definition, *Index, Context,
                                                        CompletionWaits)));
  if (RunsTheLoop ||
      completesInFullExpression(Receiver, Context, RunFunctions.Names, &ShieldFunctions.Names)) {
    if (Index)
      CopyCall = callThroughDyingCopy(*Callee, *Index, Context, TaskTypes.Names, RunFunctions.Names);
    if (!CopyCall)
      return;
  }
  llvm::SmallPtrSet<const ValueDecl *, 4> Captured;
  bool CapturesThis = false;
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (Capture.capturesThis())
      CapturesThis = true;
    else if (Capture.capturesVariable())
      Captured.insert(Capture.getCapturedVar());
  }
  auto IsCaptureUse = [&](const Stmt &S) {
    if (CapturesThis && llvm::isa<CXXThisExpr>(S))
      return true;
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(&S))
      return Captured.contains(Ref->getDecl());
    return false;
  };
  UseAfterSuspension Use = firstUseAfterSuspension(*Body, Context, IsCaptureUse);
  // A lazy task made through a copy that dies when the callee returns starts
  // only when awaited, after the copy is gone: every use of a capture counts
  // (scylladb a0a4711b74, 71179ff5ab ported to lazy tasks).
  if (!Use.Use && CopyCall && !hasListedType(Body->getReturnType(), EagerTaskTypes.Names))
    Use.Use = firstUse(Body->getBody(), IsCaptureUse);
  if (!Use.Use)
    return;
  if (CopyCall) {
    diag(Lambda.getBeginLoc(), "%0") << messages::capturesOfDyingCopy(displayName(*Callee));
    diag(CopyCall->getBeginLoc(), "'%0' calls a copy of the lambda here, which is destroyed before "
                                  "the task it returns finishes",
         DiagnosticIDs::Note)
        << displayName(*Callee);
  } else {
    diag(Lambda.getBeginLoc(), "%0") << messages::capturesUsedAfterSuspension(displayName(*Callee));
  }
  std::string What = "this";
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Use.Use))
    What = Ref->getDecl()->getNameAsString();
  diag(Use.Use->getBeginLoc(), "capture '%0' is used here, after a suspension point",
       DiagnosticIDs::Note)
      << What;
  if (Use.Suspension)
    diag(Use.Suspension->getBeginLoc(), "the coroutine may suspend here", DiagnosticIDs::Note);
  else
    diag(Body->getBody()->getBeginLoc(),
         "the task is lazy: its body starts when it is awaited, after the copy is destroyed",
         DiagnosticIDs::Note);
}

} // namespace corolint
