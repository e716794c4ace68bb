//===--- NestedRunCheck.cpp - async-nested-run, by name -------------------===//
//
// A call whose name may denote one of RunFunctions inside a coroutine,
// directly or through plain helpers this file defines; and a free runner
// called in a loop over items, which builds a new event loop per item.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"
#include "driver/fast/LoopDependence.h"

#include "checks/utils/Messages.h"
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

class NestedRunCheck : public FastCheck {
public:
  NestedRunCheck(NameList Runners, unsigned HelperDepth)
      : Runners(std::move(Runners)), HelperDepth(HelperDepth) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Runners); }
  void triggers(std::vector<std::vector<std::string>> &Words) const override {
    Runners.addTriggers(Words); // a runner per item, in any function
  }

  void check(const CheckContext &Context) const override {
    HelperSearch Helpers(Context,
                         [&](const CallSite &Call) { return calleeListed(Call, Runners) != nullptr; });
    for (const FunctionInfo &Function : Context.Model.Functions) {
      for (size_t Index : Function.Calls) {
        const CallSite &Call = Context.Model.Calls[Index];
        const std::string *Runner = calleeListed(Call, Runners);
        if (inFailureExpectingMacro(Call.Call, Function.Body, Context.Source))
          continue;
        if (Runner && Function.IsCoroutine) {
          Context.report(Name, Call.Call,
                         messages::nestedLoopRun(*Runner, displayName(Function)));
        } else if (Runner) {
          checkPerItem(Context, Function, Call, *Runner);
        } else if (Function.IsCoroutine) {
          HelperPath Path = Helpers.through(Call, HelperDepth);
          if (!Path.Helper)
            continue;
          const std::string *Reached = calleeListed(*Path.Target, Runners);
          Finding &Found = Context.report(
              Name, Call.Call,
              messages::nestedRunThroughHelper(Path.Helper->Name, displayName(Function), *Reached));
          Context.note(Found, Path.Target->Call, "'" + *Reached + "' runs a loop here");
        }
      }
    }
  }

private:
  void checkPerItem(const CheckContext &Context, const FunctionInfo &Function,
                    const CallSite &Run, const std::string &Runner) const {
    for (TSNode Loop : enclosingLoops(Run.Call, Function.Body)) {
      std::string Subject = perItemSubject(loopSize(Loop, Context.Source));
      if (Subject.empty() || configuredPerIteration(Run.Call, Loop, Context.Source) ||
          repeatsWithoutItems(Loop, Context.Source))
        continue;
      Finding &Found = Context.report(Name, Run.Call, messages::runPerItem(Runner, Subject));
      Context.note(Found, Loop, "the loop is here");
      return;
    }
  }

  NameList Runners;
  unsigned HelperDepth;
};

} // namespace

std::unique_ptr<FastCheck> makeNestedRunCheck(const Options &Opts) {
  auto Read = readOptions<NestedRunOptions>(Opts, Name);
  if (Read.RunFunctions.Names.empty())
    return nullptr;
  return std::make_unique<NestedRunCheck>(std::move(Read.RunFunctions.Names), Read.HelperDepth);
}

} // namespace corolint::fast
