//===--- SequentialAwaitCheck.cpp - async-sequential-await, from the syntax ===//
//
// The full check's rule on the syntax tree: a loop of known size in a
// coroutine whose body awaits only fresh tasks (calls of functions this file
// declares with a return type in TaskTypes, also under SpawnFunctions and
// TimeoutWrappers), with no data dependence between iterations as
// LoopDependence reads it by name. A method call is only fresh work when
// its object is made anew each iteration: without types, any other method
// may serialize its calls (a queue's get(), a connection's send()).
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"
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
  SequentialAwaitCheck(NameList TaskTypes, NameList Spawns, NameList Gathers, NameList Timeouts,
                       NameList Sleeps)
      : TaskTypes(std::move(TaskTypes)), Spawns(std::move(Spawns)), Gathers(std::move(Gathers)),
        Timeouts(std::move(Timeouts)), Sleeps(std::move(Sleeps)),
        Gather(this->Gathers.firstSpelling()) {}

  void request(ScanRequest &Request) const override {
    for (const NameList *List : {&TaskTypes, &Spawns, &Gathers, &Timeouts, &Sleeps})
      requestNames(Request, *List);
  }

  void check(const CheckContext &Context) const override {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends)
        for (const LoopAwaits &Loop : loopAwaits(Function.Body))
          // Awaits in the condition, or in an inner loop (which is judged on its own).
          if (!Loop.Awaits.empty() && Loop.Awaits.size() == Loop.AwaitsInside && !Loop.Yields)
            checkLoop(Context, Loop.Loop, Loop.Awaits);
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

  void checkLoop(const CheckContext &Context, TSNode Loop,
                 const std::vector<TSNode> &Awaits) const {
    TSNode Body = loopBody(Loop);
    // A loop of unknown length (a server's accept loop, a consumer) paces itself
    // by events; so does `for co_await`, whose elements arrive one at a time.
    if (ts_node_is_null(Body) || isForCoAwait(Loop, Context.Source))
      return;
    LoopSize Size = loopSize(Loop, Context.Source);
    // Iterations that repeat the same await (a benchmark's, a retry's) have no
    // items to gather: the sequence is the point.
    if (!isGatherable(Size) || repeatsWithoutItems(Loop, Context.Source))
      return;

    LoopDependence Dependence(Loop, Context.Source, [&](TSNode Call, uint32_t Index) {
      return mayChangeArgument(Context.Model, Call, Index, Context.Source);
    });
    std::optional<FreshTask> First;
    for (TSNode Await : Awaits) {
      TSNode Operand = childByField(Await, "argument");
      std::optional<FreshTask> Task = freshTask(Context, Operand);
      if (!Task || sharesAnObject(Context, Dependence, Task->Call) ||
          Dependence.readsCarriedState(Operand))
        return;
      if (!First)
        First = std::move(Task);
    }
    if (Dependence.continuationDependsOnBody() || Dependence.exitsEarly())
      return;

    Finding &Found = Context.report(
        Name, Awaits.front(),
        messages::sequentialAwait(First->Callee,
                                  messages::awaitFrequency(phraseKind(Size), Size.Source, Size.Iterations),
                                  Gather));
    Context.note(Found, Loop, messages::sequentialAwaitRewrite(Gather, TaskTypes.firstSpelling()));
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

  NameList TaskTypes, Spawns, Gathers, Timeouts, Sleeps;
  std::string Gather;
};

} // namespace

std::unique_ptr<FastCheck> makeSequentialAwaitCheck(const Options &Opts) {
  auto Read = readOptions<SequentialAwaitOptions>(Opts, Name);
  if (Read.TaskTypes.Names.empty())
    return nullptr;
  return std::make_unique<SequentialAwaitCheck>(
      std::move(Read.TaskTypes.Names), std::move(Read.SpawnFunctions.Names),
      std::move(Read.GatherFunctions.Names), std::move(Read.TimeoutWrappers.Names),
      std::move(Read.SleepFunctions.Names));
}

} // namespace corolint::fast
