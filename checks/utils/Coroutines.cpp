//===--- Coroutines.cpp - where a statement sits relative to coroutines --===//

#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace corolint {

bool isSuspensionPoint(const Stmt *S) {
  return llvm::isa_and_nonnull<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S);
}

bool isAwait(const DynTypedNode &Node) {
  return Node.get<CoawaitExpr>() || Node.get<DependentCoawaitExpr>();
}


bool isCoroutine(const FunctionDecl &Function) {
  return llvm::isa_and_nonnull<CoroutineBodyStmt>(Function.getBody());
}

const Stmt *writtenBody(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (const auto *Coroutine = llvm::dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

StatementContext contextOf(const Stmt &S, ASTContext &Context) {
  StatementContext Where;
  DynTypedNode Current = DynTypedNode::create(S);
  const Stmt *Child = &S;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return Where;
    // Statements have one parent; in a template the first is the pattern.
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      // The lambda's body belongs to its call operator; its captures are
      // evaluated where the lambda is written.
      if (Child == Lambda->getBody()) {
        Where.Function = Lambda->getCallOperator();
        return Where;
      }
    } else if (const auto *Function = Parent.get<FunctionDecl>()) {
      Where.Function = Function;
      return Where;
    } else if (Parent.get<BlockDecl>() || Parent.get<ObjCMethodDecl>()) {
      return Where;
    } else if (const auto *Catch = Parent.get<CXXCatchStmt>()) {
      if (Child == Catch->getHandlerBlock())
        Where.InCatchHandler = true;
    } else if (Parent.get<UnaryExprOrTypeTraitExpr>() || Parent.get<CXXNoexceptExpr>()) {
      Where.Unevaluated = true;
    } else if (const auto *TypeId = Parent.get<CXXTypeidExpr>()) {
      if (!TypeId->isPotentiallyEvaluated())
        Where.Unevaluated = true;
    } else if (const auto *D = Parent.get<Decl>()) {
      // Local variables lead on to their DeclStmt; anything else (a member
      // initializer, a default argument, a namespace-scope variable) is not
      // evaluated by an enclosing function body.
      if (!llvm::isa<VarDecl>(D) || llvm::isa<ParmVarDecl>(D))
        return Where;
    }
    Current = Parent;
    if (const auto *ParentStmt = Parent.get<Stmt>())
      Child = ParentStmt;
  }
}

bool isCoroutineReturnType(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  for (const Decl *Member : Record->decls())
    if (const auto *Named = llvm::dyn_cast<NamedDecl>(Member);
        Named && Named->getDeclName().isIdentifier() && Named->getName() == "promise_type")
      return true;
  return false;
}

bool isAwaiterType(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  // A coroutine's return object (a task of some library): TaskTypes and
  // EagerTaskTypes say whether dropping it loses work; not an operation.
  if (isCoroutineReturnType(Type))
    return false;
  bool Ready = false, Suspend = false, Resume = false;
  // The members may come from a base (an awaiter deriving from a library's
  // waiter template): the class and its bases, a few levels deep at most.
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes = {Record};
  for (size_t Index = 0; Index < Classes.size() && Index < 16; ++Index) {
    for (const Decl *Member : Classes[Index]->decls()) {
      const auto *Function = llvm::dyn_cast<FunctionDecl>(Member);
      if (const auto *Template = llvm::dyn_cast<FunctionTemplateDecl>(Member))
        Function = Template->getTemplatedDecl(); // await_suspend(std::coroutine_handle<P>)
      if (!Function || !Function->getDeclName().isIdentifier())
        continue;
      llvm::StringRef Name = Function->getName();
      Ready |= Name == "await_ready";
      Suspend |= Name == "await_suspend";
      Resume |= Name == "await_resume";
    }
    for (const CXXBaseSpecifier &Base : Classes[Index]->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
          BaseClass && BaseClass->hasDefinition())
        Classes.push_back(BaseClass);
  }
  return Ready && Suspend && Resume;
}

std::string coroutineDisplayName(const FunctionDecl &Function) {
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Function))
    if (Method->getParent()->isLambda())
      return "";
  return Function.getNameAsString();
}

const Expr *enclosingAwait(const Expr &E, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(E);
  for (int Steps = 0; Steps < 8; ++Steps) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return nullptr;
    if (const auto *Await = Parents[0].get<CoawaitExpr>())
      return Await;
    if (const auto *Await = Parents[0].get<DependentCoawaitExpr>())
      return Await;
    Current = Parents[0];
  }
  return nullptr;
}

} // namespace corolint
