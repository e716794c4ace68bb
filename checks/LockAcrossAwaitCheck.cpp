//===--- LockAcrossAwaitCheck.cpp - async-lock-across-await ----------------===//

#include "LockAcrossAwaitCheck.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/SameObject.h"
#include "utils/SuspensionPaths.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

bool isReleaseName(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  return Method && Method->getIdentifier() &&
         llvm::is_contained({"unlock", "unlock_shared", "release"}, Method->getName());
}

const CXXConstructExpr *constructionOf(const Expr *Init) {
  while (Init) {
    Init = Init->IgnoreImplicit();
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Init))
      return Construct;
    if (const auto *Cast = llvm::dyn_cast<CXXFunctionalCastExpr>(Init))
      Init = Cast->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

const CXXRecordDecl *recordOf(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

} // namespace

void LockAcrossAwaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      varDecl(hasLocalStorage(), hasParent(declStmt(isInCoroutine()).bind("declaration")))
          .bind("guard"),
      this);
  // try_lock() is left out of LockMethods: on the path where it failed nothing is held.
  llvm::SmallVector<llvm::StringRef, 4> Methods;
  llvm::StringRef(LockMethods).split(Methods, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef &Method : Methods)
    Method = Method.trim();
  llvm::erase_if(Methods, [](llvm::StringRef Method) { return Method.empty(); });
  if (!Methods.empty())
    Finder->addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(Methods))), isInCoroutine()).bind("lock"),
        this);
}

bool LockAcrossAwaitCheck::isBlockingMutex(QualType Type) const {
  if (hasListedType(Type, AsyncMutexTypes.Names, /*ThroughPointers=*/true))
    return false;
  if (hasListedType(Type, BlockingMutexTypes.Names, /*ThroughPointers=*/true))
    return true;
  const CXXRecordDecl *Record = recordOf(Type);
  return Record && Record->hasAttr<CapabilityAttr>();
}

bool LockAcrossAwaitCheck::isGuard(QualType Type) const {
  if (hasListedType(Type, LockGuardTypes.Names))
    return true;
  const CXXRecordDecl *Record = recordOf(Type);
  return Record && !Type->isPointerType() && Record->hasAttr<ScopedLockableAttr>();
}

const Expr *LockAcrossAwaitCheck::lockedByGuard(const CXXConstructExpr &Construct) const {
  for (const Expr *Arg : Construct.arguments()) {
    const CXXRecordDecl *Tag = recordOf(Arg->getType());
    // Deferred or tried locks may hold nothing on the paths that follow.
    if (Tag && (qualifiedName(*Tag) == "::std::defer_lock_t" ||
                qualifiedName(*Tag) == "::std::try_to_lock_t"))
      return nullptr;
  }
  for (const Expr *Arg : Construct.arguments())
    if (isBlockingMutex(Arg->getType())) {
      // Qt's guards take the mutex by address (`QReadLocker locker(&lock)`): name the mutex.
      if (const auto *Address = llvm::dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
          Address && Address->getOpcode() == UO_AddrOf)
        return Address->getSubExpr();
      return Arg;
    }
  return nullptr;
}

void LockAcrossAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Guard = Result.Nodes.getNodeAs<VarDecl>("guard")) {
    const auto *Declaration = Result.Nodes.getNodeAs<DeclStmt>("declaration");
    if (!isGuard(Guard->getType()))
      return;
    const CXXConstructExpr *Construct = constructionOf(Guard->getInit());
    const Expr *Mutex = Construct ? lockedByGuard(*Construct) : nullptr;
    StatementContext Where = contextOf(*Declaration, Context);
    if (!Mutex || !Where.Function)
      return;
    const CFG *Graph = Graphs.get(*Where.Function, Context);
    if (!Graph)
      return;
    auto Released = [&](const CFGElement &Element) {
      if (auto Lifetime = Element.getAs<CFGLifetimeEnds>())
        return Lifetime->getVarDecl() == Guard;
      if (auto Destructor = Element.getAs<CFGAutomaticObjDtor>())
        return Destructor->getVarDecl() == Guard;
      auto S = Element.getAs<CFGStmt>();
      if (!S)
        return false;
      auto NamesGuard = [&](const Expr *E) {
        const auto *Ref = E ? llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
        return Ref && Ref->getDecl() == Guard;
      };
      if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(S->getStmt()))
        return isReleaseName(*Member) && NamesGuard(Member->getImplicitObjectArgument());
      // Moved away or handed to someone else (`std::move(g)`, `cv.wait(g)`).
      if (const auto *Call = llvm::dyn_cast<CallExpr>(S->getStmt()))
        return llvm::any_of(Call->arguments(), NamesGuard);
      return false;
    };
    if (const Stmt *Suspension = suspensionAfter(*Graph, *Declaration, Released,
                                                 &Graphs.budget(*Where.Function, Context)))
      report(*Declaration, Guard->getLocation(), *Mutex, *Suspension, *Where.Function, Context);
    return;
  }

  const auto *Lock = Result.Nodes.getNodeAs<CXXMemberCallExpr>("lock");
  const Expr *Object = Lock->getImplicitObjectArgument();
  if (!Object)
    return;
  QualType ObjectType = Object->getType();
  bool OnGuard = isGuard(ObjectType);
  if (OnGuard) {
    // Relocking a guard: blocking when the mutex it manages is.
    const auto *Spec =
        llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(ObjectType));
    if (Spec && Spec->getTemplateArgs().size() >= 1 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        !isBlockingMutex(Spec->getTemplateArgs()[0].getAsType()))
      return;
  } else if (!isBlockingMutex(ObjectType)) {
    return;
  }
  StatementContext Where = contextOf(*Lock, Context);
  if (!Where.Function)
    return;
  const CFG *Graph = Graphs.get(*Where.Function, Context);
  if (!Graph)
    return;
  SameObject IsLocked(*Object, Context);
  const auto *GuardRef = llvm::dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  auto Released = [&](const CFGElement &Element) {
    if (auto Lifetime = Element.getAs<CFGLifetimeEnds>())
      return OnGuard && GuardRef && Lifetime->getVarDecl() == GuardRef->getDecl();
    auto S = Element.getAs<CFGStmt>();
    if (!S)
      return false;
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(S->getStmt()))
      return isReleaseName(*Member) && IsLocked(Member->getImplicitObjectArgument());
    // `std::lock_guard g(m, std::adopt_lock)` takes the lock over (and is checked itself).
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(S->getStmt()))
      return llvm::any_of(Construct->arguments(), [&](const Expr *Arg) { return IsLocked(Arg); });
    return false;
  };
  if (const Stmt *Suspension =
          suspensionAfter(*Graph, *Lock, Released, &Graphs.budget(*Where.Function, Context)))
    report(*Lock, Lock->getExprLoc(), *Object, *Suspension, *Where.Function, Context);
}

void LockAcrossAwaitCheck::report(const Stmt &Lock, SourceLocation At, const Expr &Mutex,
                                  const Stmt &Suspension, const FunctionDecl &Function,
                                  ASTContext &Context) {
  std::string Name = spelling(Mutex, Context);
  std::string Type = "mutex";
  if (const NamedDecl *Named = namingDecl(Mutex.getType()->isPointerType()
                                              ? Mutex.getType()->getPointeeType()
                                              : Mutex.getType()))
    if (std::string Qualified = qualifiedName(*Named); !Qualified.empty())
      Type = Qualified.substr(2);
  std::string AsyncMutex = AsyncMutexTypes.firstSpelling();
  diag(At, "%0") << messages::lockAcrossAwait(Name, Type, coroutineDisplayName(Function),
                                              AsyncMutex);
  diag(Suspension.getBeginLoc(), "%0", DiagnosticIDs::Note)
      << messages::suspendsWithLockHeld(Name);
  diag(Lock.getBeginLoc(), "%0", DiagnosticIDs::Note) << messages::lockAcrossAwaitRewrite(AsyncMutex);
}

} // namespace corolint
