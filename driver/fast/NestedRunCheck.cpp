//===--- NestedRunCheck.cpp - async-nested-run, by name -------------------===//
//
// The rule is checks/model/NestedRun's; this describes each call to it: a
// runner is a call whose name may denote one of RunFunctions, a helper a
// plain function this file defines. A coroutine's call of a helper defined
// elsewhere is a question for the whole-program step.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"
#include "driver/fast/LoopDependence.h"
#include "driver/fast/Summaries.h"

#include "checks/model/NestedRun.h"
#include "checks/utils/TestMacros.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-nested-run";

/// \p Run's options (an argument after the task) name a variable \p Loop declares: each
/// iteration asks for a differently configured loop, which one loop for all cannot give.
bool configuredPerIteration(TSNode Run, TSNode Loop, std::string_view Source) {
  TSNode Arguments = childByField(Run, "arguments");
  // Only the names the loop declares are asked for; what the body changes does not matter.
  LoopDependence Declared(Loop, Source, [](TSNode, uint32_t) { return false; });
  bool Found = false;
  for (uint32_t I = 1; I < namedChildCount(Arguments) && !Found; ++I)
    traverse(
        namedChild(Arguments, I),
        [&](TSNode Node) {
          if (nodeType(Node) == "identifier" && Declared.declares(nodeText(Node, Source)))
            Found = true;
          return !Found;
        },
        [](TSNode) {});
  return Found;
}

/// \p Call is in the argument of a test assertion that expects it to fail
/// (EXPECT_DEATH, EXPECT_THROW): the blocking run is what the test checks.
bool inFailureExpectingMacro(TSNode Call, TSNode Body, std::string_view Source) {
  for (TSNode Node = parentOf(Call); !ts_node_is_null(Node) && !ts_node_eq(Node, Body);
       Node = parentOf(Node))
    if (nodeType(Node) == "call_expression" &&
        expectsFailure(nodeText(childByField(Node, "function"), Source)))
      return true;
  return false;
}

/// A call as the syntax shows it, for nestedRun().
class SyntaxRunCall : public RunCallFacts {
public:
  SyntaxRunCall(const CheckContext &Context, const FunctionInfo &Function, const CallSite &Call,
                const NameList &Runners, HelperSearch &Helpers, unsigned HelperDepth)
      : Context(Context), Function(Function), Call(Call), Runners(Runners),
        Runner(calleeListed(Call, Runners)), Helpers(Helpers), HelperDepth(HelperDepth) {}

  std::string runner() override { return Runner ? *Runner : ""; }
  std::optional<std::string> coroutine() override {
    if (!Function.IsCoroutine)
      return std::nullopt;
    return std::string(displayName(Function));
  }
  bool notRunForReal() override {
    return inFailureExpectingMacro(Call.Call, Function.Body, Context.Source);
  }
  /// `loop.run_until_complete(...)`: a method called on an object.
  bool runsExistingLoop() override {
    return nodeType(childByField(Call.Call, "function")) == "field_expression";
  }
  std::size_t loopCount() override {
    Loops = enclosingLoops(Call.Call, Function.Body);
    return Loops.size();
  }
  LoopSize loopSize(std::size_t Loop) override { return fast::loopSize(Loops[Loop], Context.Source); }
  bool configuredPerIteration(std::size_t Loop) override {
    return fast::configuredPerIteration(Call.Call, Loops[Loop], Context.Source);
  }
  bool repeatsWithoutItems(std::size_t Loop) override {
    return fast::repeatsWithoutItems(Loops[Loop], Context.Source);
  }
  std::optional<HelperRunner> reachesRunner() override {
    Reached = Helpers.through(Call, HelperDepth);
    SearchedInVain = !Reached.Helper;
    if (!Reached.Helper)
      return std::nullopt;
    return HelperRunner{Reached.Helper->Name, *calleeListed(*Reached.Target, Runners)};
  }

  /// The coroutine's call reached no runner through this file's helpers.
  bool searchedInVain() const { return SearchedInVain; }

  TSNode noteNode(const NestedRun &Found) const {
    return Found.Where == NestedRun::NoteAt::Loop ? Loops[Found.NoteLoop] : Reached.Target->Call;
  }

private:
  const CheckContext &Context;
  const FunctionInfo &Function;
  const CallSite &Call;
  const NameList &Runners;
  const std::string *Runner; ///< the entry the call denotes, or null
  HelperSearch &Helpers;
  unsigned HelperDepth;
  std::vector<TSNode> Loops; ///< loopCount's answer
  HelperPath Reached;        ///< reachesRunner's answer
  bool SearchedInVain = false;
};

class NestedRunCheck : public FastCheck {
public:
  NestedRunCheck(NameList Runners, unsigned HelperDepth, bool CrossFile, bool Summarizes)
      : Runners(std::move(Runners)), HelperDepth(HelperDepth), CrossFile(CrossFile),
        Summarizes(Summarizes) {}

  bool summarizes() const override { return Summarizes; }

  /// Every named function of the file, with the calls of plain ones in
  /// source order: the runners they are, the names they may run. Only when
  /// async-blocking-call does not write the file's summaries (with runners).
  void summarize(const CheckContext &Context) const override {
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    Names.summarizeFile(
        *Context.Summaries, [](const FunctionInfo &, const std::string &) { return true; },
        [&](const FunctionInfo &Function) {
          std::vector<SummaryCall> Calls;
          for (const CallSite *Call : Names.callsInOrder(Function))
            if (std::optional<SummaryCall> Made = Names.call(*Call, Function, Runners))
              Calls.push_back(std::move(*Made));
          return Calls;
        });
  }

  void request(ScanRequest &Request) const override { requestNames(Request, Runners); }
  void triggers(std::vector<std::vector<std::string>> &Words) const override {
    Runners.addTriggers(Words); // a runner per item, in any function
  }

  void check(const CheckContext &Context) const override {
    HelperSearch Helpers(Context,
                         [&](const CallSite &Call) { return calleeListed(Call, Runners) != nullptr; });
    for (const FunctionInfo &Function : Context.Model.Functions)
      for (size_t Index : Function.Calls) {
        const CallSite &Call = Context.Model.Calls[Index];
        SyntaxRunCall Facts(Context, Function, Call, Runners, Helpers, HelperDepth);
        std::optional<NestedRun> Found = nestedRun(Facts);
        if (!Found) {
          if (Facts.searchedInVain())
            askAcrossFiles(Context, Function, Call);
          continue;
        }
        Finding &Reported = Context.report(Name, Call.Call, Found->Message);
        if (Found->Where != NestedRun::NoteAt::Nothing)
          Context.note(Reported, Facts.noteNode(*Found), Found->Note);
      }
    // Names the file does not declare: their bodies can only be elsewhere.
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.IsCoroutine)
        for (size_t Index : Function.OtherCalls)
          askAcrossFiles(Context, Function, Context.Model.OtherCalls[Index]);
  }

private:
  /// "Does what \p Call runs reach a loop runner, through helpers
  /// elsewhere?", for the whole-program step, when the caller collects.
  void askAcrossFiles(const CheckContext &Context, const FunctionInfo &Coroutine,
                      const CallSite &Call) const {
    if (!Context.Summaries || !CrossFile || HelperDepth == 0 || calleeListed(Call, Runners) ||
        inFailureExpectingMacro(Call.Call, Coroutine.Body, Context.Source))
      return;
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    std::optional<OpenQuestion> Question =
        Names.question(Call, Coroutine, ts_node_start_byte(Call.Call));
    if (!Question)
      return;
    Question->Seeks = Sought::Runner;
    Question->Depth = HelperDepth;
    Context.Summaries->Questions.push_back(std::move(*Question));
  }

  NameList Runners;
  unsigned HelperDepth;
  bool CrossFile; ///< ask across files, when the caller collects
  bool Summarizes; ///< write the file's summaries: async-blocking-call does not
};

} // namespace

std::unique_ptr<FastCheck> makeNestedRunCheck(const Options &Opts) {
  auto Read = readOptions<NestedRunOptions>(Opts, Name);
  if (Read.RunFunctions.Names.empty())
    return nullptr;
  // One check writes a file's summaries; async-blocking-call's have the runners too.
  auto Blocking = readOptions<BlockingCallOptions>(Opts, "async-blocking-call");
  bool BlockingSummarizes =
      Opts.enabled("async-blocking-call") && Blocking.CrossFile && Blocking.HelperDepth > 0;
  bool Asks = Read.CrossFile && Read.HelperDepth > 0;
  return std::make_unique<NestedRunCheck>(std::move(Read.RunFunctions.Names), Read.HelperDepth,
                                          Read.CrossFile, Asks && !BlockingSummarizes);
}

} // namespace corolint::fast
