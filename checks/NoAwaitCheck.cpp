//===--- NoAwaitCheck.cpp - async-no-await ---------------------------------===//

#include "NoAwaitCheck.h"
#include "checks/model/NoAwait.h"
#include "utils/BlockingFunctions.h"
#include "utils/Coroutines.h"
#include "utils/Handlers.h"
#include "utils/Lifetimes.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SourceKind.h"
#include "utils/Statements.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// The first co_return of a body, not in nested lambdas.
class CoreturnFinder : public RecursiveASTVisitor<CoreturnFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCoreturnStmt(CoreturnStmt *Return) {
    Found = Return;
    return false;
  }
  const CoreturnStmt *Found = nullptr;
};

/// What the task yields, as the plain function would return it: "int", or ""
/// for void and for types we cannot read.
std::string valueType(const FunctionDecl &Function) {
  const PrintingPolicy &Policy = Function.getASTContext().getPrintingPolicy();
  QualType Return = Function.getReturnType();
  // As written first (`std::string`, `std::size_t`), as the fast engine reads it; the
  // specialization's canonical argument (`std::basic_string<char>`) only when unwritten.
  if (const auto *Written = Return->getAs<TemplateSpecializationType>())
    if (!Written->template_arguments().empty() &&
        Written->template_arguments()[0].getKind() == TemplateArgument::Type)
      return Written->template_arguments()[0].getAsType().getAsString(Policy);
  const auto *Specialization =
      llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(Return->getAsCXXRecordDecl());
  if (Specialization && Specialization->getTemplateArgs().size() > 0 &&
      Specialization->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return Specialization->getTemplateArgs()[0].getAsType().getAsString(Policy);
  return "";
}

/// Declared as part of an interface the program must satisfy as written.
bool implementsInterface(const FunctionDecl &Function) {
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Function)) {
    if (Method->isVirtual())
      return true; // an override, or a default some override may replace
    // A member of an explicit specialization models what generic code requires.
    if (llvm::isa<ClassTemplateSpecializationDecl>(Method->getParent()))
      return true;
  }
  return Function.getTemplateSpecializationKind() == TSK_ExplicitSpecialization;
}

/// Another overload of the same name in the same scope suspends: callers
/// await the overload set generically (`co_await do_eof(stream)`), so every
/// member must be a task, even one that happens to finish at once.
bool overloadSuspends(const FunctionDecl &Function) {
  const DeclContext *Scope = Function.getDeclContext()->getRedeclContext();
  for (const NamedDecl *Found : Scope->lookup(Function.getDeclName())) {
    const auto *Other = llvm::dyn_cast<FunctionDecl>(Found);
    if (const auto *Template = llvm::dyn_cast<FunctionTemplateDecl>(Found))
      Other = Template->getTemplatedDecl();
    if (!Other || Other->getCanonicalDecl() == Function.getCanonicalDecl())
      continue;
    const FunctionDecl *Definition = Other->getDefinition();
    const auto *Body =
        Definition ? llvm::dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody()) : nullptr;
    if (Body && findSuspensionPoint(*Body->getBody()))
      return true;
  }
  return false;
}

} // namespace

NoAwaitCheck::NoAwaitCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), BlockingHelpers([this](const Expr &E) {
        if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(&E))
          return hasListedType(Construct->getType(), BlockingNames, true);
        const FunctionDecl *Callee = calleeOf(E);
        return Callee && isListed(*Callee, BlockingNames);
      }) {
  BlockingNames = NameList(blockingNames(BlockingFunctions));
}

void NoAwaitCheck::onStartOfTranslationUnit() {
  Candidates.clear();
  UsedAsValue.clear();
  TestCode.reset();
  HeaderFiles.clear();
  BlockingHelpers.reset();
}

bool NoAwaitCheck::signatureImposedByFile(const FunctionDecl &Function, const SourceManager &SM) {
  // Test code: its trivial coroutines are fixtures and stubs written to be
  // awaited by a test of the task machinery (async stacks, gtest's CO_TEST
  // helpers, a combinator's own tests), or mocks of an async interface.
  if (!TestCode)
    TestCode = includesTestSupport(SM.getBufferData(SM.getMainFileID()));
  if (*TestCode)
    return true;
  // A header's function is an interface: its callers, and the uses that
  // need a task (`&f`, a combinator), are in other translation units.
  FileID File = SM.getFileID(SM.getExpansionLoc(Function.getLocation()));
  auto [Known, Inserted] = HeaderFiles.try_emplace(File, false);
  if (Inserted)
    Known->second = isHeaderSource(SM.getBufferData(File));
  return Known->second;
}

void NoAwaitCheck::registerMatchers(MatchFinder *Finder) {
  if (TaskTypes.Names.empty())
    return;
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit())).bind("function"), this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
  Finder->addMatcher(declRefExpr(to(functionDecl())).bind("ref"), this);
}

bool NoAwaitCheck::neverSuspends(const FunctionDecl &Function) const {
  const auto *Body = llvm::dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody());
  return Body && hasListedType(Function.getReturnType(), TaskTypes.Names) &&
         !findSuspensionPoint(*Body->getBody());
}

namespace {
AST_MATCHER(Expr, hasAwaiterType) { return isAwaiterType(Node.getType()); }
} // namespace

bool NoAwaitCheck::hasSomethingToAwait(const Stmt &Body, ASTContext &Context) const {
  // The body blocks (reads a file, sleeps), makes a task or an awaitable it
  // never awaits (`fetch(1);`, `sem.acquire();`), or spawns: it should await,
  // which async-blocking-call or async-unawaited-task says; "make it a plain
  // function" is wrong advice there.
  auto Something =
      stmt(anyOf(callExpr(callee(functionDecl(isInNameList(&BlockingNames)))),
                 cxxConstructExpr(hasTypeInNameList(&BlockingNames)),
                 callExpr(callee(functionDecl(isInNameList(&SpawnFunctions.Names)))),
                 callExpr(hasTypeInNameList(&TaskTypes.Names)), callExpr(hasAwaiterType())));
  if (!match(findAll(Something), Body, Context).empty())
    return true;
  // async-blocking-call's default HelperDepth: the helpers it reports through.
  constexpr unsigned HelperDepth = 3;
  for (const BoundNodes &Call :
       match(findAll(expr(anyOf(callExpr(), cxxConstructExpr())).bind("call")), Body, Context))
    if (const FunctionDecl *Callee = calleeOf(*Call.getNodeAs<Expr>("call")))
      if (BlockingHelpers.find(*Callee, HelperDepth, Context.getSourceManager()))
        return true;
  return false;
}

/// The task \p Call returns is awaited on the spot, or goes nowhere (discarded,
/// misused as a value: async-unawaited-task's finding). Otherwise it is handed
/// on (to co_spawn, a combinator, a container, a member of the task such as
/// `.via(&executor)`): the consumer needs a task, as an API that takes the
/// function by address does.
static bool taskUsedOnTheSpot(const CallExpr &Call, ASTContext &Context) {
  DynTypedNode Parent = semanticParent(Call, Context);
  if (Parent.get<MemberExpr>())
    return false; // `named().via(&executor)`: a member of the task takes it on
  TaskDestination::Kind Goes = destinationOf(Call, Context).How;
  return isAwait(Parent) ||
         Goes == TaskDestination::Discarded || Goes == TaskDestination::Unknown;
}

/// A coroutine (or a lambda's call operator) as the AST shows it, for noAwait().
class NoAwaitCheck::CoroutineFacts : public NoAwaitFacts {
public:
  CoroutineFacts(NoAwaitCheck &Check, const FunctionDecl &Function, const LambdaExpr *Lambda,
                 ASTContext &Context)
      : Check(Check), Function(Function), Lambda(Lambda), Context(Context) {}

  bool neverSuspends() override { return Check.neverSuspends(Function); }
  bool signatureImposed() override {
    const SourceManager &SM = Context.getSourceManager();
    if (!Lambda && (Function.isTemplateInstantiation() || implementsInterface(Function) ||
                    SM.isInSystemHeader(Function.getLocation())))
      return true;
    return Check.signatureImposedByFile(Function, SM);
  }
  bool overloadSuspends() override { return !Lambda && corolint::overloadSuspends(Function); }
  bool hasSomethingToAwait() override {
    return Check.hasSomethingToAwait(*coroutineBody().getBody(), Context);
  }
  bool usedAsValue() override {
    if (Lambda)
      return !onlyCalledHere(*Lambda, Context);
    return llvm::any_of(Function.redecls(), [&](const FunctionDecl *Redecl) {
      return Check.UsedAsValue.contains(Redecl->getCanonicalDecl());
    });
  }
  std::string coroutine() override { return coroutineDisplayName(Function); }
  std::string valueType() override { return corolint::valueType(Function); }

  /// The first co_return of the body, not in nested lambdas, or null.
  const CoreturnStmt *firstCoreturn() const {
    CoreturnFinder Finder;
    Finder.TraverseStmt(coroutineBody().getBody());
    return Finder.Found;
  }

private:
  const CoroutineBodyStmt &coroutineBody() const {
    return *llvm::cast<CoroutineBodyStmt>(Function.getBody());
  }
  /// Only a lambda the program calls itself could be plain; one handed to an
  /// API is shaped by what that API expects.
  static bool onlyCalledHere(const LambdaExpr &Lambda, ASTContext &Context) {
    DynTypedNode Parent = semanticParent(Lambda, Context);
    auto IsCallOf = [](const DynTypedNode &Node) {
      const auto *Call = Node.get<CXXOperatorCallExpr>();
      return Call && Call->getOperator() == OO_Call;
    };
    bool CalledHere = IsCallOf(Parent) &&
                      taskUsedOnTheSpot(*Parent.get<CXXOperatorCallExpr>(), Context);
    if (const auto *Var = Parent.get<VarDecl>()) {
      StatementContext Where = contextOf(Lambda, Context);
      if (Var->hasLocalStorage() && Where.Function && Where.Function->getBody()) {
        auto Refs = match(findAll(declRefExpr(to(equalsNode(Var))).bind("use")),
                          *Where.Function->getBody(), Context);
        CalledHere = !Refs.empty();
        for (const auto &Node : Refs) {
          DynTypedNode Use = semanticParent(*Node.getNodeAs<DeclRefExpr>("use"), Context);
          CalledHere = CalledHere && IsCallOf(Use) &&
                       taskUsedOnTheSpot(*Use.get<CXXOperatorCallExpr>(), Context);
        }
      }
    }
    return CalledHere;
  }

  NoAwaitCheck &Check;
  const FunctionDecl &Function;
  const LambdaExpr *Lambda;
  ASTContext &Context;
};

void NoAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    // Called by name is an ordinary use; anything else (an address, a
    // function handed to an API) means an interface takes it as it is.
    const auto *Call = semanticParent(*Ref, *Result.Context).get<CallExpr>();
    // Called, but the task it returns is handed on rather than awaited on the
    // spot (to co_spawn, a combinator, a container, a member of the task): the
    // consumer needs a task, as with a function passed by address. A task
    // discarded or misused as a value (`if (f())`) goes nowhere: that is
    // async-unawaited-task's finding, and the call an ordinary one.
    if (!Call || Call->getCallee()->IgnoreParenImpCasts() != Ref ||
        !taskUsedOnTheSpot(*Call, *Result.Context)) {
      UsedAsValue.insert(Ref->getDecl()->getCanonicalDecl());
      if (const auto *Used = llvm::dyn_cast<FunctionDecl>(Ref->getDecl()))
        if (const FunctionTemplateDecl *Template = Used->getPrimaryTemplate())
          UsedAsValue.insert(Template->getTemplatedDecl()->getCanonicalDecl());
    }
    return;
  }
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    CoroutineFacts Facts(*this, *Lambda->getCallOperator(), Lambda, *Result.Context);
    report(Facts, Lambda->getBeginLoc());
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Function))
    if (Method->getParent()->isLambda())
      return; // judged with its lambda expression
  // Whether it is used as a value is known at the end of the translation unit.
  if (neverSuspends(*Function))
    Candidates.push_back(Function);
}

void NoAwaitCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *Function : Candidates) {
    CoroutineFacts Facts(*this, *Function, nullptr, Function->getASTContext());
    report(Facts, Function->getLocation());
  }
  Candidates.clear();
}

void NoAwaitCheck::report(CoroutineFacts &Facts, SourceLocation Where) {
  std::optional<NoAwait> Found = noAwait(Facts);
  if (!Found)
    return;
  diag(Where, "%0") << Found->Message;
  if (const CoreturnStmt *Return = Facts.firstCoreturn())
    diag(Return->getBeginLoc(), "%0", DiagnosticIDs::Note) << Found->Note;
}

} // namespace corolint
