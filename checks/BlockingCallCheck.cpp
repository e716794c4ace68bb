//===--- BlockingCallCheck.cpp - async-blocking-call -----------------------===//

#include "BlockingCallCheck.h"
#include "checks/model/BlockingCall.h"
#include "utils/BlockingFunctions.h"
#include "utils/Coroutines.h"
#include "utils/Messages.h"
#include "utils/ProjectSummaries.h"
#include "utils/Profiles.h"
#include "utils/Templates.h"
#include "utils/Statements.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

#include <map>

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

bool isChronoDuration(QualType Type) {
  const auto *Record = Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  return llvm::isa_and_nonnull<ClassTemplateSpecializationDecl>(Record) &&
         qualifiedName(*Record) == "::std::chrono::duration";
}

/// An argument of \p Call is a std::chrono::duration the compiler evaluates to
/// zero (`0s`, `std::chrono::seconds(0)`, `milliseconds::zero()`, a constexpr zero).
bool hasZeroDurationArgument(const CallExpr &Call, const ASTContext &Context) {
  for (const Expr *Arg : Call.arguments()) {
    if (!isChronoDuration(Arg->getType()) || Arg->isValueDependent())
      continue;
    Expr::EvalResult Result;
    if (!Arg->IgnoreImplicit()->EvaluateAsRValue(Result, Context))
      continue;
    // A duration holds its count as its only member.
    const APValue &Value = Result.Val;
    if (!Value.isStruct() || Value.getStructNumFields() != 1 || Value.getStructNumBases() != 0)
      continue;
    const APValue &Count = Value.getStructField(0);
    if ((Count.isInt() && Count.getInt().isZero()) ||
        (Count.isFloat() && Count.getFloat().isZero()))
      return true;
  }
  return false;
}

/// A type that `co_await` accepts by itself (member operator co_await or the
/// await_* trio), so `x.get()` can become `co_await x`.
bool isAwaitable(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  for (const CXXMethodDecl *Method : Record->methods()) {
    if (Method->getOverloadedOperator() == OO_Coawait)
      return true;
    if (Method->getIdentifier() && Method->getName() == "await_ready")
      return true;
  }
  return false;
}

/// `x.get()` / `x.wait()` on something `co_await` accepts: a synchronous wait
/// for what could be awaited (folly::SemiFuture::get and the like).
bool isSynchronousWaitOnAwaitable(const Expr &E) {
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&E);
  if (!Member || !Member->getMethodDecl() || Member->getNumArgs() != 0 ||
      !Member->getMethodDecl()->getIdentifier())
    return false;
  llvm::StringRef Method = plainName(*Member->getMethodDecl());
  return (Method == "get" || Method == "wait") &&
         isAwaitable(Member->getImplicitObjectArgument()->getType());
}

/// `std::istream in(&buffer)` declared here over a buffer that is not a
/// file's (an asio::streambuf already read): reading it does no I/O.
bool isIstreamOverMemory(const Expr &Stream) {
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Stream.IgnoreImpCasts());
  const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !Var->getInit())
    return false;
  const CXXRecordDecl *Type = Var->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Type || qualifiedName(*Type) != "::std::basic_istream")
    return false;
  const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
  if (!Construct || Construct->getNumArgs() != 1)
    return false;
  // `&buffer` of an object whose type is known, not `std::cin.rdbuf()`.
  const auto *Address = llvm::dyn_cast<UnaryOperator>(Construct->getArg(0)->IgnoreImpCasts());
  if (!Address || Address->getOpcode() != UO_AddrOf)
    return false;
  const CXXRecordDecl *BufferType = Address->getSubExpr()->getType()->getAsCXXRecordDecl();
  return BufferType && !llvm::StringRef(qualifiedName(*BufferType)).contains("filebuf");
}

/// Reading from a string stream does not block; reading from a file or a terminal does.
bool readsStreamInMemory(const CallExpr &Call) {
  if (Call.getNumArgs() == 0)
    return false;
  // The argument binds to std::istream&: look through the derived-to-base cast.
  const CXXRecordDecl *Stream =
      Call.getArg(0)->IgnoreImpCasts()->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return (Stream && llvm::StringRef(qualifiedName(*Stream)).contains("stringstream")) ||
         isIstreamOverMemory(*Call.getArg(0));
}

/// The last name of the function \p Awaited calls, also when it is dependent.
llvm::StringRef calledName(const Expr *Awaited) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(Awaited ? Awaited->IgnoreImplicit() : nullptr);
  if (!Call)
    return {};
  if (const FunctionDecl *Direct = Call->getDirectCallee())
    return Direct->getIdentifier() ? Direct->getName() : llvm::StringRef();
  const Expr *Callee = Call->getCallee()->IgnoreImplicit();
  if (const auto *Member = llvm::dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return Member->getMember().isIdentifier() ? Member->getMember().getAsIdentifierInfo()->getName()
                                              : llvm::StringRef();
  if (const auto *Overloads = llvm::dyn_cast<OverloadExpr>(Callee))
    return Overloads->getName().isIdentifier()
               ? Overloads->getName().getAsIdentifierInfo()->getName()
               : llvm::StringRef();
  return {};
}

/// The coroutine awaits a descriptor's readiness (`co_await poll(fd, op)`):
/// the reactor idiom, on descriptors it made non-blocking.
bool awaitsDescriptorReadiness(const FunctionDecl &Coroutine) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitCoawaitExpr(CoawaitExpr *Await) {
      Found |= isReadinessWait(calledName(Await->getOperand()));
      return !Found;
    }
    bool VisitDependentCoawaitExpr(DependentCoawaitExpr *Await) {
      Found |= isReadinessWait(calledName(Await->getOperand()));
      return !Found;
    }
  } Finder;
  Finder.TraverseStmt(Coroutine.getBody());
  return Finder.Found;
}

/// \p Value is a call of one of \p Accessors (`sock.native_handle()`).
bool callsAccessor(const Expr *Value, const NameList &Accessors) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(Value ? Value->IgnoreImplicit() : nullptr);
  return Call && Call->getDirectCallee() && isListed(*Call->getDirectCallee(), Accessors);
}

/// Descriptor I/O whose first argument is a descriptor the library made
/// non-blocking: `::accept(sock.native_handle(), ...)`, or a local initialised
/// from that accessor (`int fd = sock.native_handle(); ::recv(fd, ...)`).
bool usesNonBlockingDescriptor(const Expr &Site, const NameList &Accessors) {
  const auto *Call = llvm::dyn_cast<CallExpr>(&Site);
  if (Accessors.empty() || !Call || Call->getNumArgs() == 0)
    return false;
  const Expr *Descriptor = Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Descriptor))
    if (const auto *Local = llvm::dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->hasLocalStorage() && !llvm::isa<ParmVarDecl>(Local))
      return callsAccessor(Local->getInit(), Accessors);
  return callsAccessor(Descriptor, Accessors);
}

/// Where \p Coroutine hops onto a thread pool: `co_await tp->schedule()`, an
/// offload function awaited without a callable; the rest of the body runs on
/// the pool. An invalid location when it does not.
SourceLocation hopOntoPool(const FunctionDecl &Coroutine, const NameList &Offloads,
                           const SourceManager &Sources) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const NameList &Offloads;
    const SourceManager &Sources;
    SourceLocation Hop;
    Finder(const NameList &Offloads, const SourceManager &Sources)
        : Offloads(Offloads), Sources(Sources) {}
    bool VisitCoawaitExpr(CoawaitExpr *Await) {
      const auto *Call = llvm::dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit());
      if (Call && Call->getNumArgs() == 0 && Call->getDirectCallee() &&
          isListed(*Call->getDirectCallee(), Offloads) &&
          (Hop.isInvalid() || Sources.isBeforeInTranslationUnit(Await->getEndLoc(), Hop)))
        Hop = Await->getEndLoc();
      return true;
    }
  } Finder(Offloads, Sources);
  Finder.TraverseStmt(Coroutine.getBody());
  return Finder.Hop;
}

/// The `co_await` whose awaiter protocol \p Call is (an implicit
/// await_ready/await_suspend/await_resume or operator co_await), or null.
const CoawaitExpr *awaitOf(const Expr &Call, const FunctionDecl &Callee, ASTContext &Context) {
  bool Protocol = Callee.getOverloadedOperator() == OO_Coawait;
  if (const IdentifierInfo *Id = Callee.getIdentifier())
    Protocol |= Id->getName() == "await_ready" || Id->getName() == "await_suspend" ||
                Id->getName() == "await_resume";
  if (!Protocol)
    return nullptr;
  // The protocol calls are implicit nodes: walk the full tree.
  TraversalKindScope AsIs(Context, TK_AsIs);
  return llvm::dyn_cast_or_null<CoawaitExpr>(enclosingAwait(Call, Context));
}

/// What a `co_await` awaits, as users wrote its type: `inline_affine_stopped_sender`.
std::string awaitedName(const CoawaitExpr &Await) {
  const Expr *Operand = Await.getOperand()->IgnoreImplicit();
  if (const NamedDecl *Named = namingDecl(Operand->getType()); Named && Named->getIdentifier())
    return Named->getNameAsString();
  return "the awaited expression";
}

/// The full engine's description of a call or construction for
/// checks/model/BlockingCall.
class ClangOperation : public BlockingOperationFacts {
public:
  ClangOperation(const Expr &E, const FunctionDecl &Callee, const NameList &Blocking,
                 const NameList &Runners)
      : E(E), Call(llvm::dyn_cast<CallExpr>(&E)), Callee(Callee), Blocking(Blocking),
        Runners(Runners) {}

  bool isConstruction() override { return llvm::isa<CXXConstructorDecl>(Callee); }
  bool runsLoop() override { return isListed(Callee, Runners); }
  std::string synchronousWaitOnAwaitable() override {
    return isSynchronousWaitOnAwaitable(E) ? qualifiedName(Callee).substr(2) : std::string();
  }
  std::string listedName() override {
    const NamedDecl *Named = &Callee;
    if (const auto *Constructor = llvm::dyn_cast<CXXConstructorDecl>(&Callee))
      Named = Constructor->getParent();
    std::string Qualified;
    if (isListed(*Named, Blocking))
      Qualified = qualifiedName(*Named);
    else if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&E))
      Qualified = inheritedMethodName(*Member, Blocking);
    return Qualified.empty() ? Qualified : Qualified.substr(2);
  }
  bool returnsAwaitable(std::string_view) override {
    return !llvm::isa<CXXMethodDecl>(Callee) && (isCoroutineReturnType(Callee.getReturnType()) ||
                                                  isAwaiterType(Callee.getReturnType()));
  }
  bool readsFromMemory() override {
    return Call && plainName(Callee) == "getline" && readsStreamInMemory(*Call);
  }
  bool hasZeroDuration() override {
    return Call && hasZeroDurationArgument(*Call, Callee.getASTContext());
  }

private:
  const Expr &E;
  const CallExpr *Call; ///< null for a construction
  const FunctionDecl &Callee;
  const NameList &Blocking, &Runners;
};

/// The function making \p Operation tests for EAGAIN or EWOULDBLOCK.
bool handlesWouldBlockAround(const Expr &Operation, ASTContext &Context) {
  const FunctionDecl *Function = contextOf(Operation, Context).Function;
  if (!Function || !Function->getBody())
    return false;
  return mentionsWouldBlock(Lexer::getSourceText(
      CharSourceRange::getTokenRange(Function->getBody()->getSourceRange()),
      Context.getSourceManager(), Context.getLangOpts()));
}

/// The full engine's description of where a coroutine's call runs a blocking operation.
class ClangPlace : public BlockingPlaceFacts {
public:
  ClangPlace(const Expr &Call, const Expr &Operation, const FunctionDecl &Coroutine,
             const NameList &Offloads, const NameList &Accessors, ASTContext &Context)
      : Call(Call), Operation(Operation), Coroutine(Coroutine), Offloads(Offloads),
        Accessors(Accessors), Context(Context), Sources(Context.getSourceManager()) {}

  bool onPool() override {
    SourceLocation Hop = hopOntoPool(Coroutine, Offloads, Sources);
    return Hop.isValid() && Sources.isBeforeInTranslationUnit(Hop, Call.getBeginLoc());
  }
  bool awaitsReadiness() override { return awaitsDescriptorReadiness(Coroutine); }
  bool onNonBlockingDescriptor() override {
    return usesNonBlockingDescriptor(Operation, Accessors);
  }
  bool handlesWouldBlock() override { return handlesWouldBlockAround(Operation, Context); }

private:
  const Expr &Call;      ///< the coroutine's own call
  const Expr &Operation; ///< the blocking call it makes, or a helper makes
  const FunctionDecl &Coroutine;
  const NameList &Offloads, &Accessors;
  ASTContext &Context;
  const SourceManager &Sources;
};

} // namespace

BlockingCallCheck::BlockingCallCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      Helpers([this](const Expr &E) { return blockingAt(E).has_value(); }) {
  std::string Error;
  if (auto Parsed = parseBlockingFunctions(BlockingFunctions, Error))
    BlockingTable = std::move(*Parsed);
  else
    configurationDiag("invalid BlockingFunctions option: %0", DiagnosticIDs::Error) << Error;
  // The names alone (with `ns::*` and `-name` entries) decide what matches.
  BlockingNames = NameList(blockingNames(BlockingFunctions));
  Helpers.skip(NonBlockingHelpers.Names);
  // A virtual call blocks by the whole-program rule (every body it may run,
  // or one): the unit's search leaves it to the unit's summaries.
  Helpers.followVirtualCalls(false);
}

void BlockingCallCheck::onStartOfTranslationUnit() {
  Helpers.reset();
  Instantiated.clear();
  Context = nullptr;
  Summarizer.reset();
  Editor.clear();
  LeftVirtualCall = false;
  Coroutines.clear();
  if (Summaries)
    Summarizer.emplace([this](const Expr &E) { return blockingInHelper(E); },
                       RunFunctions.Names, NonBlockingHelpers.Names);
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (!Summarizer || !Context)
    return;
  Editor.finishUnit(
      *Summaries, CrossFile ? SummaryFile : "", LeftVirtualCall || Helpers.metVirtualCall(),
      Context->getSourceManager(),
      [&](ProgramSummaries &Out) { Summarizer->summarizeUnit(*Context, Out); },
      *this);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // The CLI's whole-program step collects. Without it, the unit's questions
  // are answered at its end: from the project's summary file, or over the
  // unit alone when a virtual call was left to the whole-program rule.
  Summaries = CrossFile ? summaryOutput() : nullptr;
  if (!Summaries)
    Summaries = &Editor.Unit;
  Finder->addMatcher(functionDecl(isDefinition()).bind("definition"), this);
  Finder->addMatcher(callExpr(callee(functionDecl()), isInCoroutine()).bind("call"), this);
  Finder->addMatcher(cxxConstructExpr(isInCoroutine()).bind("call"), this);
  // In a template, a call on a dependent object (`result.wait()` on a
  // std::future<T>) has a callee only in the instantiations, which this
  // check's traversal skips: it looks them up.
  Finder->addMatcher(callExpr(unless(callee(functionDecl())), isInstantiationDependent(),
                              isInCoroutine())
                         .bind("dependent"),
                     this);
}

std::optional<BlockingCallCheck::Blocking> BlockingCallCheck::blockingAt(const Expr &E) const {
  const FunctionDecl *Callee = calleeOf(E);
  if (!Callee)
    return std::nullopt;
  ClangOperation Facts(E, *Callee, BlockingNames, RunFunctions.Names);
  if (std::optional<BlockingOperation> Operation = blockingOperation(Facts))
    return Blocking{&E, std::move(*Operation)};
  return std::nullopt;
}

std::optional<BlockingOperation> BlockingCallCheck::blockingInHelper(const Expr &E) const {
  std::optional<Blocking> Found = blockingAt(E);
  if (!Found || (Found->Operation.Kind == BlockingKind::Call &&
                 isDescriptorIo(Found->Operation.Name) &&
                 (usesNonBlockingDescriptor(E, NonBlockingDescriptors.Names) ||
                  (Context && handlesWouldBlockAround(E, *Context)))))
    return std::nullopt;
  return std::move(Found->Operation);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Nodes.getNodeAs<FunctionDecl>("definition")) {
    Context = Result.Context; // summarized at the end of the unit, instantiations too
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<Expr>("call");
  const auto *Dependent = Result.Nodes.getNodeAs<CallExpr>("dependent");
  StatementContext Where = contextOf(Call ? *Call : *Dependent, *Result.Context);
  if (!Where.Function || Where.Unevaluated)
    return;
  if (Call) {
    checkCall(*Call, *Where.Function, Result);
    return;
  }
  // The same call in each instantiation, at the same place; one report for all.
  for (const Stmt *Resolved : Instantiated.of(*Dependent, *Result.Context))
    if (llvm::cast<CallExpr>(Resolved)->getDirectCallee() &&
        checkCall(*llvm::cast<CallExpr>(Resolved), *Where.Function, Result))
      return;
}

bool BlockingCallCheck::checkCall(const Expr &Call, const FunctionDecl &Coroutine,
                                  const MatchFinder::MatchResult &Result) {
  // Asked only of a blocking operation found: the place's facts walk the coroutine's body.
  auto BlocksHere = [&](const Blocking &Found) {
    ClangPlace Place(Call, *Found.Site, Coroutine, OffloadFunctions.Names,
                     NonBlockingDescriptors.Names, *Result.Context);
    return blocksThere(Found.Operation, Place);
  };
  if (std::optional<Blocking> Found = blockingAt(Call)) {
    if (!BlocksHere(*Found))
      return false;
    reportDirect(*Found, Coroutine, Result);
    return true;
  }
  const FunctionDecl *Callee = calleeOf(Call);
  // Constructors are followed too: RAII that blocks when it opens (a sync context manager).
  if (!Callee || HelperDepth == 0)
    return false;
  // A virtual call's bodies are settled by the whole-program rule.
  bool Virtual = isVirtualDispatch(Call);
  LeftVirtualCall |= Virtual;
  const Expr *Inner = Virtual ? nullptr : Helpers.find(*Callee, HelperDepth, *Result.SourceManager);
  if (!Inner) {
    if (Summarizer)
      askAcrossFiles(Call, *Callee, Coroutine, Result);
    return false;
  }
  std::optional<Blocking> InnerOperation = blockingAt(*Inner);
  if (!BlocksHere(*InnerOperation))
    return false;
  const std::string &Reached = InnerOperation->Operation.Name;
  if (const CoawaitExpr *Await = awaitOf(Call, *Callee, *Result.Context))
    diag(Await->getBeginLoc(), "%0") << messages::blockingAwaiter(
        awaitedName(*Await), coroutineDisplayName(Coroutine), Reached,
        OffloadFunctions.firstSpelling());
  else
    diag(Call.getBeginLoc(), "%0") << messages::blockingHelper(
        Callee->getNameAsString(), coroutineDisplayName(Coroutine), Reached,
        OffloadFunctions.firstSpelling());
  diag(Inner->getBeginLoc(), "'%0' blocks here", DiagnosticIDs::Note) << Reached;
  return true;
}

const BlockingCallCheck::CoroutineFacts &
BlockingCallCheck::factsOf(const FunctionDecl &Coroutine, const SourceManager &Sources) {
  auto [It, New] = Coroutines.try_emplace(&Coroutine);
  if (New)
    It->second = {hopOntoPool(Coroutine, OffloadFunctions.Names, Sources),
                  awaitsDescriptorReadiness(Coroutine)};
  return It->second;
}

void BlockingCallCheck::askAcrossFiles(const Expr &Call, const FunctionDecl &Callee,
                                       const FunctionDecl &Coroutine,
                                       const MatchFinder::MatchResult &Result) {
  const SourceManager &Sources = *Result.SourceManager;
  if (Sources.isInSystemHeader(Sources.getExpansionLoc(Callee.getLocation())) ||
      isListed(Callee, NonBlockingHelpers.Names))
    return; // the blocking table decided
  if (const FunctionDecl *Definition = Callee.getDefinition();
      Definition && isCoroutine(*Definition))
    return; // checked on its own
  const CoroutineFacts &Facts = factsOf(Coroutine, Sources);
  if (Facts.Hop.isValid() && Sources.isBeforeInTranslationUnit(Facts.Hop, Call.getBeginLoc()))
    return;
  OpenQuestion Question;
  Question.Callee = summaryKey(Callee);
  Question.CalleeName = Callee.getNameAsString();
  Question.Virtual = isVirtualDispatch(Call);
  Question.AnyOverride = AnyOverrideBlocks;
  Question.Coroutine = coroutineDisplayName(Coroutine);
  SourceLocation At = Call.getBeginLoc();
  if (const CoawaitExpr *Await = awaitOf(Call, Callee, *Result.Context)) {
    Question.Awaited = awaitedName(*Await);
    At = Await->getBeginLoc();
  }
  std::optional<std::pair<std::string, unsigned>> Place = Summarizer->place(At, Sources);
  if (Question.Callee.empty() || !Place)
    return;
  std::tie(Question.File, Question.Offset) = std::move(*Place);
  Question.Offload = OffloadFunctions.firstSpelling();
  Question.Depth = HelperDepth;
  Question.AwaitsReadiness = Facts.AwaitsReadiness;
  Summaries->Questions.push_back(std::move(Question));
  if (Summaries == &Editor.Unit)
    Editor.askedAt(At);
}

void BlockingCallCheck::reportDirect(const Blocking &Found, const FunctionDecl &Coroutine,
                                     const MatchFinder::MatchResult &Result) {
  const Expr &Site = *Found.Site;
  auto Diag = diag(Site.getBeginLoc(), "%0")
              << directBlockingMessage(Found.Operation, BlockingTable,
                                       coroutineDisplayName(Coroutine),
                                       OffloadFunctions.firstSpelling());
  if (Found.Operation.Kind == BlockingKind::Construction)
    return;

  // Rewrites are safe only where `co_await` may appear and means the same:
  // outside a catch handler, not spelled by a macro.
  StatementContext Where = contextOf(Site, *Result.Context);
  if (Where.InCatchHandler || Site.getBeginLoc().isMacroID() || Site.getEndLoc().isMacroID())
    return;
  const auto &Call = llvm::cast<CallExpr>(Site);

  // A blocking sleep of a std::chrono duration, as a statement of its own.
  std::string Sleep = SleepFunctions.firstSpelling();
  if (!Sleep.empty() && replacementFor(BlockingTable, Found.Operation.Name) == Sleep &&
      Call.getNumArgs() == 1 &&
      isChronoDuration(Call.getArg(0)->getType()) && isStatement(Call, *Result.Context)) {
    Diag << FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Call.getCallee()->getSourceRange()), "co_await " + Sleep);
    return;
  }
  // `x.get()` / `x.wait()` on something awaitable: await it instead.
  if (Found.Operation.Kind == BlockingKind::AwaitableWait) {
    const Expr *Object = llvm::cast<CXXMemberCallExpr>(Call).getImplicitObjectArgument();
    if (!Object->getBeginLoc().isMacroID()) {
      std::string ObjectText =
          Lexer::getSourceText(CharSourceRange::getTokenRange(Object->getSourceRange()),
                               *Result.SourceManager, getLangOpts())
              .str();
      bool Bare = isStatement(Call, *Result.Context) ||
                  semanticParent(Call, *Result.Context).get<VarDecl>();
      Diag << FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Call.getSourceRange()),
          Bare ? "co_await " + ObjectText : "(co_await " + ObjectText + ")");
    }
  }
}

} // namespace corolint
