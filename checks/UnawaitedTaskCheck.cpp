//===--- UnawaitedTaskCheck.cpp - async-unawaited-task ---------------------===//

#include "UnawaitedTaskCheck.h"
#include "checks/model/DiscardedCall.h"
#include "utils/Coroutines.h"
#include "utils/Flow.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/Statements.h"
#include "utils/Templates.h"
#include "utils/Throwing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// The call yields an awaiter object (see isAwaiterType).
AST_MATCHER(Expr, isAwaiterCall) { return isAwaiterType(Node.getType()); }

/// How messages name what produced the task: "fetch_data", or "a lambda".
std::string producerName(const Expr &Call) {
  if (const auto *CallE = llvm::dyn_cast<CallExpr>(&Call))
    if (const FunctionDecl *Callee = CallE->getDirectCallee()) {
      if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee))
        if (Method->getParent()->isLambda())
          return "a lambda";
      return "'" + Callee->getNameAsString() + "'";
    }
  return "this call";
}

/// The task type \p Type yields nothing: `Task<>`, `Task<void>`.
bool yieldsVoid(QualType Type) {
  const auto *Task =
      llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (!Task || Task->getTemplateArgs().size() == 0)
    return false;
  const TemplateArgument &Value = Task->getTemplateArgs()[0];
  return Value.getKind() == TemplateArgument::Type && Value.getAsType()->isVoidType();
}

/// A discarded eager task has run, or runs on: what is lost is its result and
/// the exception that leaves the code it runs. Nothing is lost when it yields
/// void and that code lets no exception out: a coroutine defined here, or the
/// callables a continuation runs (`task.then([&called] { called = true; })`,
/// QCoro's tests) on a local task that \p Function also awaits, where the
/// task's own exception is seen.
bool losesNothing(const Expr &Discarded, const FunctionDecl &Function, const NameList &TaskTypes,
                  ASTContext &Context) {
  const auto *Call = llvm::dyn_cast<CallExpr>(&Discarded);
  if (!Call || !yieldsVoid(Call->getType()) || !Call->getDirectCallee())
    return false;
  auto NeverCancelledOnly = [](const Expr &) { return false; };
  const FunctionDecl *Definition = nullptr;
  if (Call->getDirectCallee()->hasBody(Definition) && isCoroutine(*Definition))
    return !escapingThrow(*Definition, NeverCancelledOnly);
  const auto *Continuation = llvm::dyn_cast<CXXMemberCallExpr>(Call);
  const auto *Source = Continuation ? llvm::dyn_cast<DeclRefExpr>(
                                          Continuation->getImplicitObjectArgument()->IgnoreImplicit())
                                    : nullptr;
  const auto *Task = Source ? llvm::dyn_cast<VarDecl>(Source->getDecl()) : nullptr;
  if (!Task || !Task->hasLocalStorage() || !hasListedType(Task->getType(), TaskTypes) ||
      Call->getNumArgs() == 0 || !Function.getBody())
    return false;
  for (const Expr *Argument : Call->arguments()) {
    const auto *Lambda = llvm::dyn_cast<LambdaExpr>(Argument->IgnoreUnlessSpelledInSource());
    if (!Lambda || escapingThrow(*Lambda->getCallOperator(), NeverCancelledOnly))
      return false;
  }
  return !match(traverse(TK_AsIs, findAll(coawaitExpr(hasDescendant(
                                      declRefExpr(to(varDecl(equalsNode(Task)))))))),
                *Function.getBody(), Context)
              .empty();
}

/// Members that only look at a task without running it.
bool isObserver(llvm::StringRef Member) {
  return Member == "is_ready" || Member == "done" || Member == "valid" || Member == "empty";
}

/// An overloaded operator that takes the task \p E by value, by rvalue or
/// forwarding reference and yields no bool: a library's pipe (`t | fmap(f)`,
/// `t | schedule_on(s)`) that builds an awaitable running it, not a comparison.
bool operatorTakesTask(const CXXOperatorCallExpr &Operator, const Expr &E) {
  const auto *Callee = llvm::dyn_cast_or_null<FunctionDecl>(Operator.getCalleeDecl());
  if (!Callee || Operator.getType()->isBooleanType())
    return false;
  const FunctionDecl *Pattern = Callee;
  if (const FunctionTemplateDecl *Primary = Callee->getPrimaryTemplate())
    Pattern = Primary->getTemplatedDecl();
  unsigned Shift = llvm::isa<CXXMethodDecl>(Callee) ? 1 : 0; // argument 0 is `this`
  for (unsigned I = Shift; I < Operator.getNumArgs(); ++I) {
    if (Operator.getArg(I)->IgnoreUnlessSpelledInSource() != E.IgnoreUnlessSpelledInSource() ||
        I - Shift >= Pattern->getNumParams())
      continue;
    QualType Param = Pattern->getParamDecl(I - Shift)->getType();
    return !Param->isLValueReferenceType();
  }
  return false;
}

/// A use that reads the task as a value: a condition, an operand, a bool
/// conversion. Operators that combine tasks into a task (asio's awaitable
/// operators `a && b`, `a || b`) or hand it to a pipe are not value uses.
bool isValueUse(const DynTypedNode &Parent, const Expr &E, const NameList &TaskTypes) {
  if (const auto *Binary = Parent.get<BinaryOperator>())
    return Binary->getOpcode() != BO_Comma;
  if (Parent.get<UnaryOperator>())
    return true;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>())
    return Operator->getOperator() != OO_Equal && Operator->getOperator() != OO_Coawait &&
           !hasListedType(Operator->getType(), TaskTypes) && !operatorTakesTask(*Operator, E);
  if (const auto *Member = Parent.get<MemberExpr>())
    return llvm::isa<CXXConversionDecl>(Member->getMemberDecl());
  return false;
}

bool isCondition(const DynTypedNode &Parent, const Expr &E) {
  auto Same = [&E](const Expr *Cond) {
    return Cond && Cond->IgnoreUnlessSpelledInSource() == E.IgnoreUnlessSpelledInSource();
  };
  if (const auto *If = Parent.get<IfStmt>())
    return Same(If->getCond());
  if (const auto *While = Parent.get<WhileStmt>())
    return Same(While->getCond());
  if (const auto *Do = Parent.get<DoStmt>())
    return Same(Do->getCond());
  if (const auto *For = Parent.get<ForStmt>())
    return Same(For->getCond());
  return false;
}

/// Whether a reference to a local task runs it or hands it on.
bool consumesTask(const DeclRefExpr &Ref, ASTContext &Context, const NameList &TaskTypes) {
  DynTypedNode Parent = semanticParent(Ref, Context);
  if (const auto *Cast = Parent.get<ExplicitCastExpr>())
    return !Cast->getTypeAsWritten()->isVoidType();
  if (const auto *Binary = Parent.get<BinaryOperator>())
    return Binary->isAssignmentOp() && Binary->getRHS()->IgnoreImplicit() == &Ref;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>())
    if (Operator->getOperator() == OO_Equal)
      return Operator->getArg(0)->IgnoreImplicit() != &Ref;
  if (isValueUse(Parent, Ref, TaskTypes) || isCondition(Parent, Ref))
    return false;
  if (const auto *Member = Parent.get<MemberExpr>())
    return !isObserver(plainName(*Member->getMemberDecl()));
  if (Parent.get<UnaryExprOrTypeTraitExpr>())
    return false;
  return true;
}

bool consumesContainer(const DeclRefExpr &Ref, ASTContext &Context) {
  DynTypedNode Parent = semanticParent(Ref, Context);
  if (const auto *Member = Parent.get<MemberExpr>())
    return !isContainerFiller(plainName(*Member->getMemberDecl()));
  if (const auto *Cast = Parent.get<ExplicitCastExpr>())
    return !Cast->getTypeAsWritten()->isVoidType();
  return !Parent.get<UnaryExprOrTypeTraitExpr>();
}

/// `co_await` may be written before \p E: in a coroutine, outside a handler,
/// not spelled by a macro.
bool canInsertAwait(const Expr &E, const StatementContext &Where) {
  return Where.Function && isCoroutine(*Where.Function) && !Where.InCatchHandler &&
         !E.getBeginLoc().isMacroID() && !E.getEndLoc().isMacroID();
}

/// The full engine's description of a discarded call for checks/model/DiscardedCall.
class ClangDiscardedCall : public DiscardedCallFacts {
public:
  ClangDiscardedCall(const Expr &Call, Discard How, Produced What, const FunctionDecl &Function,
                     const NameList &TaskTypes, ASTContext &Context)
      : Call(Call), How(How), What(What), Function(Function), TaskTypes(TaskTypes),
        Context(Context) {}

  Discard how() override { return How; }
  Produced what() override { return What; }
  bool inCoroutine() override { return isCoroutine(Function); }
  bool losesNothing() override {
    return corolint::losesNothing(Call, Function, TaskTypes, Context);
  }
  std::string producer() override { return producerName(Call); }

private:
  const Expr &Call;
  Discard How;
  Produced What;
  const FunctionDecl &Function;
  const NameList &TaskTypes;
  ASTContext &Context;
};

} // namespace

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  if (TaskTypes.Names.empty())
    return;
  Finder->addMatcher(expr(anyOf(callExpr(), cxxMemberCallExpr(), cxxOperatorCallExpr()),
                          hasTypeInNameList(&TaskTypes.Names))
                         .bind("task-call"),
                     this);
  // Awaiters that are not tasks (a mutex's lock(), a semaphore's acquire(),
  // an event's wait()): nothing is taken and nothing waits until they are
  // awaited, so dropping one silently skips the operation.
  Finder->addMatcher(expr(anyOf(callExpr(), cxxMemberCallExpr()),
                          unless(hasTypeInNameList(&TaskTypes.Names)),
                          unless(hasTypeInNameList(&EagerTaskTypes.Names)), isAwaiterCall())
                         .bind("awaiter-call"),
                     this);
  // A call whose type the template's pattern does not know (`q.get();` on a
  // dependent queue): its instantiations say whether it made a task or an awaiter.
  Finder->addMatcher(callExpr(isTypeDependent(), isInCoroutine()).bind("dependent-call"), this);
  // A coroutine lambda converted to std::function<void(...)>: the conversion
  // is implicit, so this one matcher looks at the AST as the compiler built it.
  Finder->addMatcher(
      traverse(TK_AsIs, cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                                             ofClass(hasName("::std::function")))),
                                         argumentCountIs(1), unless(isInTemplateInstantiation()))
                            .bind("function")),
      this);
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<Expr>("task-call"))
    checkTaskCall(*Call, Result);
  else if (const auto *Awaiter = Result.Nodes.getNodeAs<Expr>("awaiter-call"))
    checkAwaiterCall(*Awaiter, *Result.Context);
  else if (const auto *Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("function"))
    checkVoidCallable(*Construct, *Result.Context);
  else if (const auto *Dependent = Result.Nodes.getNodeAs<Expr>("dependent-call"))
    checkDependentCall(*Dependent, *Result.Context);
}

void UnawaitedTaskCheck::checkDependentCall(const Expr &Pattern, ASTContext &Context) {
  // Only a discard is decided here: what a local or a container does with the
  // value is a question for each instantiation's flow, left alone.
  Discard How = discardKind(Pattern, Context);
  if (How == Discard::No)
    return;
  // `aio::task<T>` is dependent yet known: the pattern's own matchers report it.
  if (hasListedType(Pattern.getType(), TaskTypes.Names) || isAwaiterType(Pattern.getType()))
    return;
  StatementContext Where = contextOf(Pattern, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  for (const Stmt *Instance : Instantiated.of(Pattern, Context)) {
    const auto *Call = llvm::cast<Expr>(Instance);
    if (!Call->isPRValue() || hasListedType(Call->getType(), EagerTaskTypes.Names))
      continue;
    bool Task = hasListedType(Call->getType(), TaskTypes.Names);
    if (!Task && !isAwaiterType(Call->getType()))
      continue;
    // Reported once, at the line written, for every instantiation.
    reportDiscarded(*Call, Pattern, Task ? Produced::Task : Produced::Awaiter, How, Where, Context);
    return;
  }
}

void UnawaitedTaskCheck::reportDiscarded(const Expr &Call, const Expr &Written, Produced What,
                                         Discard How, const StatementContext &Where,
                                         ASTContext &Context) {
  ClangDiscardedCall Facts(Call, How, What, *Where.Function, TaskTypes.Names, Context);
  std::optional<std::string> Message =
      discardedCall(Facts, AllowCastToVoid, SpawnFunctions.firstSpelling());
  if (!Message)
    return;
  auto Diag = diag(Written.getBeginLoc(), "%0") << *Message;
  if (How == Discard::Statement && canInsertAwait(Written, Where))
    Diag << FixItHint::CreateInsertion(Written.getBeginLoc(), "co_await ");
}

void UnawaitedTaskCheck::checkTaskCall(const Expr &Call, const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  // A call that yields a reference (`tasks.emplace_back(make())`, `t = make()`)
  // names a task that already exists: no new task is dropped here.
  if (!Call.isPRValue())
    return;
  StatementContext Where = contextOf(Call, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  bool Eager = hasListedType(Call.getType(), EagerTaskTypes.Names);
  if (Discard How = discardKind(Call, Context); How != Discard::No)
    return reportDiscarded(Call, Call, Eager ? Produced::EagerTask : Produced::Task, How, Where,
                           Context);

  DynTypedNode Parent = semanticParent(Call, Context);
  if (const auto *Var = Parent.get<VarDecl>()) {
    // The implicit `__range` of a range-for: the loop iterates the task (it
    // has begin() and end(): a generator, or an awaitable range under `for
    // co_await`), which runs it.
    if (Var->isImplicit())
      return;
    if (Var->hasLocalStorage() && Var->getInit() &&
        Var->getInit()->IgnoreUnlessSpelledInSource() == Call.IgnoreUnlessSpelledInSource())
      checkBoundToLocal(Call, *Var, Context);
    return;
  }
  if (const auto *Member = Parent.get<CXXMemberCallExpr>()) {
    const auto *Object =
        llvm::dyn_cast<DeclRefExpr>(Member->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *Container = Object ? llvm::dyn_cast<VarDecl>(Object->getDecl()) : nullptr;
    if (Container && Container->hasLocalStorage() && Member->getMethodDecl() &&
        isContainerFiller(plainName(*Member->getMethodDecl())))
      checkCollected(Call, *Container, Context);
    return;
  }
  if (isValueUse(Parent, Call, TaskTypes.Names) || isCondition(Parent, Call))
    diag(Call.getBeginLoc(), "%0") << messages::taskUsedAsValue(producerName(Call));
}

void UnawaitedTaskCheck::checkAwaiterCall(const Expr &Call, ASTContext &Context) {
  if (!Call.isPRValue())
    return; // a reference to an awaiter that exists elsewhere
  StatementContext Where = contextOf(Call, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  if (Discard How = discardKind(Call, Context); How != Discard::No)
    return reportDiscarded(Call, Call, Produced::Awaiter, How, Where, Context);
  // `auto lock = m.lock();`: the local holds the operation, not its result.
  const auto *Var = semanticParent(Call, Context).get<VarDecl>();
  if (!Var || Var->isImplicit() || !Var->hasLocalStorage() || !Var->getInit() ||
      Var->getInit()->IgnoreUnlessSpelledInSource() != Call.IgnoreUnlessSpelledInSource())
    return;
  Consumption Flow = consumptionOf(
      *Var, *Where.Function, Context,
      [&](const DeclRefExpr &Ref) { return consumesTask(Ref, Context, TaskTypes.Names); }, &Graphs);
  if (Flow.How != Consumption::Nowhere)
    return;
  auto Diag = diag(Var->getLocation(), "%0")
              << messages::awaiterNeverAwaited(Var->getName(), producerName(Call));
  if (!Var->isReferenced() && canInsertAwait(Call, Where))
    Diag << FixItHint::CreateInsertion(Call.getBeginLoc(), "co_await ");
}

void UnawaitedTaskCheck::checkBoundToLocal(const Expr &Call, const VarDecl &Var,
                                           ASTContext &Context) {
  StatementContext Where = contextOf(Call, Context);
  Consumption Flow = consumptionOf(
      Var, *Where.Function, Context,
      [&](const DeclRefExpr &Ref) { return consumesTask(Ref, Context, TaskTypes.Names); }, &Graphs);
  std::string Producer = producerName(Call);
  bool Eager = hasListedType(Call.getType(), EagerTaskTypes.Names);
  if (Eager && Flow.How != Consumption::Everywhere && !isCoroutine(*Where.Function))
    return; // it runs; a plain function cannot wait for it anyway
  switch (Flow.How) {
  case Consumption::Everywhere:
    return;
  case Consumption::Nowhere: {
    auto Diag = diag(Var.getLocation(), "%0")
                << (Eager ? messages::eagerTaskNeverAwaited(Var.getName(), Producer)
                          : messages::taskNeverAwaited(Var.getName(), Producer));
    // Only when nothing else names the variable: the rewrite changes its type.
    if (!Var.isReferenced() && canInsertAwait(Call, Where))
      Diag << FixItHint::CreateInsertion(Call.getBeginLoc(), "co_await ");
    return;
  }
  case Consumption::SomePaths:
    diag(Var.getLocation(), "%0")
        << (Eager ? messages::eagerTaskNotAwaitedOnEveryPath(Var.getName(), Producer)
                  : messages::taskNotAwaitedOnEveryPath(Var.getName(), Producer));
    if (Flow.PathEnd.isValid())
      diag(Flow.PathEnd, "'%0' is left here without being awaited", DiagnosticIDs::Note)
          << Var.getName();
    return;
  }
}

void UnawaitedTaskCheck::checkCollected(const Expr &Call, const VarDecl &Container,
                                        ASTContext &Context) {
  if (!ReportedContainers.insert(&Container).second)
    return;
  StatementContext Where = contextOf(Call, Context);
  Consumption Flow =
      consumptionOf(Container, *Where.Function, Context,
                    [&](const DeclRefExpr &Ref) { return consumesContainer(Ref, Context); }, &Graphs);
  if (Flow.How != Consumption::Nowhere)
    return;
  bool Eager = hasListedType(Call.getType(), EagerTaskTypes.Names);
  if (Eager && !isCoroutine(*Where.Function))
    return;
  diag(Call.getBeginLoc(), "%0") << messages::collectedTasksNeverAwaited(
      Container.getName(), GatherFunctions.firstSpelling(), Eager);
  diag(Container.getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
      << Container.getName();
}

void UnawaitedTaskCheck::checkVoidCallable(const CXXConstructExpr &Construct,
                                           ASTContext &Context) {
  const auto *Function = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Construct.getType()->getAsCXXRecordDecl());
  if (!Function || Function->getTemplateArgs().size() != 1)
    return;
  const auto *Signature =
      Function->getTemplateArgs()[0].getAsType()->getAs<FunctionProtoType>();
  if (!Signature || !Signature->getReturnType()->isVoidType())
    return;
  QualType Callable = Construct.getArg(0)->getType().getNonReferenceType();
  QualType Returned;
  if (const CXXRecordDecl *Record = Callable->getAsCXXRecordDecl()) {
    if (!Record->isLambda())
      return;
    Returned = Record->getLambdaCallOperator()->getReturnType();
  } else if (const auto *Pointer = Callable->getAs<PointerType>()) {
    if (const auto *Proto = Pointer->getPointeeType()->getAs<FunctionProtoType>())
      Returned = Proto->getReturnType();
  } else if (const auto *Proto = Callable->getAs<FunctionProtoType>()) {
    Returned = Proto->getReturnType();
  }
  if (Returned.isNull() || !hasListedType(Returned, TaskTypes.Names))
    return;
  SourceLocation Loc = Construct.getArg(0)->getBeginLoc();
  if (Loc.isInvalid())
    Loc = Construct.getBeginLoc();
  diag(Loc, "%0") << messages::taskDroppedByVoidCallable(
      Construct.getType().getAsString(Context.getPrintingPolicy()));
}

} // namespace corolint
