//===--- BlockingCallCheck.cpp - async-blocking-call -----------------------===//

#include "BlockingCallCheck.h"
#include "utils/Coroutines.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

bool isChronoDuration(QualType Type) {
  const auto *Record = Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  const auto *Specialization = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
  return Specialization && Specialization->getQualifiedNameAsString() == "std::chrono::duration";
}

/// True when the call's value is discarded by a statement of its own, so that
/// `co_await replacement(...)` can stand in its place.
bool isDiscardedStatement(const CallExpr &Call, ASTContext &Context) {
  DynTypedNode Current = DynTypedNode::create(Call);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<ExprWithCleanups>() || Parent.get<ImplicitCastExpr>() ||
        Parent.get<CXXBindTemporaryExpr>() || Parent.get<MaterializeTemporaryExpr>()) {
      Current = Parent;
      continue;
    }
    const auto *ParentStmt = Parent.get<Stmt>();
    return ParentStmt && !llvm::isa<Expr>(ParentStmt);
  }
}

} // namespace

BlockingCallCheck::BlockingCallCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  const ProfileData &Profile = readProfile(*this, Options);
  RawBlockingFunctions = Options.get("BlockingFunctions", Profile.BlockingFunctions.data());
  RawSleepFunctions = Options.get("SleepFunctions", Profile.SleepFunctions.data());

  std::string Error;
  if (auto Parsed = parseBlockingFunctions(RawBlockingFunctions, Error))
    BlockingFunctions = std::move(*Parsed);
  else
    configurationDiag("invalid BlockingFunctions option: %0", DiagnosticIDs::Error) << Error;

  llvm::StringRef FirstSleep = llvm::StringRef(RawSleepFunctions).split(';').first.trim();
  FirstSleep.consume_front("::");
  SleepReplacement = FirstSleep.str();
}

void BlockingCallCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingFunctions", RawBlockingFunctions);
  Options.store(Opts, "SleepFunctions", RawSleepFunctions);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  if (BlockingFunctions.empty())
    return;
  std::vector<llvm::StringRef> Names;
  for (const BlockingFunction &Function : BlockingFunctions)
    Names.push_back(Function.QualifiedName);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(Names)).bind("callee")), isInCoroutine())
          .bind("call"),
      this);
}

const BlockingFunction *BlockingCallCheck::lookup(const FunctionDecl &Callee) const {
  std::string Qualified = "::" + Callee.getQualifiedNameAsString();
  for (const BlockingFunction &Function : BlockingFunctions)
    if (Function.QualifiedName == Qualified)
      return &Function;
  return nullptr;
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
  const BlockingFunction *Blocking = lookup(*Callee);
  if (!Blocking)
    return;
  StatementContext Where = contextOf(*Call, *Result.Context);

  auto Diag = diag(Call->getBeginLoc(), "%0")
              << messages::blockingCall(Blocking->displayName(),
                                        coroutineDisplayName(*Where.Function),
                                        Blocking->Replacement);

  // The rewrite is safe only where `co_await` may appear and means the same:
  // a statement of its own, outside a catch handler, not spelled by a macro,
  // with a std::chrono duration the awaitable sleep accepts.
  bool CanRewrite = !SleepReplacement.empty() && Blocking->Replacement == SleepReplacement &&
                    Call->getNumArgs() == 1 && isChronoDuration(Call->getArg(0)->getType()) &&
                    !Where.InCatchHandler && !Call->getBeginLoc().isMacroID() &&
                    !Call->getEndLoc().isMacroID() && isDiscardedStatement(*Call, *Result.Context);
  if (CanRewrite)
    Diag << FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Call->getCallee()->getSourceRange()),
        "co_await " + SleepReplacement);
}

} // namespace corolint
