//===--- UnboundedSpawnCheck.cpp - async-unbounded-spawn -------------------===//

#include "UnboundedSpawnCheck.h"
#include "checks/model/SpawnFanout.h"
#include "utils/Bounds.h"
#include "utils/Coroutines.h"
#include "utils/HelperSearch.h"
#include "utils/Flow.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SourceKind.h"
#include "utils/Statements.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// Container members that add one element.
bool isAdder(llvm::StringRef Member) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                             "emplace", "push"},
                            Member);
}

/// The local container a member call adds to, when \p S is such a call.
const VarDecl *containerAddedTo(const DynTypedNode &Node) {
  const auto *Member = Node.get<CXXMemberCallExpr>();
  if (!Member || !Member->getMethodDecl() || !Member->getMethodDecl()->getIdentifier() ||
      !isAdder(plainName(*Member->getMethodDecl())))
    return nullptr;
  const auto *Var = llvm::dyn_cast_or_null<VarDecl>(rootDecl(*Member->getImplicitObjectArgument()));
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

/// Calls in a body, not in nested lambdas.
template <typename Predicate> class CallFinder : public RecursiveASTVisitor<CallFinder<Predicate>> {
public:
  explicit CallFinder(Predicate Wanted) : Wanted(Wanted) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCallExpr(CallExpr *Call) {
    if (!Found && Wanted(*Call))
      Found = Call;
    return true;
  }
  Predicate Wanted;
  const CallExpr *Found = nullptr;
};

template <typename Predicate> const CallExpr *findCall(const Stmt &Root, Predicate Wanted) {
  CallFinder<Predicate> Finder(Wanted);
  Finder.TraverseStmt(const_cast<Stmt *>(&Root));
  return Finder.Found;
}

bool isAwaitOperand(const Expr &E, ASTContext &Context) {
  DynTypedNode Parent = semanticParent(E, Context);
  return isAwait(Parent);
}

/// A reference to \p Var inside the operand of a `co_await`.
bool isAwaitedUse(const DeclRefExpr &Ref, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(Ref);
  for (int Steps = 0; Steps < 16; ++Steps) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    if (isAwait(Parents[0]))
      return true;
    if (!Parents[0].get<Expr>())
      return false;
    Current = Parents[0];
  }
  return false;
}

} // namespace

UnboundedSpawnCheck::UnboundedSpawnCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), SpawningHelpers([this](const Expr &E) {
        const FunctionDecl *Callee = calleeOf(E);
        return Callee && isListed(*Callee, AllSpawns);
      }) {
  AllSpawns = NameList(SpawnFunctions.Raw + ";" + OwnedSpawnFunctions.Raw);
  SummaryFile =
      optionsOf<BlockingCallOptions>("async-blocking-call", *Context, Profile).SummaryFile;
}

void UnboundedSpawnCheck::onStartOfTranslationUnit() {
  Reported.clear();
  ChosenLoad.reset();
  SpawningHelpers.reset();
  Editor.clear();
  Unit = nullptr;
}

void UnboundedSpawnCheck::onEndOfTranslationUnit() {
  if (!Unit || !Summaries)
    return;
  static const NameList NoRunners; // coroutines only: their calls are not summarized
  Editor.finishUnit(
      *Summaries, SummaryFile, /*UnitAlone=*/true, Unit->getSourceManager(),
      [&](ProgramSummaries &Out) {
        UnitSummarizer(NoRunners).summarizeCoroutines(
            *Unit, Out, [&](const FunctionDecl &Coroutine) {
              return semaphoreUse(Coroutine, SemaphoreTypes.Names);
            });
      },
      *this);
}

void UnboundedSpawnCheck::registerMatchers(MatchFinder *Finder) {
  // Across files, the CLI's whole-program step collects the unit's questions
  // and its coroutines' semaphores; without it (the editor, the plugin) the
  // unit answers them at its end, from the project's summary file if any.
  Summaries = CrossFile ? summaryOutput() : nullptr;
  if (CrossFile && !Summaries)
    Summaries = &Editor.Unit;
  if (Summaries && !SemaphoreTypes.Names.empty())
    Finder->addMatcher(functionDecl(isDefinition()).bind("definition"), this);
  auto InLoop = hasAncestor(stmt(anyOf(forStmt(), cxxForRangeStmt(), whileStmt(), doStmt())));
  if (!AllSpawns.empty()) {
    Finder->addMatcher(callExpr(callee(functionDecl(isInNameList(&AllSpawns))), InLoop)
                           .bind("spawn"),
                       this);
    Finder->addMatcher(
        callExpr(callee(functionDecl(unless(isInNameList(&AllSpawns)))), InLoop).bind("helper"),
        this);
  }
  // Lazy tasks collected in a loop run only when gathered: checked at the gather.
  if (!TaskTypes.Names.empty() && !GatherFunctions.Names.empty())
    Finder->addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("push_back", "emplace_back",
                                                          "push_front", "emplace_front"))),
                          on(declRefExpr(to(varDecl(hasLocalStorage()).bind("container")))),
                          hasArgument(0, expr(hasTypeInNameList(&TaskTypes.Names)).bind("task")),
                          InLoop)
            .bind("collect"),
        this);
}

void UnboundedSpawnCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Nodes.getNodeAs<FunctionDecl>("definition"))
    Unit = Result.Context; // its coroutines are summarized at the end of the unit
  else if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("spawn"))
    checkSpawn(*Spawn, *Result.Context);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("helper"))
    checkHelperCall(*Call, *Result.Context);
  else if (const auto *Push = Result.Nodes.getNodeAs<CXXMemberCallExpr>("collect"))
    checkCollected(*Result.Nodes.getNodeAs<Expr>("task"), *Push,
                   *Result.Nodes.getNodeAs<VarDecl>("container"), *Result.Context);
}

bool UnboundedSpawnCheck::loadIsChosen(const SourceManager &SM) const {
  if (!ChosenLoad) {
    llvm::StringRef Main = SM.getBufferData(SM.getMainFileID());
    ChosenLoad = includesTestSupport(Main) || includesBenchmarkSupport(Main);
  }
  return *ChosenLoad;
}

UnboundedSpawnCheck::Fanout UnboundedSpawnCheck::fanout(const Expr &Created,
                                                        const VarDecl *Container,
                                                        const FunctionDecl &Function,
                                                        ASTContext &Context) const {
  Fanout Fan;
  // Where the task (or its handle) goes: a local handle, a container.
  const VarDecl *Handle = nullptr;
  DynTypedNode Parent = semanticParent(Created, Context);
  if (const auto *Var = Parent.get<VarDecl>(); Var && Var->hasLocalStorage())
    Handle = Var;
  if (!Container)
    Container = containerAddedTo(Parent);

  auto Loops = enclosingLoops(Created, Context);
  if (Loops.empty())
    return Fan;
  if (Handle && !Container)
    if (const CallExpr *Push = findCall(*loopBody(*Loops.front()), [&](const CallExpr &Call) {
          return containerAddedTo(DynTypedNode::create(Call)) &&
                 llvm::any_of(Call.arguments(),
                              [&](const Expr *Arg) { return mentions(*Arg, nullptr, Handle); });
        }))
      Container = containerAddedTo(DynTypedNode::create(*Push));

  // Tasks awaited in the body of the loop that makes them run one at a time (or
  // a batch at a time, when flushed there); awaited in an outer loop's body,
  // they run one chunk at a time. Otherwise every enclosing loop multiplies them.
  auto AwaitsTasks = [&](const Stmt &Body, const Stmt *Skip) {
    bool Found = false;
    forEachAwait(Body, Skip, [&](const Expr &Operand) {
      Found |= mentions(Operand, &Created, Container);
    });
    return Found;
  };
  llvm::SmallVector<const Stmt *, 4> Multiplying;
  for (size_t I = 0; I < Loops.size(); ++I) {
    const Stmt *Body = loopBody(*Loops[I]);
    bool Joined = AwaitsTasks(*Body, I ? Loops[I - 1] : nullptr);
    if (I == 0 && Handle && !Joined) {
      // A handle awaited on every path of the iteration that made it.
      Consumption Flow = consumptionOf(*Handle, Function, Context, [&](const DeclRefExpr &Ref) {
        return isAwaitedUse(Ref, Context);
      });
      Joined = Flow.How == Consumption::Everywhere;
    }
    if (Joined)
      return Fan;
    Multiplying.push_back(Loops[I]);
  }
  Fan.OutermostLoop = Multiplying.back();
  std::vector<FanoutLoop> Described;
  for (const Stmt *Loop : Multiplying) {
    bool Awaits = false;
    forEachAwait(*Loop, nullptr, [&](const Expr &) { Awaits = true; });
    Described.push_back({loopSize(*Loop, Context), Awaits});
  }
  std::optional<LoopSize> Size =
      unboundedFanout(Described, loadIsChosen(Context.getSourceManager()), MaxStaticFanout);
  if (!Size)
    return Fan;
  Fan.Unbounded = true;
  Fan.Size = *Size;

  if (Container)
    if (const Stmt *Body = writtenBody(Function))
      if (const CallExpr *Gather = findCall(*Body, [&](const CallExpr &Call) {
            const FunctionDecl *Callee = Call.getDirectCallee();
            return Callee &&
                   (isListed(*Callee, GatherFunctions.Names) ||
                    isListed(*Callee, BoundedGatherFunctions.Names)) &&
                   llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
                     return mentions(*Arg, nullptr, Container);
                   });
          })) {
        Fan.Gather = Gather;
        Fan.GatherIsWindowed =
            isListed(*Gather->getDirectCallee(), BoundedGatherFunctions.Names);
      }
  return Fan;
}

bool UnboundedSpawnCheck::isBounded(const Expr &Spawn, llvm::ArrayRef<const Expr *> Work,
                                    const Fanout &Fan, const FunctionDecl &Function,
                                    ASTContext &Context, Notes &Said,
                                    Unseen *Elsewhere) const {
  if (Fan.GatherIsWindowed)
    return true;
  // A fixed pool of workers draining a queue: the loop counts workers, not elements.
  if (Fan.Size.How != LoopSize::Elements)
    for (const Expr *W : Work)
      if (const auto *Call = llvm::dyn_cast<CallExpr>(W->IgnoreUnlessSpelledInSource()))
        if (llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
              return hasListedType(Arg->getType(), QueueTypes.Names, /*ThroughPointers=*/true);
            }))
          return true;

  SemaphoreSearch Semaphores(SemaphoreTypes.Names, Function, *loopBody(*Fan.OutermostLoop),
                             Context);
  if (Elsewhere)
    Semaphores.deferUnseen();
  if (!SemaphoreTypes.Names.empty()) {
    if (Semaphores.loopAcquires())
      return true;
    for (const Expr *W : Work)
      if (Semaphores.workAcquires(*W))
        return true;
    if (const NamedDecl *Unshared = Semaphores.unsharedSemaphore())
      Said.push_back({Unshared->getLocation(), messages::semaphoreNotShared(Unshared->getName())});
    if (Elsewhere)
      *Elsewhere = Semaphores.unseen();
  }

  // `group.create_task(...)`: the group may carry the limit.
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&Spawn)) {
    const Expr *Group = Member->getImplicitObjectArgument();
    if (Group && hasListedType(Group->getType(), TaskGroupTypes.Names, /*ThroughPointers=*/true)) {
      GroupBound Bound =
          groupBound(*Group, ConcurrencyLimitTypes.Names, TaskGroupTypes.Names, Context);
      if (Bound.How == GroupBound::Limited || Bound.How == GroupBound::JoinedPerIteration)
        return true;
      if (Bound.How == GroupBound::Unlimited && Bound.Where)
        Said.push_back({Bound.Where->getBeginLoc(),
                         messages::groupWithoutLimit(ConcurrencyLimitTypes.firstSpelling())});
    }
  }
  return false;
}

void UnboundedSpawnCheck::conclude(const Expr &At, llvm::StringRef Verb, const Fanout &Fan,
                                   const Notes &Said, const Unseen &Elsewhere,
                                   const FunctionDecl &Function, const SourceManager &Sources) {
  std::string Remedy = messages::boundRemedy(
      SemaphoreTypes.firstSpelling(), TaskGroupTypes.firstSpelling(),
      ConcurrencyLimitTypes.firstSpelling(), Fan.Gather ? BoundedGatherFunctions.firstSpelling() : "");
  Finding Found{unboundedSpawnMessage(Verb, Fan.Size, Remedy), {}};
  if (Fan.Gather)
    Found.Said.push_back({Fan.Gather->getBeginLoc(), messages::gatheredAllAtOnce()});
  Found.Said.append(Said.begin(), Said.end());
  if (askProgram(At, Found, Elsewhere, Function, Sources))
    return;
  // Not asked (no key, no place): the unit's rule, a shared semaphore handed
  // to work defined elsewhere is trusted.
  if (llvm::any_of(Elsewhere, [](const SemaphoreSearch::Unseen &Work) {
        return !Work.SharedArguments.empty();
      }))
    return;
  diag(At.getBeginLoc(), "%0") << Found.Message;
  for (const auto &[Loc, Text] : Found.Said)
    diag(Loc, "%0", DiagnosticIDs::Note) << Text;
}

bool UnboundedSpawnCheck::askProgram(const Expr &At, const Finding &Found,
                                     const Unseen &Elsewhere, const FunctionDecl &Function,
                                     const SourceManager &Sources) {
  std::optional<std::pair<std::string, unsigned>> Place = summaryPlace(At.getBeginLoc(), Sources);
  if (!Place)
    return false;
  std::vector<PathNote> Said;
  for (const auto &[Loc, Text] : Found.Said)
    if (std::optional<std::pair<std::string, unsigned>> NotePlace = summaryPlace(Loc, Sources))
      Said.push_back({NotePlace->first, NotePlace->second, "", Text, PathNote::Step::Said});
  bool Asked = false;
  for (const SemaphoreSearch::Unseen &Work : Elsewhere) {
    OpenQuestion Question;
    Question.Seeks = Sought::Bound;
    Question.Callee = summaryKey(*Work.Callee);
    if (Question.Callee.empty())
      continue;
    Question.CalleeName = Work.Callee->getNameAsString();
    Question.Virtual = isVirtualDispatch(*Work.Call);
    Question.Coroutine = coroutineDisplayName(Function);
    std::tie(Question.File, Question.Offset) = *Place;
    Question.Message = Found.Message;
    Question.Notes = Said;
    Question.SharedArguments = Work.SharedArguments;
    Summaries->Questions.push_back(std::move(Question));
    if (Summaries == &Editor.Unit)
      Editor.askedAt(At.getBeginLoc());
    Asked = true;
  }
  return Asked;
}

void UnboundedSpawnCheck::checkSpawn(const CallExpr &Spawn, ASTContext &Context) {
  StatementContext Where = contextOf(Spawn, Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  if (!Reported.insert(Spawn.getBeginLoc().getPtrEncoding()).second)
    return;
  // `co_await create_task(...)` in a loop is sequential: another check's business.
  if (isAwaitOperand(Spawn, Context))
    return;
  Fanout Fan = fanout(Spawn, nullptr, *Where.Function, Context);
  if (!Fan.Unbounded)
    return;

  // The spawned work: the arguments, and the task a member spawn is called on
  // (folly's `task.start()`), but never the group of `group.create_task()`.
  llvm::SmallVector<const Expr *, 4> Work(Spawn.arguments());
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&Spawn))
    if (const Expr *Object = Member->getImplicitObjectArgument();
        Object && !hasListedType(Object->getType(), TaskGroupTypes.Names, true))
      Work.push_back(Object);

  Notes Said;
  Unseen Elsewhere;
  if (isBounded(Spawn, Work, Fan, *Where.Function, Context, Said,
                Summaries ? &Elsewhere : nullptr))
    return;
  conclude(Spawn, "creates", Fan, Said, Elsewhere, *Where.Function, Context.getSourceManager());
}

void UnboundedSpawnCheck::checkHelperCall(const CallExpr &Call, ASTContext &Context) {
  const SourceManager &Sources = Context.getSourceManager();
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Helper = Callee ? Callee->getDefinition() : nullptr;
  if (!Helper || !isEnterableHelper(*Helper, Sources, nullptr))
    return;
  StatementContext Where = contextOf(Call, Context);
  if (!Where.Function || Where.Unevaluated || Where.Function == Helper)
    return;
  const auto *Spawn =
      llvm::dyn_cast_or_null<CallExpr>(SpawningHelpers.find(*Helper, SpawnHelperDepth, Sources));
  if (!Spawn || !Reported.insert(Call.getBeginLoc().getPtrEncoding()).second)
    return;
  // The tasks multiply with the loops around the call; what the call
  // returns (a handle) may join them there.
  Fanout Fan = fanout(Call, nullptr, *Where.Function, Context);
  if (!Fan.Unbounded)
    return;
  llvm::SmallVector<const Expr *, 4> Work(Spawn->arguments());
  Work.append(Call.arguments().begin(), Call.arguments().end()); // `start(q)`: a worker's queue
  Notes Said;
  Said.push_back({Spawn->getBeginLoc(),
                  messages::spawnedInHelper(Helper->getNameAsString(),
                                            qualifiedName(*calleeOf(*Spawn)).substr(2))});
  if (isBounded(*Spawn, Work, Fan, *Where.Function, Context, Said, nullptr))
    return;
  conclude(Call, "creates", Fan, Said, {}, *Where.Function, Sources);
}

void UnboundedSpawnCheck::checkCollected(const Expr &Task, const CXXMemberCallExpr &Push,
                                         const VarDecl &Container, ASTContext &Context) {
  StatementContext Where = contextOf(Push, Context);
  if (!Where.Function || Where.Unevaluated || Reported.contains(&Container))
    return;
  Fanout Fan = fanout(Push, &Container, *Where.Function, Context);
  // Lazy tasks that are never gathered run one at a time, if at all.
  if (!Fan.Unbounded || !Fan.Gather)
    return;
  Notes Said;
  Unseen Elsewhere;
  const Expr *Work[] = {&Task};
  if (isBounded(Push, Work, Fan, *Where.Function, Context, Said,
                Summaries ? &Elsewhere : nullptr))
    return;
  Reported.insert(&Container);
  conclude(Task, "gathers", Fan, Said, Elsewhere, *Where.Function, Context.getSourceManager());
}

} // namespace corolint
