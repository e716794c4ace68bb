//===--- SequentialAwaitCheck.cpp - async-sequential-await, from the syntax ===//
//
// The rule is checks/model/GatherableLoop's; this describes each loop of a
// coroutine to it from the syntax tree. A fresh task is a call of a function
// this file declares with a return type in TaskTypes (also under
// SpawnFunctions and TimeoutWrappers); data dependence is LoopDependence's,
// by name. A method call is only fresh work when its object is made anew
// each iteration: without types, any other method may serialize its calls (a
// queue's get(), a connection's send()).
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/GatherableLoop.h"
#include "driver/fast/LoopDependence.h"
#include "driver/fast/NameLookup.h"

#include <vector>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-sequential-await";

TSNode stripParentheses(TSNode Node) {
  while (nodeType(Node) == "parenthesized_expression")
    Node = namedChild(Node, 0);
  return Node;
}

/// `for co_await (x : xs)`: tree-sitter-cpp 0.23 knows no such loop and
/// parses the keyword as an error before the parenthesis.
bool isForCoAwait(TSNode Loop, std::string_view Source) {
  bool Found = false;
  forEachChild(Loop, [&](TSNode Child, const char *) {
    Found |= nodeType(Child) == "ERROR" && nodeText(Child, Source) == "co_await";
  });
  return Found;
}

/// The awaited work: a call of a function that makes a new task.
struct FreshTask {
  TSNode Call{};
  std::string Callee; ///< its unqualified name, for the message
};

class SequentialAwaitCheck : public FastCheck {
public:
  explicit SequentialAwaitCheck(SequentialAwaitOptions Options)
      : Options(std::move(Options)), TaskTypes(this->Options.TaskTypes.Names),
        Spawns(this->Options.SpawnFunctions.Names), Gathers(this->Options.GatherFunctions.Names),
        Timeouts(this->Options.TimeoutWrappers.Names), Sleeps(this->Options.SleepFunctions.Names) {}

  void request(ScanRequest &Request) const override {
    for (const NameList *List : {&TaskTypes, &Spawns, &Gathers, &Timeouts, &Sleeps})
      requestNames(Request, *List);
  }

  void check(const CheckContext &Context) const override {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends)
        for (const LoopAwaits &Loop : loopAwaits(Function.Body)) {
          SyntaxLoopFacts Facts(*this, Context, Loop);
          if (std::optional<GatherableLoop> Found = gatherableLoop(Facts, Options)) {
            Finding &Reported = Context.report(Name, Loop.Awaits.front(), Found->Message);
            Context.note(Reported, Loop.Loop, Found->Note);
          }
        }
  }

private:
  /// A loop of a function and the awaits of its own body.
  struct LoopAwaits {
    TSNode Loop{};
    TSNode Once{}; ///< the init of a for, the range of a range-for: not repeated
    TSNode Body{};
    std::vector<TSNode> Awaits; ///< whose innermost loop is this one, in its body
    size_t AwaitsInside = 0;    ///< anywhere inside it
    bool Yields = false;
  };

  /// A loop of a coroutine as the syntax shows it, for gatherableLoop().
  class SyntaxLoopFacts : public GatherableLoopFacts {
  public:
    SyntaxLoopFacts(const SequentialAwaitCheck &Check, const CheckContext &Context,
                    const LoopAwaits &Loop)
        : Check(Check), Context(Context), Loop(Loop), Tasks(Loop.Awaits.size()) {}

    bool pacedByEvents() override { return isForCoAwait(Loop.Loop, Context.Source); }
    LoopSize size() override { return loopSize(Loop.Loop, Context.Source); }
    bool repeatsWithoutItems() override {
      return fast::repeatsWithoutItems(Loop.Loop, Context.Source);
    }
    std::size_t awaitCount() override { return Loop.Awaits.size(); }
    bool awaitsOutsideBody() override { return Loop.Awaits.size() != Loop.AwaitsInside; }
    bool yields() override { return Loop.Yields; }
    std::optional<std::string> freshTask(std::size_t I) override {
      Tasks[I] = Check.freshTask(Context, operand(I));
      if (!Tasks[I])
        return std::nullopt;
      return Tasks[I]->Callee;
    }
    bool sharesAnObject(std::size_t I) override {
      return SequentialAwaitCheck::sharesAnObject(Context, dependence(), Tasks[I]->Call);
    }
    bool readsCarriedState(std::size_t I) override {
      return dependence().readsCarriedState(operand(I));
    }
    bool continuationDependsOnBody() override { return dependence().continuationDependsOnBody(); }
    bool exitsEarly() override { return dependence().exitsEarly(); }

  private:
    TSNode operand(std::size_t I) const { return childByField(Loop.Awaits[I], "argument"); }
    const LoopDependence &dependence() {
      if (!Dependence)
        Dependence.emplace(Loop.Loop, Context.Source, [this](TSNode Call, uint32_t Index) {
          return mayChangeArgument(Context.Model, Call, Index, Context.Source);
        });
      return *Dependence;
    }

    const SequentialAwaitCheck &Check;
    const CheckContext &Context;
    const LoopAwaits &Loop;
    std::vector<std::optional<FreshTask>> Tasks; ///< freshTask's answers
    std::optional<LoopDependence> Dependence;
  };

  static bool contains(TSNode Outer, TSNode Inner) {
    return !ts_node_is_null(Outer) && ts_node_start_byte(Inner) >= ts_node_start_byte(Outer) &&
           ts_node_end_byte(Inner) <= ts_node_end_byte(Outer);
  }

  /// Every loop of \p FunctionBody in source order, in one walk: linear in
  /// the body. (A walk per loop, each asking every await for its enclosing
  /// loops, cost d^3 in a nest d deep: ts_node_parent costs the depth.)
  static std::vector<LoopAwaits> loopAwaits(TSNode FunctionBody) {
    std::vector<LoopAwaits> Loops;
    std::vector<size_t> Open; // indexes into Loops, outermost first
    forEachOwnNode(
        FunctionBody,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          if (isLoop(Type)) {
            Open.push_back(Loops.size());
            LoopAwaits &Loop = Loops.emplace_back();
            Loop.Loop = Node;
            Loop.Once = childByField(Node, Type == "for_range_loop" ? "right" : "initializer");
            Loop.Body = loopBody(Node);
          } else if (!Open.empty() && Type == "co_await_expression") {
            ++Loops[Open.back()].AwaitsInside;
            // As enclosingLoops(): the first loop out that repeats the await.
            for (auto It = Open.rbegin(); It != Open.rend(); ++It) {
              LoopAwaits &Loop = Loops[*It];
              if (contains(Loop.Once, Node))
                continue;
              if (contains(Loop.Body, Node))
                Loop.Awaits.push_back(Node);
              break;
            }
          } else if (!Open.empty() && (Type == "co_yield_statement" || Type == "co_yield")) {
            Loops[Open.back()].Yields = true;
          }
          return true;
        },
        [&](TSNode Node) {
          if (Open.empty() || !ts_node_eq(Node, Loops[Open.back()].Loop))
            return;
          const LoopAwaits &Closed = Loops[Open.back()];
          Open.pop_back();
          if (!Open.empty()) {
            Loops[Open.back()].AwaitsInside += Closed.AwaitsInside;
            Loops[Open.back()].Yields |= Closed.Yields;
          }
        });
    return Loops;
  }

  /// The call that makes the fresh task \p Operand awaits (`fetch(u)`, also
  /// under a spawn or a timeout wrapper), or nothing when the operand is
  /// anything else: a handle already running, a gather, a sleep, a lambda.
  std::optional<FreshTask> freshTask(const CheckContext &Context, TSNode Operand) const {
    TSNode Call = stripParentheses(Operand);
    if (nodeType(Call) != "call_expression")
      return std::nullopt;
    TSNode Callee = childByField(Call, "function");
    if (nodeType(Callee) == "field_expression") {
      std::string_view Method = nodeText(childByField(Callee, "field"), Context.Source);
      std::vector<size_t> Definitions = methodDefinitions(Context.Model, Method);
      if (Definitions.empty())
        return std::nullopt;
      for (size_t Index : Definitions)
        if (!typeListed(Context.Model.Functions[Index].ReturnType, Context.Model, TaskTypes))
          return std::nullopt;
      if (neverSuspends(Context.Model, Method))
        return std::nullopt;
      return FreshTask{Call, std::string(Method)};
    }
    const CallSite *Site = callSiteOf(Context.Model, Call);
    if (!Site || calleeListed(*Site, Gathers) || calleeListed(*Site, Sleeps))
      return std::nullopt;
    // `co_await create_task(fetch(u))`, `co_await wait_for(fetch(u), 1s)`,
    // `co_await timeout(1s, fetch(u))`: the work inside, whichever argument it is.
    if (calleeListed(*Site, Spawns) || calleeListed(*Site, Timeouts)) {
      TSNode Arguments = childByField(Call, "arguments");
      for (uint32_t I = 0; I < namedChildCount(Arguments); ++I)
        if (std::optional<FreshTask> Task = freshTask(Context, namedChild(Arguments, I)))
          return Task;
      return std::nullopt;
    }
    if (!taskProducer(*Site, Context.Model, TaskTypes, Context.Source))
      return std::nullopt;
    std::optional<WrittenName> Written = writtenName(Callee, Context.Source);
    if (!Written || neverSuspends(Context.Model, Written->last()))
      return std::nullopt;
    return FreshTask{Call, std::string(Written->last())};
  }

  /// Every function of this file named \p Name is a coroutine that never
  /// suspends: awaiting it runs its body to the end at once, so there are no
  /// waits to add up and nothing a gather could overlap (async_simple's
  /// demo_example/CountChar.cpp counts characters in CPU-only coroutines).
  static bool neverSuspends(const FileModel &Model, std::string_view Name) {
    bool Found = false;
    for (const FunctionInfo &Function : Model.Functions)
      if (!Function.IsLambda && Function.Name == Name) {
        if (!Function.IsCoroutine || Function.Suspends)
          return false;
        Found = true;
      }
    return Found;
  }

  /// Every iteration hands the call one object to change: the object of a
  /// method this file does not define const, or an lvalue argument the
  /// callee takes by non-const reference or pointer. Such calls usually
  /// must not overlap (one stream, one queue, one connection).
  static bool sharesAnObject(const CheckContext &Context, const LoopDependence &Dependence,
                             TSNode Call) {
    TSNode Callee = childByField(Call, "function");
    if (nodeType(Callee) == "field_expression" &&
        !Dependence.isPerIteration(childByField(Callee, "argument")) &&
        mayChangeArgument(Context.Model, Call, ObjectArgument, Context.Source))
      return true;
    TSNode Arguments = childByField(Call, "arguments");
    for (uint32_t I = 0; I < namedChildCount(Arguments); ++I) {
      TSNode Argument = stripParentheses(namedChild(Arguments, I));
      std::string_view Type = nodeType(Argument);
      // A temporary belongs to this call alone.
      if (Type != "identifier" && Type != "field_expression" && Type != "subscript_expression" &&
          Type != "pointer_expression")
        continue;
      if (mayChangeArgument(Context.Model, Call, I, Context.Source) &&
          !Dependence.isPerIteration(Argument))
        return true;
    }
    return false;
  }

  SequentialAwaitOptions Options;
  const NameList &TaskTypes, &Spawns, &Gathers, &Timeouts, &Sleeps;
};

} // namespace

std::unique_ptr<FastCheck> makeSequentialAwaitCheck(const Options &Opts) {
  auto Read = readOptions<SequentialAwaitOptions>(Opts, Name);
  if (Read.TaskTypes.Names.empty())
    return nullptr;
  return std::make_unique<SequentialAwaitCheck>(std::move(Read));
}

} // namespace corolint::fast
