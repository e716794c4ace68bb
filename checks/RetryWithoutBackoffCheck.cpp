//===--- RetryWithoutBackoffCheck.cpp - async-retry-without-backoff --------===//

#include "RetryWithoutBackoffCheck.h"
#include "utils/Cancellation.h"
#include "utils/Coroutines.h"
#include "utils/LoopDependence.h"
#include "utils/Loops.h"
#include "utils/Messages.h"
#include "utils/Names.h"
#include "utils/Profiles.h"
#include "utils/Templates.h"

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
  std::string Name = plainName(*Callee).lower();
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

// ---- failures seen in a result, not caught ------------------------------------

/// What a result's truth says about the attempt: an error code is true when
/// the attempt failed; bool, `expected`, `optional`, a `result` with
/// `has_value()` are true when it succeeded. Other types (a byte count, a
/// pointer) say nothing: a read loop stopping at zero bytes is no retry.
std::optional<bool> trueMeansSuccess(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return std::nullopt;
  Type = Type.getNonReferenceType();
  if (Type->isBooleanType())
    return true;
  const NamedDecl *Named = namingDecl(Type);
  if (!Named || !Named->getIdentifier())
    return std::nullopt;
  if (Named->getName() == "error_code" || Named->getName() == "error_condition")
    return false;
  const auto *Record = llvm::dyn_cast<CXXRecordDecl>(Named);
  if (const auto *Template = llvm::dyn_cast<ClassTemplateDecl>(Named))
    Record = Template->getTemplatedDecl();
  if (const auto *Specialization = Type->getAsCXXRecordDecl())
    Record = Specialization->hasDefinition() ? Specialization : Record;
  if (!Record || !Record->hasDefinition())
    return std::nullopt;
  for (const Decl *Member : Record->decls())
    if (const auto *Method = llvm::dyn_cast<NamedDecl>(Member))
      if (Method->getIdentifier() && Method->getName() == "has_value")
        return true;
  return std::nullopt;
}

enum class Outcome { Unknown, Succeeded, Failed };

Outcome flip(Outcome O) {
  return O == Outcome::Succeeded ? Outcome::Failed
         : O == Outcome::Failed  ? Outcome::Succeeded
                                 : Outcome::Unknown;
}

/// The attempts of one loop whose results it tests: variables initialised or
/// assigned from an awaited operation (`auto [ec, n] = co_await ...;`,
/// `ok = co_await try_send();`), and awaits tested on the spot.
struct ResultAttempts {
  llvm::DenseMap<const Decl *, const Expr *> Results; ///< result variable -> awaited operand
  llvm::SmallPtrSet<const Expr *, 4> Operands;        ///< every attempt's awaited operand

  /// Whether \p Condition being true means an attempt succeeded or failed;
  /// \p Attempt gets the awaited operand it tests.
  Outcome tested(const Expr &Condition, const Expr *&Attempt) const {
    const Expr *E = Condition.IgnoreUnlessSpelledInSource();
    if (const auto *Not = llvm::dyn_cast<UnaryOperator>(E))
      return Not->getOpcode() == UO_LNot ? flip(tested(*Not->getSubExpr(), Attempt))
                                         : Outcome::Unknown;
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
      const FunctionDecl *Method = Member->getDirectCallee();
      if (!Method || !Method->getIdentifier() || !resultOf(*Member->getImplicitObjectArgument(), Attempt))
        return Outcome::Unknown;
      llvm::StringRef Name = Method->getName();
      if (Name == "has_value" || Name == "ok")
        return Outcome::Succeeded;
      if (Name == "has_error" || Name == "failed")
        return Outcome::Failed;
      return Outcome::Unknown;
    }
    if (!resultOf(*E, Attempt))
      return Outcome::Unknown;
    std::optional<bool> Success = trueMeansSuccess(E->getType());
    if (!Success)
      return Outcome::Unknown;
    return *Success ? Outcome::Succeeded : Outcome::Failed;
  }

private:
  /// \p E is a result variable or an attempt awaited on the spot.
  bool resultOf(const Expr &E, const Expr *&Attempt) const {
    const Expr *Stripped = E.IgnoreUnlessSpelledInSource();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Stripped)) {
      auto Found = Results.find(Ref->getDecl());
      if (Found == Results.end())
        return false;
      Attempt = Found->second;
      return true;
    }
    if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(Stripped)) {
      Attempt = Await->getOperand();
      return Operands.contains(Attempt);
    }
    return false;
  }
};

/// The last operand \p S awaits, outside nested lambdas.
const Expr *lastAwaited(const Stmt &S) {
  const Expr *Last = nullptr;
  forEachAwait(S, nullptr, [&](const Expr &Operand) { Last = &Operand; });
  return Last;
}

/// Collects the attempts among the statements of \p Body (its own
/// statements and the conditions of its own if statements: an attempt made
/// only on some paths is not the loop's attempt).
ResultAttempts resultAttempts(const Stmt &Body) {
  ResultAttempts Attempts;
  llvm::SmallVector<const Stmt *, 8> Own;
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(&Body))
    Own.append(Block->body_begin(), Block->body_end());
  else
    Own.push_back(&Body);
  for (const Stmt *S : Own) {
    if (const auto *Declaration = llvm::dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Declaration->decls()) {
        const auto *Var = llvm::dyn_cast<VarDecl>(D);
        const Expr *Operand = Var && Var->getInit() ? lastAwaited(*Var->getInit()) : nullptr;
        if (!Operand)
          continue;
        Attempts.Operands.insert(Operand);
        Attempts.Results[Var] = Operand;
        if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
          for (const BindingDecl *Binding : Decomposition->bindings())
            Attempts.Results[Binding] = Operand;
      }
    } else if (const auto *E = llvm::dyn_cast<Expr>(S)) {
      // `x = co_await ...;`, a builtin or a class's assignment.
      const Expr *Target = nullptr, *Value = nullptr;
      E = E->IgnoreUnlessSpelledInSource();
      if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(E);
          Assign && Assign->getOpcode() == BO_Assign)
        Target = Assign->getLHS(), Value = Assign->getRHS();
      else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Target = Op->getArg(0), Value = Op->getArg(1);
      const auto *Ref = Target ? llvm::dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
      if (const Expr *Operand = Ref ? lastAwaited(*Value) : nullptr) {
        Attempts.Operands.insert(Operand);
        Attempts.Results[Ref->getDecl()] = Operand;
      }
    } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
      if (const Expr *Operand = lastAwaited(*If->getCond()))
        Attempts.Operands.insert(Operand);
    }
  }
  return Attempts;
}

/// \p S ends in a `continue`.
bool endsInContinue(const Stmt &S) {
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(&S))
    return !Block->body_empty() && endsInContinue(*Block->body_back());
  return llvm::isa<ContinueStmt>(S);
}

/// \p S leaves the loop on every path: a break, return or co_return at its end.
bool alwaysLeaves(const Stmt &S) { return leavesLoop(S) && !fallsThrough(S); }

/// The attempt \p Value reports on: a result variable, or a local assigned or
/// initialised from an expression that reads one (`ec = r.has_error() ?
/// r.error() : errc::success;`, `ec = r.ec;`). Null when none.
const Expr *attemptBehind(const Expr &Value, const ResultAttempts &Attempts, const Stmt &Body) {
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Value.IgnoreUnlessSpelledInSource());
  if (!Ref)
    return nullptr;
  if (auto Found = Attempts.Results.find(Ref->getDecl()); Found != Attempts.Results.end())
    return Found->second;
  const auto *Local = llvm::dyn_cast<VarDecl>(Ref->getDecl());
  if (!Local || !Local->hasLocalStorage())
    return nullptr;
  class Definitions : public RecursiveASTVisitor<Definitions> {
  public:
    explicit Definitions(const VarDecl &Var) : Var(Var) {}
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitBinaryOperator(BinaryOperator *Assign) {
      if (Assign->getOpcode() == BO_Assign && names(*Assign->getLHS()))
        Values.push_back(Assign->getRHS());
      return true;
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Assign) {
      if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 && names(*Assign->getArg(0)))
        Values.push_back(Assign->getArg(1));
      return true;
    }
    bool names(const Expr &E) const {
      const auto *Target = llvm::dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
      return Target && Target->getDecl() == &Var;
    }
    const VarDecl &Var;
    std::vector<const Expr *> Values;
  } Found(*Local);
  Found.TraverseStmt(const_cast<Stmt *>(&Body));
  if (Local->getInit())
    Found.Values.push_back(Local->getInit());
  for (const Expr *Defined : Found.Values)
    for (const auto &[Result, Operand] : Attempts.Results)
      if (mentions(*Defined, nullptr, Result))
        return Operand;
  return nullptr;
}

/// An enum whose name says it reports how an operation went (`errc`,
/// `error_code`, `io_status`, `result_code`): not an event or a command kind,
/// whose switch in a loop dispatches work rather than retrying it.
bool namesErrorCode(QualType Type) {
  const auto *Enum = Type.isNull() ? nullptr : Type->getAs<EnumType>();
  if (!Enum || !Enum->getDecl()->getIdentifier())
    return false;
  std::string Name = Enum->getDecl()->getName().lower();
  return llvm::any_of(llvm::ArrayRef<llvm::StringRef>{"err", "status", "code", "result"},
                      [&](llvm::StringRef Part) { return llvm::StringRef(Name).contains(Part); });
}

/// A switch on an attempt's code that goes round again for some codes (a
/// case group ending in `break`, which leaves only the switch) and leaves for
/// the rest (`default:` returns or throws): `case errc::not_leader: case
/// errc::timeout: if (attempts >= max) co_return r; break; default: co_return r;`.
bool retriesSomeCodes(const SwitchStmt &Switch) {
  const auto *Cases = llvm::dyn_cast_or_null<CompoundStmt>(Switch.getBody());
  if (!Cases)
    return false;
  struct Group {
    bool Default = false;
    const Stmt *Last = nullptr;
  };
  llvm::SmallVector<Group, 4> Groups;
  for (const Stmt *S : Cases->body()) {
    if (const auto *Label = llvm::dyn_cast<SwitchCase>(S)) {
      Groups.emplace_back();
      // `case a: case b: stmt;` nests the labels around the first statement.
      const Stmt *Inner = Label;
      while (const auto *Nested = llvm::dyn_cast<SwitchCase>(Inner)) {
        Groups.back().Default |= llvm::isa<DefaultStmt>(Nested);
        Inner = Nested->getSubStmt();
      }
      S = Inner;
    }
    if (!Groups.empty())
      Groups.back().Last = S;
  }
  auto Exits = [](const Stmt *Last) {
    if (const auto *Block = llvm::dyn_cast_or_null<CompoundStmt>(Last))
      Last = Block->body_empty() ? nullptr : Block->body_back();
    return llvm::isa_and_nonnull<ReturnStmt, CoreturnStmt>(Last) ||
           (llvm::isa_and_nonnull<Expr>(Last) &&
            llvm::isa<CXXThrowExpr>(llvm::cast<Expr>(Last)->IgnoreImplicit()));
  };
  bool DefaultExits = llvm::any_of(Groups, [&](const Group &G) { return G.Default && Exits(G.Last); });
  bool SomeGoRound = llvm::any_of(Groups, [](const Group &G) {
    return !G.Default && llvm::isa_and_nonnull<BreakStmt, ContinueStmt>(G.Last);
  });
  return DefaultExits && SomeGoRound;
}

/// A retry decided on a result: where the failure is seen and what is attempted.
struct ResultRetry {
  const Stmt *Test = nullptr;
  const Expr *Attempt = nullptr;
};

/// The loop tests an attempt's result and goes round again when it failed:
/// `if (ok) break;` (success leaves, failure falls through to the next
/// iteration), `if (ec) { log(ec); continue; } co_return n;`, or a loop
/// condition that holds while the attempt failed (`do { ec = co_await send(); }
/// while (ec);`).
std::optional<ResultRetry> retriesOnResult(const Stmt &Loop, const Stmt &Body) {
  ResultAttempts Attempts = resultAttempts(Body);
  if (Attempts.Operands.empty())
    return std::nullopt;
  const Expr *Attempt = nullptr;
  if (const Expr *Condition = loopCondition(Loop);
      Condition && Attempts.tested(*Condition, Attempt) == Outcome::Failed)
    return ResultRetry{Condition, Attempt};
  const auto *Block = llvm::dyn_cast<CompoundStmt>(&Body);
  if (!Block || Block->body_empty())
    return std::nullopt;
  bool EndsInLeave = alwaysLeaves(*Block->body_back());
  for (const Stmt *S : Block->body()) {
    // Some codes go round again, the rest leave (redpanda f4d4ed025b).
    if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S)) {
      if (const Expr *Attempted = Switch->getCond() && namesErrorCode(Switch->getCond()->IgnoreUnlessSpelledInSource()->getType())
                                      ? attemptBehind(*Switch->getCond(), Attempts, Body)
                                      : nullptr;
          Attempted && retriesSomeCodes(*Switch))
        return ResultRetry{Switch, Attempted};
      continue;
    }
    const auto *If = llvm::dyn_cast<IfStmt>(S);
    if (!If || If->getConditionVariable())
      continue;
    Outcome Tested = Attempts.tested(*If->getCond(), Attempt);
    // Success leaves, and a failure falls through to the next attempt.
    if (Tested == Outcome::Succeeded && !If->getElse() && alwaysLeaves(*If->getThen()) &&
        !EndsInLeave)
      return ResultRetry{If, Attempt};
    // A failure goes round at once; what follows is the success path out.
    if (Tested == Outcome::Failed && !If->getElse() && endsInContinue(*If->getThen()) &&
        EndsInLeave)
      return ResultRetry{If, Attempt};
  }
  return std::nullopt;
}

} // namespace

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
  if ((Callee && isListed(*Callee, SleepFunctions.Names)) || namedForWaiting(Callee))
    return true;
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  return Object && hasListedType(Object->getType(), TimerTypes.Names, /*ThroughPointers=*/true);
}

std::optional<RetryWithoutBackoffCheck::Retry>
RetryWithoutBackoffCheck::unpacedRetry(const Stmt &Loop, ASTContext &Context) const {
  const Stmt *Body = loopBody(Loop);
  if (!Body || runsOnlyOnce(Loop, Context)) // a macro's `do { } while (0)`: no retry
    return std::nullopt;
  TryFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Body));

  // The attempts: a try that awaits, leaves the loop on success, and goes
  // round again after some handler.
  llvm::SmallVector<const CXXTryStmt *, 2> Attempts;
  Retry Found;
  for (const CXXTryStmt *Try : Finder.Tries) {
    // What is attempted is the last thing awaited; what comes first sets it up.
    const Expr *Attempted = lastAwaited(*Try->getTryBlock());
    // Success must end the loop: every path through the try block leaves it
    // (a session that breaks only when the peer closes is not a retry), or it
    // sets what the loop condition tests.
    const Stmt &Block = *Try->getTryBlock();
    if (!Attempted || !(alwaysLeaves(Block) || setsLoopCondition(Block, Loop)))
      continue;
    const CXXCatchStmt *Handler = nullptr;
    for (unsigned I = 0; I < Try->getNumHandlers() && !Handler; ++I)
      if (continuesLoop(*Try->getHandler(I)))
        Handler = Try->getHandler(I);
    if (!Handler)
      continue;
    Attempts.push_back(Try);
    if (!Found.Operand) {
      Found.Operand = Attempted;
      Found.Where = Handler->getCatchLoc();
    }
  }
  // Failures seen without try/catch: an error code, an expected, a bool.
  std::optional<ResultRetry> OnResult;
  if (Attempts.empty()) {
    OnResult = retriesOnResult(Loop, *Body);
    if (!OnResult)
      return std::nullopt;
    Found = {OnResult->Attempt, OnResult->Test->getBeginLoc(), /*OnResult=*/true};
  }
  auto IsAttempt = [&](const Expr &Awaited) {
    if (OnResult)
      return &Awaited == OnResult->Attempt;
    return llvm::any_of(Attempts, [&](const CXXTryStmt *Try) {
      return mentions(*Try->getTryBlock(), &Awaited, nullptr);
    });
  };
  // Each attempt at another target (`endpoints[attempt]`) is a fail-over.
  LoopDependence Dependence(Loop, Context);
  if (const VarDecl *Counter = Dependence.counter();
      Counter && mentions(*Found.Operand, nullptr, Counter))
    return std::nullopt;

  // A sleep or timer anywhere in the loop, or any other await outside the
  // attempts (a queue, a custom backoff), paces the retries.
  bool Paced = false;
  forEachAwait(Loop, nullptr,
               [&](const Expr &Awaited) { Paced |= isDelay(Awaited) || !IsAttempt(Awaited); });
  WaitingCallFinder Waits;
  Waits.TraverseStmt(const_cast<Stmt *>(&Loop));
  if (Paced || Waits.Found)
    return std::nullopt;
  return Found;
}

void RetryWithoutBackoffCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  std::optional<Retry> Found = unpacedRetry(*Loop, Context);
  // In a template the pattern may not know the result's type (`auto ec =
  // co_await transport_.connect();`): its instantiations do. Reported once,
  // at the pattern's line.
  for (const Stmt *Instance : Found ? llvm::SmallVector<const Stmt *, 4>()
                                    : Instantiated.of(*Loop, Context))
    if ((Found = unpacedRetry(*Instance, Context)))
      break;
  if (!Found)
    return;

  std::string Name;
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Found->Operand->IgnoreUnlessSpelledInSource());
      Call && Call->getDirectCallee())
    Name = Call->getDirectCallee()->getNameAsString();
  else
    Name = spelling(*Found->Operand, Context);
  diag(Loop->getBeginLoc(), "%0")
      << messages::retryWithoutBackoff(Name, SleepFunctions.firstSpelling());
  diag(Found->Where, "%0", DiagnosticIDs::Note)
      << (Found->OnResult ? messages::retryOnResult() : messages::retryHandler());
}

} // namespace corolint
