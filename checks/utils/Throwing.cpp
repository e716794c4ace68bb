//===--- Throwing.cpp - whether a spawned coroutine lets an exception out -===//

#include "Throwing.h"
#include "Coroutines.h"
#include "Names.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {

const FunctionDecl *spawnedCoroutine(const Expr &Argument) {
  const Expr *E = Argument.IgnoreUnlessSpelledInSource();
  if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(E)) {
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (isCoroutine(*Operator))
      return Operator;
    // `[self] { return self->reader(); }`: the lambda only starts a coroutine.
    const auto *Body = llvm::dyn_cast_or_null<CompoundStmt>(Operator->getBody());
    if (!Body || Body->size() != 1)
      return nullptr;
    const auto *Return = llvm::dyn_cast<ReturnStmt>(Body->body_front());
    const Expr *Value = Return ? Return->getRetValue() : nullptr;
    if (!Value || llvm::isa<LambdaExpr>(Value->IgnoreUnlessSpelledInSource()))
      return nullptr;
    return spawnedCoroutine(*Value);
  }
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return nullptr;
  return isCoroutine(*Definition) ? Definition : nullptr;
}

namespace {

/// What the handlers of the enclosing try statements stop.
struct Cover {
  bool Everything = false; ///< `catch (...)`, `catch (std::exception)`
  bool AwaitErrors = false; ///< `catch (system_error)`: what an awaited operation throws
};

Cover coverOf(const CXXTryStmt &Try, Cover Outer) {
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    QualType Caught = Try.getHandler(I)->getCaughtType();
    if (Caught.isNull()) {
      Outer.Everything = true;
      continue;
    }
    const auto *Class = Caught.getNonReferenceType()->getAsCXXRecordDecl();
    if (!Class)
      continue;
    std::string Name = qualifiedName(*Class);
    if (Name == "::std::exception")
      Outer.Everything = true;
    else if (Class->getName() == "system_error")
      Outer.AwaitErrors = true;
  }
  return Outer;
}

bool namesRecord(QualType Type, llvm::StringRef Name) {
  const NamedDecl *Decl = namingDecl(Type);
  return Decl && Decl->getName() == Name;
}

/// A type that reports how an operation went: `std::error_code`, or a status
/// record or enum (libcoro's `io_status`, `connect_status`).
bool isStatusType(QualType Type) {
  const NamedDecl *Named = namingDecl(Type);
  if (!Named)
    if (const auto *Enum = Type->getAs<EnumType>())
      Named = Enum->getDecl();
  if (!Named || !Named->getIdentifier())
    return false;
  llvm::StringRef Name = Named->getName();
  return Name == "error_code" || Name.ends_with("_status") || Name == "status";
}

/// The awaited result carries the failure (`auto [ec, n] = co_await ...`,
/// `auto [status, span] = co_await client.read_some(buf)`, an `expected<T,
/// io_status>`), or the operation was told where to put it
/// (`redirect_error(token, ec)`).
bool failsAsValue(const CoawaitExpr &Await) {
  auto IsErrorCode = [](const TemplateArgument &Argument) {
    return Argument.getKind() == TemplateArgument::Type && isStatusType(Argument.getAsType());
  };
  if (isStatusType(Await.getType()))
    return true;
  if (const auto *Result = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Await.getType()->getAsCXXRecordDecl()))
    for (const TemplateArgument &Argument : Result->getTemplateArgs().asArray())
      // std::tuple<error_code, std::size_t> holds its types in one pack.
      if (Argument.getKind() == TemplateArgument::Pack
              ? llvm::any_of(Argument.pack_elements(), IsErrorCode)
              : IsErrorCode(Argument))
        return true;
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Await.getOperand()->IgnoreImplicit()))
    for (const Expr *Argument : Call->arguments())
      if (namesRecord(Argument->getType(), "redirect_error_t") ||
          namesRecord(Argument->getType(), "as_tuple_t"))
        return true;
  return false;
}

/// `co_await this_coro::executor` asks the coroutine's own frame.
bool awaitsOwnState(const CoawaitExpr &Await) {
  const NamedDecl *Awaited = namingDecl(Await.getOperand()->IgnoreImplicit()->getType());
  const auto *Namespace =
      Awaited ? llvm::dyn_cast<NamespaceDecl>(Awaited->getDeclContext()) : nullptr;
  return Namespace && Namespace->getName() == "this_coro";
}

using CancelPredicate = llvm::function_ref<bool(const Expr &)>;

/// Depth-first, in source order: every statement is visited once (O(size)).
const Stmt *findEscape(const Stmt *S, Cover C, CancelPredicate CancelsOnly) {
  if (!S || llvm::isa<LambdaExpr>(S)) // a lambda's body is another function
    return nullptr;
  if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
    if (const Stmt *Found = findEscape(Try->getTryBlock(), coverOf(*Try, C), CancelsOnly))
      return Found;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (const Stmt *Found = findEscape(Try->getHandler(I)->getHandlerBlock(), C, CancelsOnly))
        return Found;
    return nullptr;
  }
  if (llvm::isa<CXXThrowExpr>(S) && !C.Everything)
    return S;
  if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(S)) {
    if (!C.Everything && !C.AwaitErrors && !failsAsValue(*Await) && !awaitsOwnState(*Await) &&
        !CancelsOnly(*Await->getOperand()->IgnoreImplicit()))
      return S;
    return findEscape(Await->getOperand(), C, CancelsOnly);
  }
  if (llvm::isa<DependentCoawaitExpr>(S) && !C.Everything && !C.AwaitErrors)
    return S;
  if (const auto *Loop = llvm::dyn_cast<CXXForRangeStmt>(S);
      Loop && Loop->getCoawaitLoc().isValid() && !C.Everything && !C.AwaitErrors)
    return S;
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = findEscape(Child, C, CancelsOnly))
      return Found;
  return nullptr;
}

} // namespace

const Stmt *escapingThrow(const FunctionDecl &Coroutine, CancelPredicate CancelsOnly) {
  return findEscape(writtenBody(Coroutine), Cover{}, CancelsOnly);
}

} // namespace corolint
