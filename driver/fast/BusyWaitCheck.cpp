//===--- BusyWaitCheck.cpp - async-busy-wait, from the syntax -------------===//
//
// checks/utils/Polling.h's rule on the syntax tree: a loop in a coroutine
// whose body holds only awaited calls to SleepFunctions, `if (c) break;`
// (or return / co_return) statements and bookkeeping (a log line, `++polls`),
// whose conditions await nothing, write nothing and read no counter the loop
// advances.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"
#include "checks/utils/Reporting.h"
#include "driver/fast/NameLookup.h"

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

/// The name a call is made by, as written: `log`, `info` of `logger.info`,
/// `print` of `fmt::print`.
std::string_view calledName(TSNode Call, std::string_view Source) {
  TSNode Callee = childByField(Call, "function");
  if (nodeType(Callee) == "field_expression")
    return nodeText(childByField(Callee, "field"), Source);
  std::optional<WrittenName> Name = writtenName(Callee, Source);
  return Name ? Name->last() : std::string_view();
}

/// The variable `++polls` or `waited += step` counts in; a null node otherwise.
TSNode countedVariable(TSNode Expression, std::string_view Source) {
  std::string_view Type = nodeType(Expression);
  TSNode Target;
  if (Type == "update_expression") {
    Target = childByField(Expression, "argument");
  } else if (Type == "assignment_expression") {
    std::string_view Operator = nodeText(childByField(Expression, "operator"), Source);
    if (Operator == "+=" || Operator == "-=")
      Target = childByField(Expression, "left");
  }
  std::string_view TargetType = nodeType(Target);
  return TargetType == "identifier" || TargetType == "field_expression" ||
                 TargetType == "qualified_identifier"
             ? Target
             : TSNode{};
}

/// `std::cout << ...`, `LOG(INFO) << ...`, `qDebug() << ...`.
bool writesToReportingStream(TSNode Expression, std::string_view Source) {
  TSNode Left = Expression;
  for (unsigned Depth = 0; Depth < 64 && nodeType(Left) == "binary_expression" &&
                           nodeText(childByField(Left, "operator"), Source) == "<<";
       ++Depth)
    Left = childByField(Left, "left");
  if (ts_node_eq(Left, Expression))
    return false;
  if (nodeType(Left) == "call_expression")
    return isReportingName(calledName(Left, Source));
  std::optional<WrittenName> Name = writtenName(Left, Source);
  return Name && isReportingStream(Name->last());
}

bool awaits(TSNode Node) {
  bool Found = false;
  forEachOwnNode(Node, [&](TSNode Child) {
    Found |= nodeType(Child) == "co_await_expression" || nodeType(Child) == "co_await";
    return !Found;
  });
  return Found;
}

/// A statement that only counts or reports: `++polls;`, `waited += step;`, a
/// log line. A poll loop that also logs or counts is still a poll loop. What
/// it counts in goes to \p Counted.
bool isBookkeeping(TSNode Statement, std::string_view Source, std::vector<TSNode> &Counted) {
  if (nodeType(Statement) != "expression_statement" || awaits(Statement))
    return false;
  TSNode Expression = namedChild(Statement, 0);
  if (TSNode Counter = countedVariable(Expression, Source); !ts_node_is_null(Counter)) {
    Counted.push_back(Counter);
    return true;
  }
  if (nodeType(Expression) == "call_expression")
    return isReportingName(calledName(Expression, Source));
  return writesToReportingStream(Expression, Source);
}

/// `if (c) break;` (or return / co_return), no else, perhaps after a log
/// line (`if (c) { log("done"); break; }`): the condition it exits on.
TSNode exitCondition(TSNode Statement, std::string_view Source, std::vector<TSNode> &Counted) {
  if (nodeType(Statement) != "if_statement" ||
      !ts_node_is_null(childByField(Statement, "alternative")))
    return {};
  TSNode Then = childByField(Statement, "consequence");
  if (nodeType(Then) == "compound_statement") {
    uint32_t Count = namedChildCount(Then);
    if (Count == 0)
      return {};
    for (uint32_t I = 0; I + 1 < Count; ++I)
      if (!isBookkeeping(namedChild(Then, I), Source, Counted))
        return {};
    Then = namedChild(Then, Count - 1);
  }
  std::string_view Type = nodeType(Then);
  if (Type != "break_statement" && Type != "return_statement" && Type != "co_return_statement")
    return {};
  return unwrapCondition(childByField(Statement, "condition"));
}

/// \p Condition names one of \p Counted: the loop drives it (`while (polls < 10)`).
bool readsCounter(TSNode Condition, const std::vector<TSNode> &Counted, std::string_view Source) {
  bool Found = false;
  forEachOwnNode(Condition, [&](TSNode Node) {
    for (TSNode Counter : Counted)
      Found |= nodeText(Node, Source) == nodeText(Counter, Source);
    return !Found;
  });
  return Found;
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
    std::vector<TSNode> Counted;
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
      TSNode Exit = exitCondition(Statement, Context.Source, Counted);
      if (!ts_node_is_null(Exit)) {
        Conditions.push_back(Exit);
        continue;
      }
      if (!isBookkeeping(Statement, Context.Source, Counted))
        return; // real work between the polls
    }
    if (!Sleep || Conditions.empty())
      return;
    for (TSNode Condition : Conditions)
      if (writesOrAwaits(Condition) || readsCounter(Condition, Counted, Context.Source))
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
  auto Read = readOptions<BusyWaitOptions>(Opts, Name);
  if (Read.SleepFunctions.Names.empty())
    return nullptr;
  return std::make_unique<BusyWaitCheck>(std::move(Read.SleepFunctions.Names),
                                         Read.EventTypes.firstSpelling());
}

} // namespace corolint::fast
