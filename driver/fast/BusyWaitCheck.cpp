//===--- BusyWaitCheck.cpp - async-busy-wait, from the syntax -------------===//
//
// The fast engine's side of checks/model/PollingLoop.h: a loop of a
// coroutine described from the syntax tree (variables and members named as
// written), judged by the same rule as the full engine's.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/PollingLoop.h"
#include "checks/model/Quoting.h"
#include "checks/utils/Messages.h"
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
std::string calledName(TSNode Call, std::string_view Source) {
  TSNode Callee = childByField(Call, "function");
  if (nodeType(Callee) == "field_expression")
    return std::string(nodeText(childByField(Callee, "field"), Source));
  std::optional<WrittenName> Name = writtenName(Callee, Source);
  return Name ? std::string(Name->last()) : std::string();
}

/// A variable or member as written: what `++polls` counts in, what `polls < 10` reads.
bool namesVariable(TSNode Node) {
  std::string_view Type = nodeType(Node);
  return Type == "identifier" || Type == "field_expression" || Type == "qualified_identifier";
}

bool awaits(TSNode Node) { return containsOwn(Node, {"co_await_expression", "co_await"}); }

PollCondition describeCondition(TSNode Condition, std::string_view Source) {
  PollCondition Out;
  Out.Text = quoteForMessage(nodeText(Condition, Source));
  Out.Awaits = awaits(Condition);
  forEachOwnNode(Condition, [&](TSNode Node) {
    if (namesVariable(Node))
      Out.Reads.emplace_back(nodeText(Node, Source));
    return true;
  });
  return Out;
}

/// `++polls`, `waited += step`: the target, or a null node.
TSNode countedTarget(TSNode Expression, std::string_view Source) {
  TSNode Target;
  if (nodeType(Expression) == "update_expression") {
    Target = childByField(Expression, "argument");
  } else if (nodeType(Expression) == "assignment_expression") {
    std::string_view Operator = nodeText(childByField(Expression, "operator"), Source);
    if (Operator == "+=" || Operator == "-=")
      Target = childByField(Expression, "left");
  }
  return namesVariable(Target) ? Target : TSNode{};
}

class Describer {
public:
  Describer(const CheckContext &Context, std::vector<TSNode> &Anchors)
      : Context(Context), Anchors(Anchors) {}

  PollStatement statement(TSNode Statement) const {
    PollStatement Out;
    std::string_view Type = nodeType(Statement);
    if (Type == "comment" || (Type == "expression_statement" && namedChildCount(Statement) == 0)) {
      Out.Kind = PollStatement::Shape::Nothing;
      return Out;
    }
    if (Type == "if_statement") {
      if (!exit(Statement, Out))
        Out = PollStatement();
      return Out;
    }
    if (Type != "expression_statement")
      return Out;
    Out.Awaits = awaits(Statement);
    TSNode Expression = namedChild(Statement, 0);
    std::string_view ExpressionType = nodeType(Expression);
    if (ExpressionType == "co_await_expression") {
      TSNode Call = childByField(Expression, "argument");
      for (const CallSite &Site : Context.Model.Calls)
        if (nodeType(Call) == "call_expression" && ts_node_eq(Site.Call, Call)) {
          Out.Kind = PollStatement::Shape::AwaitedCall;
          Out.Callee = Site.Candidates;
          Out.Anchor = Anchors.size();
          Anchors.push_back(Call);
        }
    } else if (!ts_node_is_null(countedTarget(Expression, Context.Source))) {
      Out.Kind = PollStatement::Shape::Increment;
    } else if (ExpressionType == "call_expression") {
      Out.Kind = PollStatement::Shape::Call;
      Out.CalledName = calledName(Expression, Context.Source);
    } else {
      streamWrite(Expression, Out);
    }
    return Out;
  }

  std::vector<std::string> written(TSNode Loop) const {
    std::vector<std::string> Written;
    forEachOwnNode(Loop, [&](TSNode Node) {
      std::string_view Type = nodeType(Node);
      TSNode Target = Type == "update_expression"       ? childByField(Node, "argument")
                      : Type == "assignment_expression" ? childByField(Node, "left")
                                                        : TSNode{};
      if (namesVariable(Target))
        Written.emplace_back(nodeText(Target, Context.Source));
      return true;
    });
    return Written;
  }

private:
  /// `if (c) break;` (or return / co_return), no else, perhaps after a log
  /// line (`if (c) { log("done"); break; }`).
  bool exit(TSNode If, PollStatement &Out) const {
    if (!ts_node_is_null(childByField(If, "alternative")))
      return false;
    TSNode Condition = childByField(If, "condition");
    if (!ts_node_is_null(childByField(Condition, "initializer")))
      return false;
    TSNode Then = childByField(If, "consequence");
    if (nodeType(Then) == "compound_statement") {
      uint32_t Count = namedChildCount(Then);
      if (Count == 0)
        return false;
      for (uint32_t I = 0; I + 1 < Count; ++I)
        Out.Before.push_back(statement(namedChild(Then, I)));
      Then = namedChild(Then, Count - 1);
    }
    std::string_view Type = nodeType(Then);
    if (Type != "break_statement" && Type != "return_statement" && Type != "co_return_statement")
      return false;
    Out.Kind = PollStatement::Shape::ExitIf;
    Out.Exit = describeCondition(unwrapCondition(Condition), Context.Source);
    return true;
  }

  /// `std::cout << ...`, `LOG(INFO) << ...`, `qDebug() << ...`.
  void streamWrite(TSNode Expression, PollStatement &Out) const {
    TSNode Left = Expression;
    for (unsigned Depth = 0; Depth < 64 && nodeType(Left) == "binary_expression" &&
                             nodeText(childByField(Left, "operator"), Context.Source) == "<<";
         ++Depth)
      Left = childByField(Left, "left");
    if (ts_node_eq(Left, Expression))
      return; // not a `<<` at all
    Out.Kind = PollStatement::Shape::StreamWrite;
    if (nodeType(Left) == "call_expression")
      Out.CalledName = calledName(Left, Context.Source);
    else if (std::optional<WrittenName> Name = writtenName(Left, Context.Source))
      Out.StreamHead = std::string(Name->last());
  }

  const CheckContext &Context;
  std::vector<TSNode> &Anchors;
};

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
  void checkLoop(const CheckContext &Context, TSNode Loop) const {
    std::vector<TSNode> Anchors;
    Describer Describe(Context, Anchors);
    PollLoop Described;
    Described.Steps = nodeType(Loop) == "for_statement" &&
                      !ts_node_is_null(childByField(Loop, "update"));
    TSNode Condition = unwrapCondition(childByField(Loop, "condition"));
    std::string_view ConditionType = nodeType(Condition);
    if (!ts_node_is_null(Condition) && ConditionType != "true" &&
        ConditionType != "number_literal" && ConditionType != "declaration")
      Described.Condition = describeCondition(Condition, Context.Source);
    TSNode Body = loopBody(Loop);
    if (nodeType(Body) == "compound_statement") {
      for (uint32_t I = 0; I < namedChildCount(Body); ++I)
        Described.Body.push_back(Describe.statement(namedChild(Body, I)));
    } else if (!ts_node_is_null(Body)) {
      Described.Body.push_back(Describe.statement(Body));
    }
    Described.Written = Describe.written(Loop);
    std::optional<Polling> Found = pollingLoop(Described, Sleeps);
    if (!Found)
      return;
    Finding &Reported = Context.report(
        Name, Loop, messages::busyWait(Found->Condition->Text, Found->SleepName, Event));
    Context.note(Reported, Anchors[Found->Sleep->Anchor], "it sleeps here between polls");
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
