//===--- Loops.cpp - how many times a loop runs, as far as the source says -===//

#include "Loops.h"
#include "Names.h"

#include "checks/model/Quoting.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace corolint {

namespace {

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Next))
      if (Construct->getNumArgs() == 1 && !llvm::isa<CXXTemporaryObjectExpr>(Construct) &&
          !Construct->isListInitialization())
        Next = Construct->getArg(0); // a copy or move of the range
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

std::optional<std::int64_t> constantValue(const Expr *E, ASTContext &Context) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Context))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

/// The variable a reference names, through implicit casts.
const VarDecl *referencedVar(const Expr *E) {
  if (const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(strip(E)))
    return llvm::dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

/// `views::iota`, `views::take`, ...: the qualified name of the range
/// adaptor object (or function) a call invokes, or "".
std::string adaptorName(const Expr &Call) {
  const Expr *Callee = nullptr;
  if (const auto *Operator = llvm::dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() == OO_Call)
      Callee = Operator->getArg(0);
  } else if (const auto *Plain = llvm::dyn_cast<CallExpr>(&Call)) {
    Callee = Plain->getCallee();
  }
  if (const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(strip(Callee)))
    return qualifiedName(*Ref->getDecl());
  return "";
}

/// The arguments of a call, without the callee object of `obj(args)`.
llvm::SmallVector<const Expr *, 2> callArgs(const Expr &Call) {
  llvm::SmallVector<const Expr *, 2> Args;
  if (const auto *C = llvm::dyn_cast<CallExpr>(&Call)) {
    unsigned First = llvm::isa<CXXOperatorCallExpr>(C) ? 1 : 0;
    for (unsigned I = First; I < C->getNumArgs(); ++I)
      Args.push_back(C->getArg(I));
  }
  return Args;
}

bool isViews(llvm::StringRef Name, llvm::StringRef Adaptor) {
  return Name == ("::std::ranges::views::" + Adaptor).str() ||
         Name == ("::std::views::" + Adaptor).str();
}

/// `X` of `X.size()`, `std::size(X)`, `X.end()`, `std::end(X)`, ...
const Expr *collectionOf(const Expr *E, std::initializer_list<llvm::StringRef> Members) {
  E = strip(E);
  if (const auto *Member = llvm::dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (const auto *Method = Member->getMethodDecl())
      if (Method->getIdentifier() && llvm::is_contained(Members, Method->getName()))
        return Member->getImplicitObjectArgument();
  if (const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E))
    if (const auto *Callee = Call->getDirectCallee())
      if (Call->getNumArgs() == 1 && Callee->getIdentifier() &&
          llvm::is_contained(Members, plainName(*Callee)))
        return Call->getArg(0);
  return nullptr;
}

LoopSize elements(const Expr &Collection, ASTContext &Context) {
  return {LoopSize::Elements, 0, spelling(Collection, Context)};
}

LoopSize rangeSize(const Expr &Range, ASTContext &Context, unsigned Depth = 0) {
  const Expr *E = strip(&Range);
  // `for (int x : {1, 2, 3})`
  if (const auto *List = llvm::dyn_cast<CXXStdInitializerListExpr>(E))
    E = strip(List->getSubExpr());
  if (const auto *Init = llvm::dyn_cast<InitListExpr>(E))
    return {LoopSize::Constant, Init->getNumInits(), ""};
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E))
    if (Construct->isListInitialization() && Construct->getNumArgs() >= 1)
      // `std::vector<int> v{1, 2, 3}`: the list, then defaulted allocator arguments.
      if (const auto *List =
              llvm::dyn_cast<CXXStdInitializerListExpr>(strip(Construct->getArg(0))))
        if (llvm::all_of(llvm::drop_begin(Construct->arguments()),
                         [](const Expr *Arg) { return llvm::isa<CXXDefaultArgExpr>(Arg); }))
          return rangeSize(*List, Context, Depth + 1);

  // Types whose size is part of the type: T[N], std::array<T, N>, std::span<T, N>.
  QualType Type = E->getType().getNonReferenceType();
  if (const auto *Array = Context.getAsConstantArrayType(Type))
    return {LoopSize::Constant, Array->getSize().getZExtValue(), ""};
  if (const auto *Spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type->getAsCXXRecordDecl())) {
    std::string Name = qualifiedName(*Spec);
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if ((Name == "::std::array" || Name == "::std::span") && Args.size() == 2 &&
        Args[1].getKind() == TemplateArgument::Integral) {
      llvm::APSInt N = Args[1].getAsIntegral();
      if (N.isUnsigned() ? !N.isMaxValue() : !N.isNegative()) // span's dynamic_extent is -1
        return {LoopSize::Constant, N.getZExtValue(), ""};
    }
  }

  // A constant local (or an initializer_list) keeps the size it was built with.
  if (const VarDecl *Var = referencedVar(E); Var && Depth < 3 && Var->hasLocalStorage() &&
                                              Var->getInit()) {
    const auto *Record = Var->getType()->getAsRecordDecl();
    bool IsInitializerList = Record && qualifiedName(*Record) == "::std::initializer_list";
    if (Type.isConstQualified() || IsInitializerList) {
      LoopSize FromInit = rangeSize(*Var->getInit(), Context, Depth + 1);
      if (FromInit.How == LoopSize::Constant)
        return FromInit;
    }
  }

  // Range adaptors: `views::iota(a, b)`, `r | views::take(n)`, `views::filter(r, p)`.
  if (Depth < 6) {
    if (const auto *Pipe = llvm::dyn_cast<CXXOperatorCallExpr>(E);
        Pipe && Pipe->getOperator() == OO_Pipe && Pipe->getNumArgs() == 2) {
      const Expr *Adaptor = strip(Pipe->getArg(1));
      std::string Name = adaptorName(*Adaptor);
      auto Args = callArgs(*Adaptor);
      if (isViews(Name, "take") && Args.size() == 1)
        if (auto N = constantValue(Args[0], Context); N && *N >= 0)
          return {LoopSize::Constant, static_cast<std::uint64_t>(*N), ""};
      return rangeSize(*Pipe->getArg(0), Context, Depth + 1);
    }
    std::string Name = adaptorName(*E);
    if (!Name.empty() && (Name.rfind("::std::ranges::views::", 0) == 0 ||
                          Name.rfind("::std::views::", 0) == 0)) {
      auto Args = callArgs(*E);
      if (isViews(Name, "iota") && Args.size() == 2) {
        auto From = constantValue(Args[0], Context), To = constantValue(Args[1], Context);
        if (From && To)
          return {LoopSize::Constant, static_cast<std::uint64_t>(std::max<std::int64_t>(*To - *From, 0)), ""};
        return {LoopSize::Count, 0, spelling(*Args[1], Context)};
      }
      if (isViews(Name, "iota"))
        return {};
      if (isViews(Name, "take") && Args.size() == 2)
        if (auto N = constantValue(Args[1], Context); N && *N >= 0)
          return {LoopSize::Constant, static_cast<std::uint64_t>(*N), ""};
      if (!Args.empty())
        return rangeSize(*Args[0], Context, Depth + 1);
    }
  }
  return elements(*E, Context);
}

/// `i` in `int i = 0` or `i = 0`, with its initial value.
std::pair<const VarDecl *, const Expr *> inductionStart(const Stmt *Init) {
  if (const auto *Declaration = llvm::dyn_cast_or_null<DeclStmt>(Init))
    if (Declaration->isSingleDecl())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Declaration->getSingleDecl()))
        return {Var, Var->getInit()};
  if (const auto *Assign = llvm::dyn_cast_or_null<BinaryOperator>(Init))
    if (Assign->getOpcode() == BO_Assign)
      return {referencedVar(Assign->getLHS()), Assign->getRHS()};
  return {nullptr, nullptr};
}

/// The comparison `Var op Bound` in a loop condition, normalized so the
/// variable is on the left. Iterator comparisons are operator calls.
struct Comparison {
  const VarDecl *Var = nullptr;
  BinaryOperatorKind Op = BO_LT;
  const Expr *Bound = nullptr;
};

Comparison comparisonIn(const Expr *Cond, const VarDecl *Wanted) {
  Cond = strip(Cond);
  const Expr *LHS = nullptr, *RHS = nullptr;
  BinaryOperatorKind Op;
  if (const auto *Binary = llvm::dyn_cast_or_null<BinaryOperator>(Cond)) {
    if (Binary->getOpcode() == BO_LAnd) // `i < n && !stop`: the first bound limits the loop
      return comparisonIn(Binary->getLHS(), Wanted);
    if (!Binary->isComparisonOp())
      return {};
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
    Op = Binary->getOpcode();
  } else if (const auto *Rewritten = llvm::dyn_cast_or_null<CXXRewrittenBinaryOperator>(Cond)) {
    // C++20 spells `a != b` through `operator==`.
    auto Form = Rewritten->getDecomposedForm();
    LHS = Form.LHS;
    RHS = Form.RHS;
    Op = Form.Opcode;
  } else if (const auto *Operator = llvm::dyn_cast_or_null<CXXOperatorCallExpr>(Cond)) {
    if (!Operator->isComparisonOp() || Operator->getNumArgs() != 2)
      return {};
    LHS = Operator->getArg(0);
    RHS = Operator->getArg(1);
    Op = BinaryOperator::getOverloadedOpcode(Operator->getOperator());
  } else {
    return {};
  }
  const VarDecl *Left = referencedVar(LHS), *Right = referencedVar(RHS);
  if (Left && (!Wanted || Left == Wanted))
    return {Left, Op, RHS};
  if (Right && (!Wanted || Right == Wanted))
    return {Right, BinaryOperator::reverseComparisonOp(Op), LHS};
  return {};
}

/// +1 for `++i`/`i++`/`i += 1`, -2 for `i -= 2`; nullopt when unreadable.
std::optional<std::int64_t> stepOf(const Expr *Inc, const VarDecl &Var, ASTContext &Context) {
  Inc = strip(Inc);
  if (const auto *Unary = llvm::dyn_cast_or_null<UnaryOperator>(Inc)) {
    if (referencedVar(Unary->getSubExpr()) != &Var)
      return std::nullopt;
    return Unary->isIncrementOp() ? 1 : Unary->isDecrementOp() ? -1 : std::optional<std::int64_t>();
  }
  if (const auto *Compound = llvm::dyn_cast_or_null<CompoundAssignOperator>(Inc)) {
    if (referencedVar(Compound->getLHS()) != &Var)
      return std::nullopt;
    auto Step = constantValue(Compound->getRHS(), Context);
    if (!Step)
      return std::nullopt;
    if (Compound->getOpcode() == BO_AddAssign)
      return *Step;
    if (Compound->getOpcode() == BO_SubAssign)
      return -*Step;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> tripCount(std::int64_t From, BinaryOperatorKind Op, std::int64_t To,
                                       std::int64_t Step) {
  if (Step == 0)
    return std::nullopt;
  if (Step < 0) { // counting down: i > b with i -= s is -i < -b with -i += s
    From = -From;
    To = -To;
    Step = -Step;
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  switch (Op) {
  case BO_LT:
  case BO_NE:
    return To <= From ? 0 : static_cast<std::uint64_t>((To - From + Step - 1) / Step);
  case BO_LE:
    return To < From ? 0 : static_cast<std::uint64_t>((To - From) / Step + 1);
  default:
    return std::nullopt;
  }
}

/// \p Bound is the core count: `std::thread::hardware_concurrency()`, or a
/// local initialised from it (`const auto count = ...; i < count`).
bool countsCores(const Expr &Bound) {
  const Expr *E = Bound.IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
    if (const auto *Local = llvm::dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->hasLocalStorage() && !llvm::isa<ParmVarDecl>(Local) && Local->getInit())
      E = Local->getInit()->IgnoreParenImpCasts();
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  std::string Name = qualifiedName(*Callee);
  return Name == "::std::thread::hardware_concurrency" ||
         Name == "::std::jthread::hardware_concurrency";
}

/// Size of a counted loop whose bound is not a constant: `i < v.size()` is
/// one iteration per element of `v`; `i < n` is a count of `n`.
LoopSize boundSize(const Expr &Bound, ASTContext &Context) {
  if (const Expr *Collection = collectionOf(&Bound, {"size", "ssize", "length", "end", "cend"}))
    return elements(*Collection, Context);
  LoopSize Size{LoopSize::Count, 0, spelling(Bound, Context)};
  Size.PerCore = countsCores(Bound);
  return Size;
}

LoopSize forSize(const ForStmt &For, ASTContext &Context) {
  auto [Var, Start] = inductionStart(For.getInit());
  Comparison Cmp = comparisonIn(For.getCond(), Var);
  if (!Cmp.Var || !Cmp.Bound)
    return {};
  if (!Cmp.Var->getType()->isIntegerType()) {
    // Iterators: `it != v.end()`, or the range the loop started from.
    if (const Expr *Collection = collectionOf(Cmp.Bound, {"end", "cend"}))
      return elements(*Collection, Context);
    if (const Expr *Collection = collectionOf(Start, {"begin", "cbegin"}))
      return elements(*Collection, Context);
    return {};
  }
  auto Step = stepOf(For.getInc(), *Cmp.Var, Context);
  auto From = constantValue(Start, Context), To = constantValue(Cmp.Bound, Context);
  if (Step && From && To)
    if (auto Trips = tripCount(*From, Cmp.Op, *To, *Step))
      return {LoopSize::Constant, *Trips, ""};
  if (Step && *Step < 0 && Start && !From) // `for (i = n; i > 0; --i)`
    return boundSize(*Start, Context);
  if (To || !Start)
    return {};
  return boundSize(*Cmp.Bound, Context);
}

LoopSize conditionSize(const Expr *Cond, ASTContext &Context) {
  Cond = strip(Cond);
  if (!Cond)
    return {};
  // `while (!pending.empty())`
  if (const auto *Not = llvm::dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot)
    if (const Expr *Collection = collectionOf(Not->getSubExpr(), {"empty"}))
      return elements(*Collection, Context);
  // `while (n--)`, `while (n-- > 0)`
  const Expr *Counted = Cond;
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(Cond);
      Binary && Binary->isComparisonOp() && constantValue(Binary->getRHS(), Context))
    Counted = strip(Binary->getLHS());
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(Counted);
      Unary && Unary->isDecrementOp() && referencedVar(Unary->getSubExpr()))
    return {LoopSize::Count, 0, spelling(*Unary->getSubExpr(), Context)};
  // `while (i < n)`, `while (it != v.end())`
  Comparison Cmp = comparisonIn(Cond, nullptr);
  if (Cmp.Var && Cmp.Bound && !constantValue(Cmp.Bound, Context))
    return boundSize(*Cmp.Bound, Context);
  return {};
}

class AwaitFinder : public RecursiveASTVisitor<AwaitFinder> {
public:
  AwaitFinder(const Stmt *Skip, llvm::function_ref<void(const Expr &)> Visit)
      : Skip(Skip), Visit(Visit) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseStmt(Stmt *S) {
    if (S && S == Skip)
      return true;
    return RecursiveASTVisitor::TraverseStmt(S);
  }
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (Await->getOperand())
      Visit(*Await->getOperand());
    return true;
  }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *Await) {
    Visit(*Await->getOperand());
    return true;
  }

private:
  const Stmt *Skip;
  llvm::function_ref<void(const Expr &)> Visit;
};

class MentionFinder : public RecursiveASTVisitor<MentionFinder> {
public:
  MentionFinder(const Stmt *Target, const Decl *Var) : Target(Target), Var(Var) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseStmt(Stmt *S) {
    if (S && S == Target)
      Found = true;
    return !Found && RecursiveASTVisitor::TraverseStmt(S);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Found |= Var && Ref->getDecl() == Var;
    return !Found;
  }
  bool Found = false;

private:
  const Stmt *Target;
  const Decl *Var;
};

/// \p Child of \p Loop runs once, before the loop: a for's init, a range-for's range.
bool runsOnce(const Stmt &Loop, const Stmt &Child) {
  auto Same = [&Child](const Stmt *Part) {
    if (!Part)
      return false;
    if (Part == &Child)
      return true;
    const auto *PartExpr = llvm::dyn_cast<Expr>(Part);
    const auto *ChildExpr = llvm::dyn_cast<Expr>(&Child);
    return PartExpr && ChildExpr &&
           PartExpr->IgnoreUnlessSpelledInSource() == ChildExpr->IgnoreUnlessSpelledInSource();
  };
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop))
    return Same(For->getInit());
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    return Same(RangeFor->getInit()) || Same(RangeFor->getRangeInit()) ||
           Same(RangeFor->getRangeStmt());
  return false;
}

} // namespace

bool runsOnlyOnce(const Stmt &Loop, const ASTContext &Context) {
  const auto *Do = llvm::dyn_cast<DoStmt>(&Loop);
  bool Value = true;
  return Do && !Do->getCond()->isValueDependent() &&
         Do->getCond()->EvaluateAsBooleanCondition(Value, Context) && !Value;
}

llvm::SmallVector<const Stmt *, 4> enclosingLoops(const Stmt &S, ASTContext &Context) {
  llvm::SmallVector<const Stmt *, 4> Loops;
  DynTypedNode Current = DynTypedNode::create(S);
  const Stmt *Child = &S;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Current);
    if (Parents.empty())
      return Loops;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>() || Parent.get<BlockDecl>())
      return Loops;
    if (const auto *Loop = Parent.get<Stmt>()) {
      // Everything but the init of a for and the range of a range-for repeats.
      if (llvm::isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(Loop) && !runsOnce(*Loop, *Child) &&
          !runsOnlyOnce(*Loop, Context))
        Loops.push_back(Loop);
      Child = Loop;
    }
    Current = Parent;
  }
}

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getBody();
  if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  return nullptr;
}

static bool reads(const Stmt &S, const VarDecl &Var) {
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(&S); Ref && Ref->getDecl() == &Var)
    return true;
  for (const Stmt *Child : S.children())
    if (Child && reads(*Child, Var))
      return true;
  return false;
}

bool repeatsWithoutItems(const Stmt &Loop) {
  // `for (auto _ : state)`: Google Benchmark's measuring loop, or any range
  // whose element the body never looks at.
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getBody() && RangeFor->getLoopVariable() &&
           !llvm::isa<DecompositionDecl>(RangeFor->getLoopVariable()) &&
           !reads(*RangeFor->getBody(), *RangeFor->getLoopVariable());
  const auto *For = llvm::dyn_cast<ForStmt>(&Loop);
  const auto *Init = For ? llvm::dyn_cast_or_null<DeclStmt>(For->getInit()) : nullptr;
  if (!Init || !For->getBody())
    return false;
  for (const Decl *D : Init->decls())
    if (const auto *Counter = llvm::dyn_cast<VarDecl>(D); Counter && reads(*For->getBody(), *Counter))
      return false;
  return true;
}

LoopSize loopSize(const Stmt &Loop, ASTContext &Context) {
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getRangeInit() ? rangeSize(*RangeFor->getRangeInit(), Context) : LoopSize();
  if (const auto *For = llvm::dyn_cast<ForStmt>(&Loop))
    return forSize(*For, Context);
  if (const auto *While = llvm::dyn_cast<WhileStmt>(&Loop))
    return conditionSize(While->getCond(), Context);
  if (const auto *Do = llvm::dyn_cast<DoStmt>(&Loop))
    return conditionSize(Do->getCond(), Context);
  return {};
}

std::string spelling(const Expr &E, ASTContext &Context) {
  const Expr *Written = strip(&E);
  CharSourceRange Range = CharSourceRange::getTokenRange(Written->getSourceRange());
  const SourceManager &Sources = Context.getSourceManager();
  llvm::StringRef Text =
      Lexer::getSourceText(Sources.getExpansionRange(Range), Sources, Context.getLangOpts());
  std::string Quote = quoteForMessage(std::string_view(Text.data(), Text.size()));
  return Quote.empty() ? "the range" : Quote;
}

void forEachAwait(const Stmt &Root, const Stmt *Skip,
                  llvm::function_ref<void(const Expr &Operand)> Visit) {
  AwaitFinder(Skip, Visit).TraverseStmt(const_cast<Stmt *>(&Root));
}

bool mentions(const Stmt &Root, const Stmt *Target, const Decl *Var) {
  MentionFinder Finder(Target, Var);
  Finder.TraverseStmt(const_cast<Stmt *>(&Root));
  return Finder.Found;
}

} // namespace corolint
