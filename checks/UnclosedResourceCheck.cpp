//===--- UnclosedResourceCheck.cpp - async-unclosed-resource ---------------===//

#include "UnclosedResourceCheck.h"
#include "utils/Flow.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"
#include "utils/Statements.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// The member call made on the object \p Ref names, if any.
const CXXMemberCallExpr *memberCallOn(const DeclRefExpr &Ref, ASTContext &Context) {
  const auto *Member = semanticParent(Ref, Context).get<MemberExpr>();
  if (!Member)
    return nullptr;
  DynTypedNodeList Grand = Context.getParents(*Member);
  return Grand.empty() ? nullptr : Grand[0].get<CXXMemberCallExpr>();
}

bool isMoveOrForward(const FunctionDecl &Callee) {
  return Callee.isInStdNamespace() && Callee.getIdentifier() &&
         (Callee.getName() == "move" || Callee.getName() == "forward" ||
          Callee.getName() == "exchange");
}

} // namespace

UnclosedResourceCheck::UnclosedResourceCheck(llvm::StringRef Name,
                                             tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context) {
  llvm::StringRef(CloseMethods).split(CloseMethodNames, ';', -1, /*KeepEmpty=*/false);
}

void UnclosedResourceCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                             hasType(hasUnqualifiedDesugaredType(recordType())))
                         .bind("resource"),
                     this);
}

bool UnclosedResourceCheck::isClosable(QualType Type) const {
  if (Type->isReferenceType() || Type->isDependentType())
    return false;
  if (hasListedType(Type, ClosableTypes.Names))
    return true;
  // Any class whose aclose() returns a task says it must be closed.
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition() || TaskTypes.Names.empty())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getIdentifier() && Method->getName() == "aclose" &&
        hasListedType(Method->getReturnType(), TaskTypes.Names))
      return true;
  return false;
}

bool UnclosedResourceCheck::closesOrHandsOver(const DeclRefExpr &Ref, ASTContext &Context) const {
  if (const CXXMemberCallExpr *Call = memberCallOn(Ref, Context)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->getIdentifier() &&
           llvm::is_contained(CloseMethodNames, Method->getName());
  }
  DynTypedNode Parent = semanticParent(Ref, Context);
  if (Parent.get<ReturnStmt>() || Parent.get<CoreturnStmt>())
    return true; // returned: the caller owns it now
  if (const auto *Binary = Parent.get<BinaryOperator>())
    return Binary->isAssignmentOp() && Binary->getRHS()->IgnoreParenImpCasts() == &Ref;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>())
    return Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2 &&
           Operator->getArg(1)->IgnoreParenImpCasts() == &Ref;
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true; // called through a pointer: it may close it
    if (isMoveOrForward(*Callee) || isListed(*Callee, ScopeFunctions.Names))
      return true; // moved out, or entered with aio::with
    // Lent by reference to a helper: the helper closes it if its body says so;
    // a helper we cannot see gets the benefit of the doubt.
    const FunctionDecl *Definition = Callee->getDefinition();
    if (!Definition || !Definition->getBody())
      return true;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
      if (Call->getArg(I)->IgnoreParenImpCasts() != &Ref)
        continue;
      const ParmVarDecl *Param = Definition->getParamDecl(I);
      if (!Param->getType()->isReferenceType())
        return true; // copied or moved into the helper, which owns it
      auto Closes = match(
          findAll(cxxMemberCallExpr(
              on(ignoringParenImpCasts(declRefExpr(to(equalsNode(Param))))),
              callee(cxxMethodDecl(hasAnyName(CloseMethodNames))))),
          *Definition->getBody(), Context);
      return !Closes.empty();
    }
    return false;
  }
  // Copied or moved into another object (a member initializer, a container element).
  return Parent.get<CXXConstructExpr>() != nullptr || Parent.get<InitListExpr>() != nullptr;
}

void UnclosedResourceCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Resource = Result.Nodes.getNodeAs<VarDecl>("resource");
  // `auto s = co_await open()` is typed through the awaitable's alias templates.
  QualType Canonical = Resource->getType().getCanonicalType();
  if (!isClosable(Canonical))
    return;
  const auto *Function =
      llvm::dyn_cast_or_null<FunctionDecl>(Resource->getParentFunctionOrMethod());
  if (!Function || Function->isDependentContext())
    return;
  ASTContext &Context = *Result.Context;
  Consumption Flow = consumptionOf(*Resource, *Function, Context, [&](const DeclRefExpr &Ref) {
    return closesOrHandsOver(Ref, Context);
  });
  if (Flow.How == Consumption::Everywhere)
    return;
  std::string Type = Canonical.getUnqualifiedType().getAsString(Context.getPrintingPolicy());
  std::string Scope = ScopeFunctions.firstSpelling();
  if (Flow.How == Consumption::Nowhere) {
    diag(Resource->getLocation(), "%0")
        << messages::resourceNeverClosed(Resource->getName(), Type, Scope);
    return;
  }
  diag(Resource->getLocation(), "%0")
      << messages::resourceNotClosedOnEveryPath(Resource->getName(), Type, Scope);
  if (Flow.PathEnd.isValid())
    diag(Flow.PathEnd, "'%0' is left here without being closed", DiagnosticIDs::Note)
        << Resource->getName();
}

} // namespace corolint
