//===--- RetryWithoutBackoffCheck.cpp - async-retry-without-backoff --------===//

#include "RetryWithoutBackoffCheck.h"
#include "utils/Cancellation.h"
#include "utils/Coroutines.h"
#include "utils/LoopDependence.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Profiles.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {

/// The try statements of one loop's body: not those of nested loops or lambdas.
class TryFinder : public RecursiveASTVisitor<TryFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseForStmt(ForStmt *) { return true; }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *) { return true; }
  bool TraverseWhileStmt(WhileStmt *) { return true; }
  bool TraverseDoStmt(DoStmt *) { return true; }
  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }
  std::vector<const CXXTryStmt *> Tries;
};

/// A helper whose name says it waits (`backoff(attempt)`, `sleep_ms(50)`, `delay()`).
bool namedForWaiting(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return false;
  std::string Name = Callee->getName().lower();
  return llvm::StringRef(Name).contains("sleep") || llvm::StringRef(Name).contains("backoff") ||
         llvm::StringRef(Name).contains("delay");
}

class WaitingCallFinder : public RecursiveASTVisitor<WaitingCallFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    Found |= namedForWaiting(Call->getDirectCallee());
    return !Found;
  }
  bool Found = false;
};

/// After the handler, the loop goes round again.
bool continuesLoop(const CXXCatchStmt &Handler) {
  const auto *Block = llvm::dyn_cast<CompoundStmt>(Handler.getHandlerBlock());
  if (!Block)
    return false;
  return fallsThrough(*Block) ||
         (!Block->body_empty() && llvm::isa<ContinueStmt>(Block->body_back()));
}

const Expr *loopCondition(const Stmt &Loop) {
  if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop))
    return While->getCond();
  if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop))
    return Do->getCond();
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop))
    return For->getCond();
  return nullptr;
}

/// \p S assigns a variable that the loop's condition reads (`ok = true;`).
bool setsLoopCondition(const Stmt &S, const Stmt &Loop) {
  const Expr *Condition = loopCondition(Loop);
  if (!Condition)
    return false;
  class AssignFinder : public RecursiveASTVisitor<AssignFinder> {
  public:
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->isAssignmentOp())
        if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
          Assigned.push_back(Ref->getDecl());
      return true;
    }
    std::vector<const Decl *> Assigned;
  } Assignments;
  Assignments.TraverseStmt(const_cast<Stmt *>(&S));
  return llvm::any_of(Assignments.Assigned,
                      [&](const Decl *D) { return mentions(*Condition, nullptr, D); });
}

} // namespace

RetryWithoutBackoffCheck::RetryWithoutBackoffCheck(llvm::StringRef Name,
                                                   tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  const ProfileData &Profile = readProfile(*this, Options);
  SleepFunctions = readListOption(Options, "SleepFunctions", Profile.SleepFunctions);
  TimerTypes = readListOption(Options, "TimerTypes", Profile.TimerTypes);
}

void RetryWithoutBackoffCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SleepFunctions", SleepFunctions.Raw);
  Options.store(Opts, "TimerTypes", TimerTypes.Raw);
}

void RetryWithoutBackoffCheck::registerMatchers(MatchFinder *Finder) {
  // A range-for tries a different element each time (failing over), not the same one again.
  Finder->addMatcher(stmt(anyOf(forStmt(), whileStmt(), doStmt()), isInCoroutine()).bind("loop"),
                     this);
}

bool RetryWithoutBackoffCheck::isDelay(const Expr &Operand) const {
  const auto *Call = llvm::dyn_cast<CallExpr>(Operand.IgnoreUnlessSpelledInSource());
  if (!Call)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if ((Callee && SleepFunctions.Names.contains(*Callee)) || namedForWaiting(Callee))
    return true;
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  return Object && TimerTypes.Names.containsType(Object->getType(), /*ThroughPointers=*/true);
}

void RetryWithoutBackoffCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  const Stmt *Body = loopBody(*Loop);
  if (!Body)
    return;
  TryFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Body));

  // The attempts: a try that awaits, leaves the loop on success, and goes
  // round again after some handler.
  llvm::SmallVector<const CXXTryStmt *, 2> Attempts;
  const Expr *Operand = nullptr;
  const CXXCatchStmt *Retrying = nullptr;
  for (const CXXTryStmt *Try : Finder.Tries) {
    // What is attempted is the last thing awaited; what comes first sets it up.
    const Expr *Attempted = nullptr;
    forEachAwait(*Try->getTryBlock(), nullptr, [&](const Expr &Awaited) { Attempted = &Awaited; });
    // Success must end the loop: every path through the try block leaves it
    // (a session that breaks only when the peer closes is not a retry), or it
    // sets what the loop condition tests.
    const Stmt &Block = *Try->getTryBlock();
    if (!Attempted || !((leavesLoop(Block) && !fallsThrough(Block)) ||
                        setsLoopCondition(Block, *Loop)))
      continue;
    const CXXCatchStmt *Handler = nullptr;
    for (unsigned I = 0; I < Try->getNumHandlers() && !Handler; ++I)
      if (continuesLoop(*Try->getHandler(I)))
        Handler = Try->getHandler(I);
    if (!Handler)
      continue;
    Attempts.push_back(Try);
    if (!Operand) {
      Operand = Attempted;
      Retrying = Handler;
    }
  }
  if (Attempts.empty())
    return;
  // Each attempt at another target (`endpoints[attempt]`) is a fail-over.
  LoopDependence Dependence(*Loop, Context);
  if (const VarDecl *Counter = Dependence.counter(); Counter && mentions(*Operand, nullptr, Counter))
    return;

  // A sleep or timer anywhere in the loop, or any other await outside the
  // attempts (a queue, a custom backoff), paces the retries.
  bool Paced = false;
  forEachAwait(*Loop, nullptr, [&](const Expr &Awaited) {
    Paced |= isDelay(Awaited) || llvm::none_of(Attempts, [&](const CXXTryStmt *Try) {
               return mentions(*Try->getTryBlock(), &Awaited, nullptr);
             });
  });
  WaitingCallFinder Waits;
  Waits.TraverseStmt(const_cast<Stmt *>(Loop));
  if (Paced || Waits.Found)
    return;

  std::string Name;
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Operand->IgnoreUnlessSpelledInSource());
      Call && Call->getDirectCallee())
    Name = Call->getDirectCallee()->getNameAsString();
  else
    Name = spelling(*Operand, Context);
  diag(Loop->getBeginLoc(), "%0")
      << messages::retryWithoutBackoff(Name, firstSpelling(SleepFunctions));
  diag(Retrying->getCatchLoc(), "%0", DiagnosticIDs::Note) << messages::retryHandler();
}

} // namespace corolint
