//===--- BusyWaitCheck.cpp - async-busy-wait, from the syntax -------------===//
//
// checks/utils/Polling.h's rule on the syntax tree: a loop in a coroutine
// whose body holds only awaited calls to SleepFunctions and `if (c) break;`
// (or return / co_return) statements, whose conditions await nothing and
// write nothing (no counter the loop advances).
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-busy-wait";

/// The node under a condition_clause or parentheses.
TSNode unwrapCondition(TSNode Condition) {
  while (nodeType(Condition) == "condition_clause" ||
         nodeType(Condition) == "parenthesized_expression") {
    TSNode Value = childByField(Condition, "value");
    Condition = ts_node_is_null(Value) ? namedChild(Condition, 0) : Value;
    if (ts_node_is_null(Condition))
      break;
  }
  return Condition;
}

/// `if (c) break;` (or return / co_return), no else: the condition it exits on.
TSNode exitCondition(TSNode Statement) {
  if (nodeType(Statement) != "if_statement" ||
      !ts_node_is_null(childByField(Statement, "alternative")))
    return {};
  TSNode Then = childByField(Statement, "consequence");
  if (nodeType(Then) == "compound_statement")
    Then = namedChildCount(Then) == 1 ? namedChild(Then, 0) : TSNode{};
  std::string_view Type = nodeType(Then);
  if (Type != "break_statement" && Type != "return_statement" && Type != "co_return_statement")
    return {};
  return unwrapCondition(childByField(Statement, "condition"));
}

bool writesOrAwaits(TSNode Node) {
  bool Found = false;
  forEachOwnNode(Node, [&](TSNode Child) {
    std::string_view Type = nodeType(Child);
    Found |= Type == "update_expression" || Type == "assignment_expression" ||
             Type == "co_await_expression" || Type == "co_await";
    return !Found;
  });
  return Found;
}

class BusyWaitCheck : public FastCheck {
public:
  BusyWaitCheck(NameList Sleeps, std::string Event)
      : Sleeps(std::move(Sleeps)), Event(std::move(Event)) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Sleeps); }

  void check(const CheckContext &Context) const override {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends)
        forEachOwnNode(Function.Body, [&](TSNode Node) {
          if (isLoop(nodeType(Node)) && nodeType(Node) != "for_range_loop")
            checkLoop(Context, Node);
          return true;
        });
  }

private:
  /// The awaited sleep call when \p Statement is `co_await sleep(...);`.
  const CallSite *sleepStatement(const CheckContext &Context, TSNode Statement,
                                 const std::string *&SleepName) const {
    if (nodeType(Statement) != "expression_statement")
      return nullptr;
    TSNode Await = namedChild(Statement, 0);
    if (nodeType(Await) != "co_await_expression")
      return nullptr;
    TSNode Call = childByField(Await, "argument");
    if (nodeType(Call) != "call_expression")
      return nullptr;
    for (const CallSite &Site : Context.Model.Calls)
      if (ts_node_eq(Site.Call, Call))
        if ((SleepName = calleeListed(Site, Sleeps)))
          return &Site;
    return nullptr;
  }

  void checkLoop(const CheckContext &Context, TSNode Loop) const {
    std::string_view Type = nodeType(Loop);
    if (Type == "for_statement" && !ts_node_is_null(childByField(Loop, "update")))
      return; // the loop steps something itself: a counter
    TSNode Body = loopBody(Loop);
    std::vector<TSNode> Conditions;
    TSNode LoopCondition = unwrapCondition(childByField(Loop, "condition"));
    if (!ts_node_is_null(LoopCondition) && nodeType(LoopCondition) != "true" &&
        nodeType(LoopCondition) != "number_literal" && nodeType(LoopCondition) != "declaration")
      Conditions.push_back(LoopCondition);
    std::vector<TSNode> Statements;
    if (nodeType(Body) == "compound_statement") {
      for (uint32_t I = 0; I < namedChildCount(Body); ++I)
        Statements.push_back(namedChild(Body, I));
    } else if (!ts_node_is_null(Body)) {
      Statements.push_back(Body);
    }
    const CallSite *Sleep = nullptr;
    const std::string *SleepName = nullptr;
    for (TSNode Statement : Statements) {
      std::string_view StatementType = nodeType(Statement);
      if (StatementType == "comment" || (StatementType == "expression_statement" &&
                                         namedChildCount(Statement) == 0))
        continue;
      const std::string *Name = nullptr;
      if (const CallSite *Found = sleepStatement(Context, Statement, Name)) {
        if (!Sleep) {
          Sleep = Found;
          SleepName = Name;
        }
        continue;
      }
      TSNode Exit = exitCondition(Statement);
      if (ts_node_is_null(Exit))
        return; // real work between the polls
      Conditions.push_back(Exit);
    }
    if (!Sleep || Conditions.empty())
      return;
    for (TSNode Condition : Conditions)
      if (writesOrAwaits(Condition))
        return;
    Finding &Found = Context.report(
        Name, Loop, messages::busyWait(Context.text(Conditions.front()), *SleepName, Event));
    Context.note(Found, Sleep->Call, "it sleeps here between polls");
  }

  NameList Sleeps;
  std::string Event;
};

} // namespace

std::unique_ptr<FastCheck> makeBusyWaitCheck(const Options &Opts) {
  NameList Sleeps = listOption(Opts, Name, "SleepFunctions", &ProfileData::SleepFunctions);
  if (Sleeps.empty())
    return nullptr;
  return std::make_unique<BusyWaitCheck>(
      std::move(Sleeps), listOption(Opts, Name, "EventTypes", &ProfileData::EventTypes).firstSpelling());
}

} // namespace corolint::fast
