//===--- MissingTimeoutCheck.cpp - async-missing-timeout -------------------===//

#include "MissingTimeoutCheck.h"
#include "utils/Coroutines.h"
#include "utils/Messages.h"
#include "utils/Names.h"
#include "utils/Profiles.h"
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

/// How many places up the chain the notes show.
constexpr unsigned MaxNotes = 4;

/// The declaration uses are filed under: a template's pattern stands for its
/// specializations, whose calls are what the source shows.
const Decl *keyOf(const FunctionDecl &Function) {
  if (const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern(false))
    return Pattern->getCanonicalDecl();
  return Function.getCanonicalDecl();
}

std::string quoted(llvm::StringRef Name) { return "'" + Name.str() + "'"; }

std::string subjectOf(const FunctionDecl &Function) {
  std::string Name = coroutineDisplayName(Function);
  return Name.empty() ? "the coroutine lambda" : quoted(Name);
}

/// The expression \p E is the callee of \p Call (through implicit nodes).
bool isCalleeOf(const Expr &E, const CallExpr &Call) {
  if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call)
    return Operator->getArg(0)->IgnoreUnlessSpelledInSource() == E.IgnoreUnlessSpelledInSource();
  return Call.getCallee()->IgnoreUnlessSpelledInSource() == E.IgnoreUnlessSpelledInSource();
}

/// A call to a timeout wrapper, not in nested lambdas.
class WrapperFinder : public RecursiveASTVisitor<WrapperFinder> {
public:
  explicit WrapperFinder(const NameList &Wrappers) : Wrappers(Wrappers) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    Found |= Callee && isListed(*Callee, Wrappers);
    return !Found;
  }
  bool Found = false;

private:
  const NameList &Wrappers;
};

std::string spawnName(const CallExpr &Spawn) {
  const FunctionDecl *Callee = Spawn.getDirectCallee();
  return Callee ? qualifiedName(*Callee).substr(2) : std::string();
}

/// The local variable whose method \p Call is, when \p Argument is one of
/// Call's arguments (`tasks.push_back(work)`).
const VarDecl *localContainer(const CallExpr &Call, const DynTypedNode &Argument) {
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(&Call);
  const auto *Arg = Argument.get<Expr>();
  if (!Member || !Arg || !llvm::is_contained(Member->arguments(), Arg))
    return nullptr;
  const auto *Object =
      llvm::dyn_cast<DeclRefExpr>(Member->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *Var = Object ? llvm::dyn_cast<VarDecl>(Object->getDecl()) : nullptr;
  return Var && Var->isLocalVarDecl() ? Var : nullptr;
}

/// Every expression naming a function, and every lambda by its class, outside
/// system headers.
class UseIndexer : public RecursiveASTVisitor<UseIndexer> {
public:
  UseIndexer(const SourceManager &Sources,
             llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>> &Uses,
             llvm::DenseMap<const Decl *, const LambdaExpr *> &Lambdas)
      : Sources(Sources), Uses(Uses), Lambdas(Lambdas) {}
  bool TraverseDecl(Decl *D) {
    if (D && !llvm::isa<TranslationUnitDecl>(D) && Sources.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Function = llvm::dyn_cast<FunctionDecl>(Ref->getDecl()))
      Uses[keyOf(*Function)].push_back(Ref);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Function = llvm::dyn_cast<FunctionDecl>(Member->getMemberDecl()))
      Uses[keyOf(*Function)].push_back(Member);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    Lambdas[Lambda->getLambdaClass()->getCanonicalDecl()] = Lambda;
    return true;
  }

private:
  const SourceManager &Sources;
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>> &Uses;
  llvm::DenseMap<const Decl *, const LambdaExpr *> &Lambdas;
};

} // namespace

void MissingTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  // Off by default: nothing is matched, so the check costs nothing.
  if (!Strict || NetworkFunctions.Names.empty())
    return;
  Finder->addMatcher(
      callExpr(callee(functionDecl(isInNameList(&NetworkFunctions.Names)))).bind("operation"),
      this);
}

void MissingTimeoutCheck::onStartOfTranslationUnit() {
  Context = nullptr;
  Operations.clear();
  Indexed = false;
  Uses.clear();
  Lambdas.clear();
  Functions.clear();
}

void MissingTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Operation = Result.Nodes.getNodeAs<CallExpr>("operation");
  if (Result.SourceManager->isInSystemHeader(Operation->getBeginLoc()))
    return;
  StatementContext Where = contextOf(*Operation, *Result.Context);
  // A task that is thrown away never runs (async-unawaited-task's business).
  if (!Where.Function || Where.Unevaluated ||
      discardKind(*Operation, *Result.Context) != Discard::No || hasTimeoutArgument(*Operation))
    return;
  Context = Result.Context;
  Operations.push_back(Operation);
}

bool MissingTimeoutCheck::hasTimeoutArgument(const CallExpr &Call) const {
  WrapperFinder Finder(TimeoutWrappers.Names);
  for (const Expr *Arg : Call.arguments())
    Finder.TraverseStmt(const_cast<Expr *>(Arg));
  return Finder.Found;
}

const LambdaExpr *MissingTimeoutCheck::lambdaOf(const FunctionDecl &Function) {
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Function);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  indexUses();
  return Lambdas.lookup(Method->getParent()->getCanonicalDecl());
}

void MissingTimeoutCheck::indexUses() {
  if (Indexed)
    return;
  Indexed = true;
  UseIndexer(Context->getSourceManager(), Uses, Lambdas)
      .TraverseDecl(Context->getTranslationUnitDecl());
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOf(const Expr &E, const std::string &Subject,
                                                        const CallExpr *SpawnCall) {
  auto Spawned = [&]() {
    Chain Result{Chain::Exposed, {}};
    Result.Steps.push_back({Step::Spawned, SpawnCall, Subject, spawnName(*SpawnCall), &E});
    return Result;
  };
  DynTypedNode Node = DynTypedNode::create(E);
  // Once the work is awaited, a wrapper further out in the same expression
  // starts after it has finished: only what runs this function counts.
  bool Awaited = false;
  while (true) {
    DynTypedNodeList Parents = Context->getParents(Node);
    if (Parents.empty())
      return {Chain::Exposed, {}};
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      if (Node.get<Stmt>() == Lambda->getBody()) {
        if (SpawnCall)
          return Spawned();
        return chainOfCallable(*Lambda, "the coroutine lambda");
      }
      // A capture's initializer runs where the lambda is written.
    } else if (const auto *Function = Parent.get<FunctionDecl>()) {
      if (SpawnCall)
        return Spawned();
      return chainOfBody(*Function);
    } else if (const auto *Var = Parent.get<VarDecl>()) {
      if (!Var->isLocalVarDecl())
        return {Chain::Exposed, {}};
      if (!Awaited)
        return chainOfVariable(*Var, quoted(Var->getName()), SpawnCall);
    } else if (Parent.get<Decl>()) {
      return {Chain::Exposed, {}}; // a member initializer, a default argument
    } else if (!Awaited) {
      if (isAwait(Parent)) {
        Awaited = true;
        SpawnCall = nullptr; // awaiting a task forwards the awaiter's cancellation to it
      } else if (const auto *Call = Parent.get<CallExpr>()) {
        if (const FunctionDecl *Callee = Call->getDirectCallee()) {
          if (isListed(*Callee, TimeoutWrappers.Names))
            return {Chain::Covered, {}};
          if (!SpawnCall && isListed(*Callee, SpawnFunctions.Names))
            SpawnCall = Call;
        }
        // Collected into a local container (`tasks.push_back(s.read(n))`): it
        // runs where the container goes.
        if (const VarDecl *Container = localContainer(*Call, Node))
          return chainOfContainer(*Container, Subject, SpawnCall);
      }
    }
    Node = Parent;
  }
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOfVariable(const VarDecl &Var,
                                                                const std::string &Subject,
                                                                const CallExpr *SpawnCall) {
  const auto *Function = llvm::dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return {Chain::Exposed, {}};
  const Expr *Init = Var.getInit() ? Var.getInit()->IgnoreUnlessSpelledInSource() : nullptr;
  bool HoldsCallable = Init && llvm::isa<LambdaExpr>(Init);
  Chain Result{Chain::Covered, {}}; // never used: it never runs
  bool AnyCovered = false, AnyCyclic = false;
  for (const BoundNodes &Bound :
       match(findAll(declRefExpr(to(varDecl(equalsNode(&Var)))).bind("use")),
             *Function->getBody(), *Context)) {
    const auto *Use = Bound.getNodeAs<DeclRefExpr>("use");
    Chain Sub = HoldsCallable ? chainOfCallable(*Use, Subject) : chainOf(*Use, Subject, SpawnCall);
    if (Sub.How == Chain::Exposed) {
      if (!HoldsCallable)
        Sub.Steps.insert(Sub.Steps.begin(), {Step::Awaited, Use, Subject, ""});
      return Sub;
    }
    AnyCovered |= Sub.How == Chain::Covered;
    AnyCyclic |= Sub.How == Chain::Cyclic;
  }
  if (AnyCyclic && !AnyCovered)
    Result.How = Chain::Cyclic;
  return Result;
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOfContainer(const VarDecl &Container,
                                                                 const std::string &Subject,
                                                                 const CallExpr *SpawnCall) {
  const auto *Function =
      llvm::dyn_cast_or_null<FunctionDecl>(Container.getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return {Chain::Exposed, {}};
  bool AnyCovered = false, AnyCyclic = false;
  for (const BoundNodes &Bound :
       match(findAll(declRefExpr(to(varDecl(equalsNode(&Container)))).bind("use")),
             *Function->getBody(), *Context)) {
    const auto *Use = Bound.getNodeAs<DeclRefExpr>("use");
    // Filling or inspecting it (`tasks.push_back(...)`, `tasks.size()`) hands nothing on.
    if (semanticParent(*Use, *Context).get<MemberExpr>())
      continue;
    Chain Sub = chainOf(*Use, quoted(Container.getName()), SpawnCall);
    if (Sub.How == Chain::Exposed) {
      Sub.Steps.insert(Sub.Steps.begin(), {Step::Awaited, Use, quoted(Container.getName()), ""});
      return Sub;
    }
    AnyCovered |= Sub.How == Chain::Covered;
    AnyCyclic |= Sub.How == Chain::Cyclic;
  }
  if (AnyCovered)
    return {Chain::Covered, {}};
  if (AnyCyclic)
    return {Chain::Cyclic, {}};
  // Never handed on: a lazy task runs, if at all, in this function; a spawned
  // one runs on its own.
  if (SpawnCall) {
    Chain Result{Chain::Exposed, {}};
    Result.Steps.push_back({Step::Spawned, SpawnCall, Subject, spawnName(*SpawnCall)});
    return Result;
  }
  return chainOfBody(*Function);
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOfBody(const FunctionDecl &Function) {
  if (const LambdaExpr *Lambda = lambdaOf(Function))
    return chainOfCallable(*Lambda, "the coroutine lambda");
  return chainOfFunction(Function);
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOfCallable(const Expr &Use,
                                                                const std::string &Subject) {
  DynTypedNode Parent = semanticParent(Use, *Context);
  if (const auto *Var = Parent.get<VarDecl>(); Var && Var->isLocalVarDecl())
    return chainOfVariable(*Var, quoted(Var->getName()), nullptr);
  Chain Result;
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isCalleeOf(Use, *Call)) {
      Result = chainOf(*Call, Subject);
    } else if (Callee && isListed(*Callee, TimeoutWrappers.Names)) {
      return {Chain::Covered, {}};
    } else if (Callee && isListed(*Callee, KeepAliveFunctions.Names)) {
      // aio::with runs its body inside the await of its own result.
      Result = chainOf(*Call, Subject);
    } else {
      Result = {Chain::Exposed, {}};
      Result.Steps.push_back({Step::HandedOn, &Use, Subject, ""});
      return Result;
    }
    // A spawn of this very call already says where the chain breaks.
    if (Result.How == Chain::Exposed &&
        (Result.Steps.empty() || Result.Steps.front().SpawnedWork != Call))
      Result.Steps.insert(Result.Steps.begin(), {Step::Awaited, Call, Subject, ""});
    return Result;
  }
  // Stored, returned or converted: whoever runs it later is out of sight.
  Result = {Chain::Exposed, {}};
  Result.Steps.push_back({Step::HandedOn, &Use, Subject, ""});
  return Result;
}

MissingTimeoutCheck::Chain MissingTimeoutCheck::chainOfFunction(const FunctionDecl &Function) {
  const Decl *Key = keyOf(Function);
  if (auto It = Functions.find(Key); It != Functions.end())
    return It->second ? *It->second : Chain{Chain::Cyclic, {}};
  // An override is called through its base, out of sight.
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Function); Method && Method->isVirtual())
    return *(Functions[Key] = Chain{Chain::Exposed, {}});
  Functions[Key] = std::nullopt;
  indexUses();
  std::string Subject = subjectOf(Function);
  Chain Result{Chain::Exposed, {}}; // no caller in sight
  bool AnyCovered = false, AnyCyclic = false;
  for (const Expr *Use : Uses.lookup(Key)) {
    if (contextOf(*Use, *Context).Unevaluated)
      continue;
    Chain Sub = chainOfCallable(*Use, Subject);
    if (Sub.How == Chain::Exposed) {
      AnyCovered = AnyCyclic = false;
      Result = std::move(Sub);
      break;
    }
    AnyCovered |= Sub.How == Chain::Covered;
    AnyCyclic |= Sub.How == Chain::Cyclic;
  }
  if (AnyCovered)
    Result = {Chain::Covered, {}};
  else if (AnyCyclic)
    Result = {Chain::Cyclic, {}};
  if (Result.How == Chain::Cyclic) {
    Functions.erase(Key); // decided once the recursion's way in is known
    return Result;
  }
  return *(Functions[Key] = std::move(Result));
}

void MissingTimeoutCheck::onEndOfTranslationUnit() {
  if (Operations.empty())
    return;
  std::string Wrapper = TimeoutWrappers.firstSpelling();
  for (const CallExpr *Operation : Operations) {
    const FunctionDecl *Callee = Operation->getDirectCallee();
    Chain Found = chainOf(*Operation, quoted(plainName(*Callee)));
    if (Found.How != Chain::Exposed)
      continue;
    diag(Operation->getBeginLoc(), "%0")
        << messages::missingTimeout(qualifiedName(*Callee).substr(2), Wrapper);
    for (const Step &S : llvm::ArrayRef(Found.Steps).take_front(MaxNotes)) {
      std::string Text = S.How == Step::Awaited    ? messages::missingTimeoutCall(S.Subject)
                         : S.How == Step::HandedOn ? messages::missingTimeoutHandedOn(S.Subject)
                                                   : messages::missingTimeoutSpawned(S.Subject, S.Spawn);
      diag(S.Where->getBeginLoc(), "%0", DiagnosticIDs::Note) << Text;
    }
  }
  Operations.clear();
}

} // namespace corolint
