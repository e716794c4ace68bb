//===--- UnboundedSpawnCheck.cpp - async-unbounded-spawn, from the syntax -===//
//
// A call to one of SpawnFunctions repeated by loops whose fan-out can grow
// (checks/model/SpawnFanout decides, as in full mode), when no semaphore is
// in sight: neither the loop body, nor the enclosing function, nor the
// spawned coroutine (when this file defines it) names one of SemaphoreTypes
// or calls `acquire`. Tasks collected in the loop and gathered after it need
// flow analysis: full mode only. When the spawned coroutine is defined in
// another file, the finding goes to the whole-program step, which drops it if
// that coroutine takes a semaphore (the file's summary says so).
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/SpawnFanout.h"
#include "checks/utils/Messages.h"
#include "checks/utils/SourceKind.h"
#include "driver/fast/NameLookup.h"
#include "driver/fast/Summaries.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-unbounded-spawn";

class UnboundedSpawnCheck : public FastCheck {
public:
  UnboundedSpawnCheck(NameList Spawns, NameList Semaphores, NameList Queues,
                      unsigned MaxStaticFanout, std::string Remedy, bool CrossFile)
      : Spawns(std::move(Spawns)), Semaphores(std::move(Semaphores)), Queues(std::move(Queues)),
        MaxStaticFanout(MaxStaticFanout), Remedy(std::move(Remedy)), CrossFile(CrossFile) {}

  bool summarizes() const override { return CrossFile && !Semaphores.empty(); }

  /// Every coroutine of the file, with whether it takes a semaphore (as
  /// bounded() judges it here): what it bounds when spawned elsewhere.
  void summarize(const CheckContext &Context) const override {
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    for (const FunctionInfo &Function : Context.Model.Functions) {
      if (!Function.IsCoroutine)
        continue;
      std::optional<FunctionSummary> Summary = Names.function(Function);
      if (!Summary)
        continue;
      Summary->Semaphores = SemaphoreUse{bounded(Context, Function.Definition), {}};
      Context.Summaries->Functions.push_back(std::move(*Summary));
    }
  }

  void request(ScanRequest &Request) const override {
    requestNames(Request, Spawns);
    requestNames(Request, Semaphores);
    requestNames(Request, Queues);
  }

  void triggers(std::vector<std::vector<std::string>> &Words) const override { Spawns.addTriggers(Words); }

  void check(const CheckContext &Context) const override {
    // A call of a plain function of the file that spawns (`start(url)`,
    // three calls deep) counts as the spawn it makes.
    HelperSearch Helpers(Context,
                         [&](const CallSite &Call) { return calleeListed(Call, Spawns) != nullptr; });
    for (const CallSite &Call : Context.Model.Calls) {
      if (Call.Function == NoFunction)
        continue;
      HelperPath Through;
      if (!calleeListed(Call, Spawns)) {
        Through = Helpers.through(Call, SpawnHelperDepth);
        if (!Through.Helper || &Context.Model.Functions[Call.Function] == Through.Helper)
          continue;
      }
      const CallSite &Spawn = Through.Target ? *Through.Target : Call;
      const FunctionInfo &Function = Context.Model.Functions[Call.Function];
      std::vector<TSNode> Loops = enclosingLoops(Call.Call, Function.Body);
      if (Loops.empty() || awaitedInTheLoop(Context, Call.Call, Loops.front()) ||
          batched(Loops) || feedsOnAQueue(Context, Function, Call))
        continue;
      // In test and benchmark code a counted fan-out is the chosen load.
      bool ChosenLoad = includesTestSupport(Context.Source) || includesBenchmarkSupport(Context.Source);
      std::vector<FanoutLoop> Described;
      for (TSNode Loop : Loops)
        Described.push_back({loopSize(Loop, Context.Source),
                             containsOwn(loopBody(Loop), {"co_await", "co_yield"})});
      std::optional<LoopSize> Fanout = unboundedFanout(Described, ChosenLoad, MaxStaticFanout);
      if (!Fanout)
        continue;
      // A semaphore created in the loop for each task bounds nothing.
      if (!perTaskSemaphore(Context, Loops.front(), Call) &&
          (bounded(Context, Function.Body, 3, Loops.front()) ||
           spawnedWorkIsBounded(Context, Spawn)))
        continue;
      std::string Message = unboundedSpawnMessage("creates", *Fanout, Remedy);
      if (Through.Helper) {
        Finding &Reported = Context.report(Name, Call.Call, std::move(Message));
        Context.note(Reported, Spawn.Call,
                     messages::spawnedInHelper(Through.Helper->Name, *calleeListed(Spawn, Spawns)));
      } else if (!askAcrossFiles(Context, Function, Call, Message)) {
        Context.report(Name, Call.Call, std::move(Message));
      }
    }
  }

private:
  /// `co_await spawn(...)`, or `auto h = spawn(...);` and `co_await h` in the
  /// same iteration: one task at a time, sequential rather than unbounded.
  static bool awaitedInTheLoop(const CheckContext &Context, TSNode Spawn, TSNode Loop) {
    TSNode Parent = parentOf(Spawn);
    if (nodeType(Parent) == "co_await_expression")
      return true;
    if (nodeType(Parent) != "init_declarator")
      return false;
    std::string_view Handle = nodeText(childByField(Parent, "declarator"), Context.Source);
    bool Awaited = false;
    // Awaited on every path: a statement of the loop body itself, not of a branch.
    TSNode Body = loopBody(Loop);
    for (uint32_t I = 0; I < namedChildCount(Body); ++I) {
      TSNode Await = namedChild(namedChild(Body, I), 0);
      if (nodeType(namedChild(Body, I)) == "expression_statement" &&
          nodeType(Await) == "co_await_expression" &&
          nodeText(childByField(Await, "argument"), Context.Source) == Handle)
        Awaited = true;
    }
    return Awaited;
  }

  /// An outer loop awaits between runs of the spawning loop: batches.
  static bool batched(const std::vector<TSNode> &Loops) {
    for (size_t I = 1; I < Loops.size(); ++I) {
      bool Awaits = false;
      forEachOwnNode(loopBody(Loops[I]), [&](TSNode Node) {
        if (ts_node_eq(Node, Loops[0]))
          return false;
        Awaits |= nodeType(Node) == "co_await";
        return !Awaits;
      });
      if (Awaits)
        return true;
    }
    return false;
  }

  /// The spawned work is handed a queue (QueueTypes) the function declares
  /// or takes: a pool of workers draining it, as many as the loop says.
  bool feedsOnAQueue(const CheckContext &Context, const FunctionInfo &Function,
                     const CallSite &Spawn) const {
    if (Queues.empty())
      return false;
    std::vector<std::string_view> QueueNames;
    traverse(
        Function.Definition,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          if (Type == "parameter_declaration" || Type == "declaration") {
            if (typeListed(childByField(Node, "type"), Context.Model, Queues)) {
              TSNode Declarator = childByField(Node, "declarator");
              while (!ts_node_is_null(childByField(Declarator, "declarator")))
                Declarator = childByField(Declarator, "declarator");
              if (nodeType(Declarator) != "identifier")
                Declarator = namedChild(Declarator, namedChildCount(Declarator) - 1);
              QueueNames.push_back(nodeText(Declarator, Context.Source));
            }
            return false;
          }
          return Type != "lambda_expression";
        },
        [](TSNode) {});
    bool Found = false;
    traverse(
        childByField(Spawn.Call, "arguments"),
        [&](TSNode Node) {
          if (nodeType(Node) == "identifier")
            for (std::string_view Name : QueueNames)
              Found |= nodeText(Node, Context.Source) == Name;
          return !Found;
        },
        [](TSNode) {});
    return Found;
  }

  /// A semaphore declared inside the loop is handed to the spawned work:
  /// each task gets its own.
  bool perTaskSemaphore(const CheckContext &Context, TSNode Loop, const CallSite &Spawn) const {
    std::vector<std::string_view> Local;
    forEachOwnNode(loopBody(Loop), [&](TSNode Node) {
      if (nodeType(Node) != "declaration")
        return true;
      if (typeListed(childByField(Node, "type"), Context.Model, Semaphores)) {
        TSNode Declarator = childByField(Node, "declarator");
        while (!ts_node_is_null(childByField(Declarator, "declarator")))
          Declarator = childByField(Declarator, "declarator");
        Local.push_back(nodeText(Declarator, Context.Source));
      }
      return false;
    });
    bool Passed = false;
    traverse(
        childByField(Spawn.Call, "arguments"),
        [&](TSNode Node) {
          if (nodeType(Node) == "identifier")
            for (std::string_view Name : Local)
              Passed |= nodeText(Node, Context.Source) == Name;
          return !Passed;
        },
        [](TSNode) {});
    return Passed;
  }

  /// \p Scope names a semaphore type or calls something named `acquire`,
  /// itself or in the functions of this file it calls (up to \p Depth deep);
  /// a semaphore type named inside \p Loop is created per task and does not count.
  bool bounded(const CheckContext &Context, TSNode Scope, unsigned Depth = 3,
               TSNode Loop = {}) const {
    bool Found = false;
    traverse(
        Scope,
        [&](TSNode Node) {
          if (Found || (!ts_node_is_null(Loop) && nodeType(Node) == "declaration" &&
                        ts_node_start_byte(Node) >= ts_node_start_byte(Loop) &&
                        ts_node_end_byte(Node) <= ts_node_end_byte(Loop)))
            return false;
          if (const std::vector<std::string> *Names = Context.Model.resolved(Node))
            Found |= Semaphores.firstListed(*Names) != nullptr;
          if (nodeType(Node) == "field_identifier")
            Found |= nodeText(Node, Context.Source).find("acquire") != std::string_view::npos;
          if (!Found && Depth > 0 && nodeType(Node) == "call_expression")
            for (const CallSite &Call : Context.Model.Calls)
              if (ts_node_eq(Call.Call, Node)) {
                for (const std::string &Candidate : Call.Candidates)
                  if (auto Defined = Context.Model.Definitions.find(Candidate);
                      Defined != Context.Model.Definitions.end())
                    for (size_t Callee : Defined->second)
                      if (!Found && !ts_node_eq(Context.Model.Functions[Callee].Body, Scope))
                        Found |= bounded(Context, Context.Model.Functions[Callee].Body, Depth - 1);
                break;
              }
          return !Found;
        },
        [](TSNode) {});
    return Found;
  }

  /// Leaves the finding \p Message at \p Spawn to the whole-program step
  /// when the spawned work calls functions this file does not define (one
  /// question each, the first few: one of them may take the bound); whether
  /// it did.
  bool askAcrossFiles(const CheckContext &Context, const FunctionInfo &Spawner,
                      const CallSite &Spawn, const std::string &Message) const {
    if (!Context.Summaries || !CrossFile)
      return false;
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    size_t Asked = 0;
    for (const CallSite *Inner : Names.callsInOrder(Spawner)) {
      if (Asked == MaxBoundQuestions)
        break;
      if (ts_node_start_byte(Inner->Call) <= ts_node_start_byte(Spawn.Call) ||
          ts_node_end_byte(Inner->Call) > ts_node_end_byte(Spawn.Call) ||
          !calleeDefinitions(Context.Model, *Inner, Context.Source).empty())
        continue;
      std::optional<OpenQuestion> Question =
          Names.question(*Inner, Spawner, ts_node_start_byte(Spawn.Call));
      if (!Question)
        continue;
      Question->Seeks = Sought::Bound;
      Question->Message = Message;
      Context.Summaries->Questions.push_back(std::move(*Question));
      ++Asked;
    }
    return Asked > 0;
  }

  /// `spawn(worker(sem, url))` where worker, defined here, takes a semaphore.
  bool spawnedWorkIsBounded(const CheckContext &Context, const CallSite &Spawn) const {
    for (const CallSite &Inner : Context.Model.Calls) {
      if (ts_node_start_byte(Inner.Call) <= ts_node_start_byte(Spawn.Call) ||
          ts_node_end_byte(Inner.Call) > ts_node_end_byte(Spawn.Call))
        continue;
      for (size_t Worker : calleeDefinitions(Context.Model, Inner, Context.Source))
        if (bounded(Context, Context.Model.Functions[Worker].Definition))
          return true;
    }
    return false;
  }

  NameList Spawns, Semaphores, Queues;
  unsigned MaxStaticFanout;
  std::string Remedy;
  bool CrossFile; ///< leave spawned work defined elsewhere to the whole program
};

} // namespace

std::unique_ptr<FastCheck> makeUnboundedSpawnCheck(const Options &Opts) {
  auto Read = readOptions<UnboundedSpawnOptions>(Opts, Name);
  if (Read.SpawnFunctions.Names.empty())
    return nullptr;
  std::string Remedy = messages::boundRemedy(
      Read.SemaphoreTypes.firstSpelling(), Read.TaskGroupTypes.firstSpelling(),
      Read.ConcurrencyLimitTypes.firstSpelling(), Read.BoundedGatherFunctions.firstSpelling());
  return std::make_unique<UnboundedSpawnCheck>(
      std::move(Read.SpawnFunctions.Names), std::move(Read.SemaphoreTypes.Names),
      std::move(Read.QueueTypes.Names), Read.MaxStaticFanout, std::move(Remedy), Read.CrossFile);
}

} // namespace corolint::fast
