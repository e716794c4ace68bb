//===--- DroppedExceptionCheck.cpp - async-dropped-exception ---------------===//

#include "DroppedExceptionCheck.h"
#include "checks/model/SwallowingHandler.h"
#include "utils/ExpectedFailures.h"
#include "utils/Coroutines.h"
#include "utils/Flow.h"
#include "utils/GatherResults.h"
#include "utils/Handlers.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SourceKind.h"
#include "utils/Statements.h"
#include "utils/Throwing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// A completion handler whose first parameter is the spawned coroutine's
/// `std::exception_ptr` (asio's co_spawn) and never reads it.
AST_MATCHER(LambdaExpr, ignoresExceptionArgument) {
  const CXXMethodDecl *Operator = Node.getCallOperator();
  if (!Operator || Operator->getNumParams() == 0)
    return false;
  const ParmVarDecl *First = Operator->getParamDecl(0);
  const NamedDecl *Type = namingDecl(First->getType());
  // libstdc++ declares it as std::__exception_ptr::exception_ptr.
  return Type && Type->getName() == "exception_ptr" &&
         llvm::StringRef(qualifiedName(*Type)).starts_with("::std::") && !First->isReferenced();
}

llvm::StringRef textOf(const Stmt &S, const ASTContext &Context) {
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(S.getSourceRange()), Context.getSourceManager(),
      Context.getLangOpts());
  if (Range.isInvalid())
    return {};
  return Lexer::getSourceText(Range, Context.getSourceManager(), Context.getLangOpts());
}

/// Handle members that look at a task without retrieving its outcome.
bool isPassiveHandleMember(llvm::StringRef Name) {
  return llvm::is_contained({"done", "cancelled", "name", "get_name", "set_name", "location",
                             "remove_done_callback"},
                            Name);
}

/// Group members that add children or look at the group without joining it.
bool isNonJoiningGroupMember(llvm::StringRef Name) {
  return llvm::is_contained({"create_task", "spawn", "add", "start", "size", "empty", "cancel"},
                            Name);
}

const CXXMemberCallExpr *memberCallOn(const DeclRefExpr &Ref, ASTContext &Context) {
  DynTypedNode Parent = semanticParent(Ref, Context);
  const auto *Member = Parent.get<MemberExpr>();
  if (!Member)
    return nullptr;
  DynTypedNodeList Grand = Context.getParents(*Member);
  return Grand.empty() ? nullptr : Grand[0].get<CXXMemberCallExpr>();
}

} // namespace

DroppedExceptionCheck::DroppedExceptionCheck(llvm::StringRef Name,
                                             tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context) {
  LoggingPattern = llvm::Regex(LoggingFunctions);
  std::string Error;
  if (!LoggingPattern.isValid(Error)) {
    configurationDiag("invalid LoggingFunctions regular expression: %0", DiagnosticIDs::Error)
        << Error;
    LoggingPattern = llvm::Regex(DroppedExceptionOptions().LoggingFunctions);
  }
}

void DroppedExceptionCheck::registerMatchers(MatchFinder *Finder) {
  if (!SpawnFunctions.Names.empty())
    Finder->addMatcher(
        callExpr(callee(functionDecl(isInNameList(&SpawnFunctions.Names),
                                     unless(returns(voidType())))))
            .bind("spawn"),
        this);
  if (!TaskGroupTypes.Names.empty())
    Finder->addMatcher(varDecl(hasLocalStorage(), hasType(hasUnqualifiedDesugaredType(recordType(
                                                      hasDeclaration(namedDecl(isInNameList(
                                                          &TaskGroupTypes.Names)))))))
                           .bind("group"),
                       this);
  if (!GatherFunctions.Names.empty() && !ReturnExceptionsTags.Names.empty())
    Finder->addMatcher(callExpr(callee(functionDecl(isInNameList(&GatherFunctions.Names))),
                                hasArgument(0, hasTypeInNameList(&ReturnExceptionsTags.Names)))
                           .bind("gather"),
                       this);
  Finder->addMatcher(cxxCatchStmt(isInCoroutine()).bind("handler"), this);
  auto Discarder = DiscardingTokens.Names.empty()
                       ? expr(ignoringImplicit(lambdaExpr(ignoresExceptionArgument())))
                       : expr(anyOf(hasTypeInNameList(&DiscardingTokens.Names),
                                    ignoringImplicit(lambdaExpr(ignoresExceptionArgument()))));
  Finder->addMatcher(callExpr(hasAnyArgument(Discarder.bind("discarder"))).bind("discarding"),
                     this);
  if (!DiscardingSpawns.Names.empty())
    Finder->addMatcher(
        callExpr(callee(functionDecl(isInNameList(&DiscardingSpawns.Names)))).bind("detaching"),
        this);
  if (!HandleTypes.Names.empty())
    Finder->addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasName("add_done_callback"))),
                          on(hasTypeInNameList(&HandleTypes.Names)),
                          hasArgument(0, ignoringImplicit(lambdaExpr().bind("callback"))))
            .bind("add-callback"),
        this);
}

void DroppedExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("spawn"))
    checkSpawn(*Spawn, Context);
  else if (const auto *Group = Result.Nodes.getNodeAs<VarDecl>("group"))
    checkTaskGroup(*Group, Context);
  else if (const auto *Gather = Result.Nodes.getNodeAs<CallExpr>("gather"))
    checkGatherResults(*Gather, Context);
  else if (const auto *Handler = Result.Nodes.getNodeAs<CXXCatchStmt>("handler"))
    checkHandler(*Handler, Context);
  else if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("discarding"))
    checkDiscardedOutcome(*Spawn, Result.Nodes.getNodeAs<Expr>("discarder"), Context);
  else if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("detaching"))
    checkDiscardedOutcome(*Spawn, nullptr, Context);
  else if (const auto *Add = Result.Nodes.getNodeAs<CXXMemberCallExpr>("add-callback"))
    checkDoneCallback(*Add, *Result.Nodes.getNodeAs<LambdaExpr>("callback"), Context);
}

void DroppedExceptionCheck::checkSpawn(const CallExpr &Spawn, ASTContext &Context) {
  StatementContext Where = contextOf(Spawn, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  std::string SpawnName = qualifiedName(*Spawn.getDirectCallee()).substr(2);
  // A spawn that returns a status (`bool spawn_detached(task)`) hands back no
  // handle: nothing that carries the outcome is dropped with it.
  if (Spawn.getType()->isScalarType())
    return;
  if (discardKind(Spawn, Context) != Discard::No) {
    diag(Spawn.getBeginLoc(), "%0") << messages::handleDiscarded(SpawnName);
    return;
  }
  DynTypedNode Parent = semanticParent(Spawn, Context);
  if (const auto *Fill = Parent.get<CXXMemberCallExpr>())
    return checkCollectedHandle(Spawn, *Fill, *Where.Function, SpawnName, Context);
  const auto *Var = Parent.get<VarDecl>();
  if (!Var || !Var->hasLocalStorage())
    return; // passed on, stored, returned or awaited: someone else observes it
  bool HasBlindCallback = false;
  // A coroutine that rethrows leaves the task running with nobody to await it.
  Consumption Flow = consumptionOf(
      *Var, *Where.Function, Context,
      [&](const DeclRefExpr &Ref) { return observesOutcome(Ref, Context, HasBlindCallback); },
      nullptr, /*ThrowsAbandon=*/isCoroutine(*Where.Function));
  if (Flow.How == Consumption::Everywhere && isCoroutine(*Where.Function)) {
    SourceLocation Rethrow = rethrowWithoutConsuming(
        *Var, *Where.Function, Spawn.getEndLoc(), Context,
        [&](const DeclRefExpr &Ref) { return observesOutcome(Ref, Context, HasBlindCallback); });
    if (Rethrow.isValid())
      Flow = {Consumption::SomePaths, Rethrow};
  }
  // A done-callback that ignores the outcome is reported at the callback.
  if (HasBlindCallback)
    return;
  switch (Flow.How) {
  case Consumption::Everywhere:
    return;
  case Consumption::Nowhere:
    diag(Var->getLocation(), "%0") << messages::handleNeverObserved(Var->getName(), SpawnName);
    return;
  case Consumption::SomePaths:
    diag(Var->getLocation(), "%0")
        << messages::handleNotObservedOnEveryPath(Var->getName(), SpawnName);
    if (Flow.PathEnd.isValid())
      diag(Flow.PathEnd, "'%0' is left here without being awaited or inspected",
           DiagnosticIDs::Note)
          << Var->getName();
    return;
  }
}

void DroppedExceptionCheck::checkDiscardedOutcome(const CallExpr &Spawn, const Expr *Discarder,
                                                  ASTContext &Context) {
  for (const Expr *Argument : Spawn.arguments()) {
    if (Argument == Discarder)
      continue;
    const FunctionDecl *Coroutine = spawnedCoroutine(*Argument);
    // A sleep, a timer's wait or an event's wait (`co_await e`, `co_await
    // e.wait()`) fails only when cancelled.
    auto PacesOnly = [&](const Expr &Awaited) {
      if (hasListedType(Awaited.getType(), EventTypes.Names, true))
        return true;
      const auto *Call = llvm::dyn_cast<CallExpr>(&Awaited);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (Callee && isListed(*Callee, SleepFunctions.Names))
        return true;
      const auto *Member = llvm::dyn_cast_or_null<CXXMemberCallExpr>(Call);
      QualType Object = Member ? Member->getImplicitObjectArgument()->getType() : QualType();
      return Member && (hasListedType(Object, TimerTypes.Names, true) ||
                        hasListedType(Object, EventTypes.Names, true));
    };
    const Stmt *Throw = Coroutine ? escapingThrow(*Coroutine, PacesOnly) : nullptr;
    if (!Throw)
      continue;
    std::string Name = coroutineDisplayName(*Coroutine);
    if (!Discarder) {
      diag(Spawn.getBeginLoc(), "%0") << messages::exceptionSwallowedBySpawn(
          qualifiedName(*Spawn.getDirectCallee()).substr(2), Name);
    } else {
      llvm::StringRef Token = textOf(*Discarder, Context);
      std::string How = llvm::isa<LambdaExpr>(Discarder->IgnoreUnlessSpelledInSource())
                            ? "a completion handler that ignores its 'std::exception_ptr'"
                        : Token.empty() ? "the completion token"
                                        : "'" + Token.str() + "'";
      diag(Discarder->getBeginLoc(), "%0") << messages::exceptionDiscardedBySpawn(How, Name);
    }
    diag(Throw->getBeginLoc(), "%0 can throw here", DiagnosticIDs::Note)
        << (Name.empty() ? "the lambda coroutine" : "'" + Name + "'");
    return;
  }
}

void DroppedExceptionCheck::checkCollectedHandle(const CallExpr &Spawn,
                                                 const CXXMemberCallExpr &Fill,
                                                 const FunctionDecl &Function,
                                                 llvm::StringRef SpawnName, ASTContext &Context) {
  const auto *Object =
      llvm::dyn_cast<DeclRefExpr>(Fill.getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *Container = Object ? llvm::dyn_cast<VarDecl>(Object->getDecl()) : nullptr;
  if (!Container || !Container->hasLocalStorage() || llvm::isa<ParmVarDecl>(Container) ||
      !Fill.getMethodDecl() || !isContainerFiller(plainName(*Fill.getMethodDecl())) ||
      !isCoroutine(Function))
    return;
  // Only paths that leave the coroutine from here on: the container may hold
  // handles awaited before this one was added.
  auto Consumes = [&](const DeclRefExpr &Ref) {
    if (Context.getSourceManager().isBeforeInTranslationUnit(Ref.getBeginLoc(),
                                                             Spawn.getBeginLoc()))
      return false;
    DynTypedNode Use = semanticParent(Ref, Context);
    if (const auto *Member = Use.get<MemberExpr>())
      return !isContainerFiller(plainName(*Member->getMemberDecl()));
    return true;
  };
  Consumption Flow = consumptionOf(*Container, Function, Context, Consumes, nullptr,
                                   /*ThrowsAbandon=*/true);
  if (Flow.How != Consumption::SomePaths) {
    SourceLocation Rethrow =
        rethrowWithoutConsuming(*Container, Function, Spawn.getEndLoc(), Context, Consumes);
    if (Rethrow.isValid())
      Flow = {Consumption::SomePaths, Rethrow};
  }
  // A container never consumed at all is async-unawaited-task's (tasks) or
  // plainly dropped; here: one awaited on the way that is taken for granted.
  if (Flow.How != Consumption::SomePaths || Flow.PathEnd.isInvalid() ||
      Context.getSourceManager().isBeforeInTranslationUnit(Flow.PathEnd, Spawn.getBeginLoc()))
    return;
  diag(Spawn.getBeginLoc(), "%0") << messages::collectedHandlesAbandoned(Container->getName(),
                                                                        SpawnName);
  diag(Flow.PathEnd, "'%0' is left here with its tasks still running", DiagnosticIDs::Note)
      << Container->getName();
}

bool DroppedExceptionCheck::observesOutcome(const DeclRefExpr &Ref, ASTContext &Context,
                                            bool &BlindCallback) const {
  DynTypedNode Parent = semanticParent(Ref, Context);
  if (const auto *Cast = Parent.get<ExplicitCastExpr>())
    return !Cast->getTypeAsWritten()->isVoidType();
  if (const CXXMemberCallExpr *Call = memberCallOn(Ref, Context)) {
    llvm::StringRef Member = Call->getMethodDecl() ? plainName(*Call->getMethodDecl()) : "";
    if (Member == "add_done_callback" && Call->getNumArgs() == 1)
      if (const auto *Callback =
              llvm::dyn_cast<LambdaExpr>(Call->getArg(0)->IgnoreUnlessSpelledInSource())) {
        bool Inspects = callbackInspects(*Callback);
        BlindCallback |= !Inspects;
        return Inspects;
      }
    return !isPassiveHandleMember(Member);
  }
  // Conditions and comparisons read the handle without retrieving the outcome.
  return !(Parent.get<BinaryOperator>() || Parent.get<UnaryOperator>() || Parent.get<IfStmt>());
}

void DroppedExceptionCheck::checkTaskGroup(const VarDecl &Group, ASTContext &Context) {
  const auto *Function = llvm::dyn_cast<FunctionDecl>(Group.getDeclContext());
  if (!Function || llvm::isa<ParmVarDecl>(Group))
    return;
  Consumption Flow = consumptionOf(Group, *Function, Context, [&](const DeclRefExpr &Ref) {
    if (const CXXMemberCallExpr *Call = memberCallOn(Ref, Context))
      return !(Call->getMethodDecl() &&
               isNonJoiningGroupMember(plainName(*Call->getMethodDecl())));
    return true; // handed to aio::with, moved, passed on
  });
  if (Flow.How == Consumption::Everywhere)
    return;
  diag(Group.getLocation(), "%0") << messages::taskGroupNeverJoined(Group.getName());
}

void DroppedExceptionCheck::checkGatherResults(const CallExpr &Gather, ASTContext &Context) {
  StatementContext Where = contextOf(Gather, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  std::string GatherName = qualifiedName(*Gather.getDirectCallee()).substr(2);
  // The awaited gather is what yields the results.
  const Expr *Awaited = &Gather;
  if (const auto *Await = semanticParent(Gather, Context).get<CoawaitExpr>())
    Awaited = Await;
  // Cancel the handles, then gather them with return_exceptions to wait
  // until they have finished: shutdown, where their failures are expected.
  if (gathersWhatItCancelled(Gather, *Where.Function, Context))
    return;
  if (discardKind(*Awaited, Context) != Discard::No) {
    diag(Gather.getBeginLoc(), "%0") << messages::gatherResultsDiscarded(GatherName);
    return;
  }
  const auto *Results = semanticParent(*Awaited, Context).get<VarDecl>();
  if (!gatherErrorsInspected(Gather, *Where.Function, Results, ResultTypes.Names, LoggingPattern,
                             Context))
    diag(Gather.getBeginLoc(), "%0") << messages::gatherErrorsNeverInspected(GatherName);
}

namespace {

/// The statement after \p S in its block; at the end of a loop's body, the
/// statement after the loop.
const Stmt *nextStatement(const Stmt &S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(S);
  const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  if (!Block)
    return nullptr;
  for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
    if (*It == &S) {
      if (std::next(It) != Block->body_end())
        return *std::next(It);
      DynTypedNodeList Up = Context.getParents(*Block);
      const Stmt *Loop = Up.empty() ? nullptr : Up[0].get<Stmt>();
      if (Loop && (llvm::isa<ForStmt>(Loop) || llvm::isa<CXXForRangeStmt>(Loop) ||
                   llvm::isa<WhileStmt>(Loop) || llvm::isa<DoStmt>(Loop)))
        return nextStatement(*Loop, Context);
      return nullptr;
    }
  return nullptr;
}

std::string_view view(llvm::StringRef Text) { return {Text.data(), Text.size()}; }

/// A handler as the AST shows it, for swallowingHandler().
class ClangHandler : public SwallowingHandlerFacts {
public:
  ClangHandler(const CXXCatchStmt &Handler, const CXXTryStmt &Try, ASTContext &Context,
               const NameList &CancelledTypes, const llvm::Regex &Logging)
      : Handler(Handler), Try(Try), Context(Context), CancelledTypes(CancelledTypes),
        Logging(Logging), Where(contextOf(Handler, Context)) {}

  bool trySuspends() override {
    Suspension = findSuspensionPoint(*Try.getTryBlock());
    return Suspension != nullptr;
  }
  bool coroutineAwaits() override {
    return !Where.Function || !Where.Function->getBody() || findAwait(*Where.Function->getBody());
  }
  bool catchesCancellation() override {
    return !catchesAll(Handler) && hasListedType(Handler.getCaughtType(), CancelledTypes);
  }
  bool doesNothing() override { return analyzeHandler(Handler, Logging).swallows(); }
  std::string_view handlerText() override { return view(textOf(*Handler.getHandlerBlock(), Context)); }
  std::string_view fileText() override {
    const SourceManager &SM = Context.getSourceManager();
    return view(SM.getBufferData(SM.getMainFileID()));
  }
  std::string_view lastTryStatement() override {
    const CompoundStmt *Block = Try.getTryBlock();
    return Block->body_empty() ? "" : view(textOf(*Block->body_back(), Context));
  }
  std::string_view nextStatement() override {
    const Stmt *Next = corolint::nextStatement(Try, Context);
    return Next ? view(textOf(*Next, Context)) : "";
  }
  std::string coroutine() override { return coroutineDisplayName(*Where.Function); }

  const Stmt *Suspension = nullptr; ///< trySuspends' answer

private:
  const CXXCatchStmt &Handler;
  const CXXTryStmt &Try;
  ASTContext &Context;
  const NameList &CancelledTypes;
  const llvm::Regex &Logging;
  StatementContext Where;
};

} // namespace

void DroppedExceptionCheck::checkHandler(const CXXCatchStmt &Handler, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(Handler);
  const auto *Try = Parents.empty() ? nullptr : Parents[0].get<CXXTryStmt>();
  if (!Try)
    return;
  ClangHandler Facts(Handler, *Try, Context, CancelledTypes.Names, LoggingPattern);
  if (std::optional<SwallowingHandler> Found = swallowingHandler(Facts)) {
    diag(Handler.getCatchLoc(), "%0") << Found->Message;
    diag(Facts.Suspension->getBeginLoc(), "%0", DiagnosticIDs::Note) << Found->Note;
  }
}

bool DroppedExceptionCheck::callbackInspects(const LambdaExpr &Callback) const {
  // It inspects when it asks the handle for its outcome, or hands the handle on.
  auto Inspects = match(
      findAll(expr(anyOf(cxxMemberCallExpr(callee(cxxMethodDecl(
                             hasAnyName("exception", "result", "get", "value")))),
                         cxxThrowExpr()))),
      *Callback.getBody(), Callback.getCallOperator()->getASTContext());
  if (!Inspects.empty())
    return true;
  // A generic lambda (`[](auto &t) { ... t.exception() ... }`): its body is a
  // pattern whose member calls are dependent, read by name.
  auto Dependent = match(findAll(cxxDependentScopeMemberExpr().bind("member")),
                         *Callback.getBody(), Callback.getCallOperator()->getASTContext());
  for (const BoundNodes &Node : Dependent) {
    DeclarationName Member = Node.getNodeAs<CXXDependentScopeMemberExpr>("member")->getMember();
    if (Member.isIdentifier() &&
        llvm::is_contained({"exception", "result", "get", "value"},
                           Member.getAsIdentifierInfo()->getName()))
      return true;
  }
  const FunctionDecl *Operator = Callback.getCallOperator();
  if (Operator->getNumParams() == 0)
    return false;
  auto PassedOn =
      match(findAll(callExpr(hasAnyArgument(ignoringParenImpCasts(
                declRefExpr(to(equalsNode(Operator->getParamDecl(0)))))))),
            *Callback.getBody(), Operator->getASTContext());
  return !PassedOn.empty();
}

void DroppedExceptionCheck::checkDoneCallback(const CXXMemberCallExpr &Add,
                                              const LambdaExpr &Callback, ASTContext &Context) {
  if (callbackInspects(Callback))
    return;
  // A callback that only signals or logs "done" loses nothing when another use of the same
  // local handle retrieves the outcome: an inspecting callback, an await, result().
  const auto *Handle = llvm::dyn_cast<DeclRefExpr>(Add.getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *Var = Handle ? llvm::dyn_cast<VarDecl>(Handle->getDecl()) : nullptr;
  StatementContext Where = contextOf(Add, Context);
  if (Var && Var->hasLocalStorage() && Where.Function && Where.Function->getBody()) {
    auto Uses = match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("use")),
                      *Where.Function->getBody(), Context);
    for (const BoundNodes &Use : Uses) {
      const auto *Ref = Use.getNodeAs<DeclRefExpr>("use");
      bool Blind = false;
      if (Ref != Handle && observesOutcome(*Ref, Context, Blind))
        return;
    }
  }
  diag(Callback.getBeginLoc(), "%0") << messages::doneCallbackIgnoresOutcome();
}

} // namespace corolint
