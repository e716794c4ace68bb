//===--- DroppedExceptionCheck.cpp - async-dropped-exception, by name -----===//
//
// The syntactic part of the check: a call statement (or a call cast to void)
// to one of SpawnFunctions throws the handle, and with it the task's
// exception, away; and inside a coroutine, `catch (...) {}` with an empty
// body around a suspension point swallows every failure. Handles kept in
// variables need flow analysis: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/ExpectedFailures.h"
#include "checks/utils/Messages.h"
#include "checks/utils/SourceKind.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-dropped-exception";

class DroppedExceptionCheck : public FastCheck {
public:
  explicit DroppedExceptionCheck(NameList Spawns) : Spawns(std::move(Spawns)) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Spawns); }
  void triggers(std::vector<std::vector<std::string>> &Words) const override { Spawns.addTriggers(Words); }

  void check(const CheckContext &Context) const override {
    for (const CallSite &Call : Context.Model.Calls) {
      if (Call.Function == NoFunction)
        continue;
      if (const std::string *Spawn = calleeListed(Call, Spawns))
        if (isDiscarded(Call.Call, Context.Source))
          Context.report(Name, Call.Call, messages::handleDiscarded(*Spawn));
    }
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends)
        checkHandlers(Context, Function);
  }

private:
  void checkHandlers(const CheckContext &Context, const FunctionInfo &Function) const {
    // A synchronous generator (it yields, never awaits): what its handlers
    // catch was thrown by code that ran synchronously, not by an awaited operation.
    if (!containsOwn(Function.Body, {"co_await"}))
      return;
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (nodeType(Node) != "try_statement")
        return true;
      TSNode Block = childByField(Node, "body");
      if (ts_node_is_null(Block) || !containsOwn(Block, {"co_await", "co_yield"}))
        return true;
      forEachChild(Node, [&](TSNode Clause, const char *) {
        if (nodeType(Clause) != "catch_clause")
          return;
        TSNode Parameters = childByField(Clause, "parameters");
        TSNode Body = childByField(Clause, "body");
        if (compactText(Parameters, Context.Source) == "(...)" && handlerDoesNothing(Body) &&
            !failureExpected(Context, Node, Block, Body))
          Context.report(Name, Clause, messages::handlerSwallows(displayName(Function)));
      });
      return true;
    });
  }

  /// The code around the empty handler says the failure is expected or
  /// reported elsewhere (ExpectedFailures.h).
  static bool failureExpected(const CheckContext &Context, TSNode Try, TSNode Block,
                              TSNode Handler) {
    if (handlerExplains(nodeText(Handler, Context.Source)))
      return true;
    // Test code provokes failures on purpose (SourceKind.h).
    if (includesTestSupport(Context.Source))
      return true;
    TSNode Last = lastStatement(Block);
    if (!ts_node_is_null(Last) && assertsThrown(nodeText(Last, Context.Source)))
      return true;
    TSNode Next = nextStatement(Try);
    // At the end of a loop's body: what follows the loop.
    if (ts_node_is_null(Next) && isLoop(nodeType(parentOf(parentOf(Try)))))
      Next = nextStatement(parentOf(parentOf(Try)));
    return !ts_node_is_null(Next) && reportsOutcome(nodeText(Next, Context.Source));
  }

  static TSNode nextStatement(TSNode Statement) {
    for (TSNode Next = ts_node_next_named_sibling(Statement); !ts_node_is_null(Next);
         Next = ts_node_next_named_sibling(Next))
      if (nodeType(Next) != "comment")
        return Next;
    return {};
  }

  static TSNode lastStatement(TSNode Block) {
    for (uint32_t I = namedChildCount(Block); I > 0; --I)
      if (nodeType(namedChild(Block, I - 1)) != "comment")
        return namedChild(Block, I - 1);
    return {};
  }

  NameList Spawns;
};

} // namespace

std::unique_ptr<FastCheck> makeDroppedExceptionCheck(const Options &Opts) {
  return std::make_unique<DroppedExceptionCheck>(
      std::move(readOptions<DroppedExceptionOptions>(Opts, Name).SpawnFunctions.Names));
}

} // namespace corolint::fast
