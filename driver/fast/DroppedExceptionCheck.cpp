//===--- DroppedExceptionCheck.cpp - async-dropped-exception, by name -----===//
//
// The syntactic part of the check: a call statement (or a call cast to void)
// to one of SpawnFunctions throws the handle, and with it the task's
// exception, away; and the handler rule of checks/model/SwallowingHandler,
// each handler of a coroutine described from the syntax (a handler "does
// nothing" when its body is empty or only continues or breaks). Handles kept
// in variables need flow analysis: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/SwallowingHandler.h"
#include "checks/utils/Messages.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-dropped-exception";

TSNode nextStatement(TSNode Statement) {
  for (TSNode Next = ts_node_next_named_sibling(Statement); !ts_node_is_null(Next);
       Next = ts_node_next_named_sibling(Next))
    if (nodeType(Next) != "comment")
      return Next;
  return {};
}

TSNode lastStatement(TSNode Block) {
  for (uint32_t I = namedChildCount(Block); I > 0; --I)
    if (nodeType(namedChild(Block, I - 1)) != "comment")
      return namedChild(Block, I - 1);
  return {};
}

/// A handler as the syntax shows it, for swallowingHandler().
class SyntaxHandler : public SwallowingHandlerFacts {
public:
  SyntaxHandler(const CheckContext &Context, const FunctionInfo &Function, bool Awaits,
                const NameList &CancelledTypes, TSNode Try, TSNode Clause)
      : Context(Context), Function(Function), Awaits(Awaits), CancelledTypes(CancelledTypes),
        Try(Try), Block(childByField(Try, "body")), Clause(Clause),
        Body(childByField(Clause, "body")) {}

  bool trySuspends() override {
    Suspension = ts_node_is_null(Block) ? TSNode{} : firstOwn(Block, {"co_await", "co_yield"});
    return !ts_node_is_null(Suspension);
  }
  bool coroutineAwaits() override { return Awaits; }
  bool catchesCancellation() override {
    TSNode Parameters = childByField(Clause, "parameters");
    for (uint32_t I = 0; I < namedChildCount(Parameters); ++I)
      if (typeListed(namedChild(Parameters, I), Context.Model, CancelledTypes))
        return true;
    return false;
  }
  bool doesNothing() override { return handlerDoesNothing(Body); }
  std::string_view handlerText() override { return nodeText(Body, Context.Source); }
  std::string_view fileText() override { return Context.Source; }
  std::string_view lastTryStatement() override { return text(lastStatement(Block)); }
  std::string_view nextStatement() override {
    TSNode Next = fast::nextStatement(Try);
    // At the end of a loop's body: what follows the loop.
    if (ts_node_is_null(Next) && isLoop(nodeType(parentOf(parentOf(Try)))))
      Next = fast::nextStatement(parentOf(parentOf(Try)));
    return text(Next);
  }
  std::string coroutine() override { return std::string(displayName(Function)); }

  TSNode Suspension{}; ///< trySuspends' answer

private:
  std::string_view text(TSNode Node) const {
    return ts_node_is_null(Node) ? std::string_view() : nodeText(Node, Context.Source);
  }

  const CheckContext &Context;
  const FunctionInfo &Function;
  bool Awaits;
  const NameList &CancelledTypes;
  TSNode Try, Block, Clause, Body;
};

class DroppedExceptionCheck : public FastCheck {
public:
  DroppedExceptionCheck(NameList Spawns, NameList CancelledTypes)
      : Spawns(std::move(Spawns)), CancelledTypes(std::move(CancelledTypes)) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, Spawns);
    requestNames(Request, CancelledTypes);
  }
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
    bool Awaits = containsOwn(Function.Body, {"co_await"});
    forEachOwnNode(Function.Body, [&](TSNode Try) {
      if (nodeType(Try) == "try_statement")
        forEachChild(Try, [&](TSNode Clause, const char *) {
          if (nodeType(Clause) != "catch_clause")
            return;
          SyntaxHandler Facts(Context, Function, Awaits, CancelledTypes, Try, Clause);
          if (std::optional<SwallowingHandler> Found = swallowingHandler(Facts)) {
            Finding &Reported = Context.report(Name, Clause, Found->Message);
            Context.note(Reported, Facts.Suspension, Found->Note);
          }
        });
      return true;
    });
  }

  NameList Spawns, CancelledTypes;
};

} // namespace

std::unique_ptr<FastCheck> makeDroppedExceptionCheck(const Options &Opts) {
  auto Read = readOptions<DroppedExceptionOptions>(Opts, Name);
  return std::make_unique<DroppedExceptionCheck>(std::move(Read.SpawnFunctions.Names),
                                                 std::move(Read.CancelledTypes.Names));
}

} // namespace corolint::fast
