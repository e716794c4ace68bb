//===--- CancellationSwallowedCheck.cpp - async-cancellation-swallowed ----===//
//
// The rule is checks/model/SwallowedCancellation's; this describes each
// handler of a try block in a coroutine to it. Types are matched by the name
// they are written with (NameLookup.h), so a base class of the cancellation
// exception is not seen: full mode only. A test assertion's own catch is
// inside its macro, which the syntax does not expand: it is never seen.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/SwallowedCancellation.h"

#include <algorithm>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-cancellation-swallowed";

class CancellationSwallowedCheck : public FastCheck {
public:
  CancellationSwallowedCheck(CancellationSwallowedOptions Options)
      : Options(std::move(Options)), CancelMethods(NameList(this->Options.CancelMethods).names()) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, Options.CancelledTypes.Names);
    requestNames(Request, Options.TaskTypes.Names);
  }

  void check(const CheckContext &Context) const override {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends)
        forEachOwnNode(Function.Body, [&](TSNode Try) {
          if (nodeType(Try) == "try_statement")
            forEachChild(Try, [&](TSNode Clause, const char *) {
              if (nodeType(Clause) == "catch_clause")
                checkHandler(Context, Function, Try, Clause);
            });
          return true;
        });
  }

private:
  /// A handler as the syntax shows it, for swallowedCancellation().
  class SyntaxHandler : public CancellationHandlerFacts {
  public:
    SyntaxHandler(const CancellationSwallowedCheck &Check, const CheckContext &Context,
                  const FunctionInfo &Function, TSNode Try, TSNode Clause)
        : Check(Check), Context(Context), Function(Function), Try(Try), Clause(Clause),
          Body(childByField(Clause, "body")) {}

    std::optional<std::string> caught() override {
      TSNode Parameters = childByField(Clause, "parameters");
      if (ts_node_is_null(Body))
        return std::nullopt;
      if (compactText(Parameters, Context.Source) == "(...)")
        return "...";
      for (uint32_t I = 0; I < namedChildCount(Parameters); ++I)
        if (const std::string *Listed = typeListed(namedChild(Parameters, I), Context.Model,
                                                   Check.Options.CancelledTypes.Names))
          return *Listed;
      return std::nullopt;
    }
    bool trySuspends() override {
      Suspension = firstOwn(childByField(Try, "body"), {"co_await", "co_yield"});
      return !ts_node_is_null(Suspension);
    }
    bool rethrows() override { return CancellationSwallowedCheck::rethrows(Context, Body); }
    bool doesNothing() override { return handlerDoesNothing(Body); }
    bool inLibraryTask() override {
      return typeListed(Function.ReturnType, Context.Model, Check.Options.TaskTypes.Names);
    }
    std::string coroutine() override { return std::string(displayName(Function)); }
    bool expectsThrow() override { return false; }
    bool passedOnLater() override { return rethrownLater(Context, Function, Try, Body); }
    bool awaitsOnlyWhatItCancelled() override { return Check.cancelledBefore(Context, Try); }

    TSNode Suspension{}; ///< trySuspends' answer

  private:
    const CancellationSwallowedCheck &Check;
    const CheckContext &Context;
    const FunctionInfo &Function;
    TSNode Try, Clause, Body;
  };

  void checkHandler(const CheckContext &Context, const FunctionInfo &Function, TSNode Try,
                    TSNode Clause) const {
    SyntaxHandler Facts(*this, Context, Function, Try, Clause);
    if (std::optional<SwallowedCancellation> Found = swallowedCancellation(Facts, Options)) {
      Finding &Reported = Context.report(Name, Clause, Found->Message);
      Context.note(Reported, Facts.Suspension, Found->Note);
    }
  }

  /// `throw` or `std::rethrow_exception(...)` in \p Handler.
  static bool rethrows(const CheckContext &Context, TSNode Handler) {
    bool Found = false;
    forEachOwnNode(Handler, [&](TSNode Node) {
      {
        std::string_view Type = nodeType(Node);
        if (Type == "throw_statement")
          Found = true;
        else if (Type == "call_expression") {
          std::string_view Callee = nodeText(childByField(Node, "function"), Context.Source);
          Found |= Callee.size() >= 17 && Callee.substr(Callee.size() - 17) == "rethrow_exception";
        }
      }
      return !Found;
    });
    return Found;
  }

  /// The handler records the exception in variables, and after the try one
  /// of them is passed on (`std::rethrow_exception(std::move(saved))`,
  /// `co_await coroutine::return_exception_ptr(saved)`, returned); or it
  /// stores it where it outlives the coroutine (a member, a variable the
  /// function does not declare: a capture by reference, a parameter).
  static bool rethrownLater(const CheckContext &Context, const FunctionInfo &Function,
                            TSNode Try, TSNode Handler) {
    std::vector<std::string_view> Recorded;
    bool HandedOut = false;
    forEachOwnNode(Handler, [&](TSNode Node) {
      if (nodeType(Node) == "assignment_expression" &&
          nodeText(childByField(Node, "right"), Context.Source).find("current_exception") !=
              std::string_view::npos) {
        TSNode Left = childByField(Node, "left");
        if (nodeType(Left) == "field_expression")
          HandedOut = true;
        else if (nodeType(Left) == "identifier") {
          std::string_view Variable = nodeText(Left, Context.Source);
          if (declaredIn(Context, Function.Body, Variable))
            Recorded.push_back(Variable);
          else
            HandedOut = true;
        }
      }
      return true;
    });
    if (HandedOut)
      return true;
    if (Recorded.empty())
      return false;
    uint32_t End = ts_node_end_byte(Try);
    bool Found = false;
    auto Passes = [&](TSNode Argument) {
      if (nodeType(Argument) == "call_expression") { // std::move(saved)
        std::string_view Callee = nodeText(childByField(Argument, "function"), Context.Source);
        if (Callee == "std::move" || Callee == "move")
          Argument = namedChild(childByField(Argument, "arguments"), 0);
      }
      for (std::string_view Name : Recorded)
        Found |= nodeText(Argument, Context.Source) == Name;
    };
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (Found || ts_node_end_byte(Node) <= End)
        return !Found && ts_node_end_byte(Node) > End;
      std::string_view Type = nodeType(Node);
      if (Type == "call_expression") {
        std::string_view Callee = nodeText(childByField(Node, "function"), Context.Source);
        if (handsExceptionOn(Callee))
          forEachChild(childByField(Node, "arguments"), [&](TSNode Argument, const char *) {
            if (ts_node_is_named(Argument))
              Passes(Argument);
          });
      } else if (Type == "return_statement" || Type == "co_return_statement") {
        if (namedChildCount(Node) > 0)
          Passes(namedChild(Node, 0));
      }
      return !Found;
    });
    return Found;
  }

  /// A declaration of \p Variable in \p Body (not a capture, member or parameter).
  static bool declaredIn(const CheckContext &Context, TSNode Body, std::string_view Variable) {
    bool Found = false;
    forEachOwnNode(Body, [&](TSNode Node) {
      if (nodeType(Node) == "declaration")
        forEachChild(Node, [&](TSNode Declarator, const char *Field) {
          if (!Field || std::string_view(Field) != "declarator")
            return;
          if (nodeType(Declarator) == "init_declarator")
            Declarator = childByField(Declarator, "declarator");
          Found |= nodeText(Declarator, Context.Source) == Variable;
        });
      return !Found;
    });
    return Found;
  }

  /// `h.cancel();` (a CancelMethods name) as a statement of the block that
  /// holds the try, before it, and the try awaits only such handles: the
  /// coroutine expects the exception of what it cancelled itself.
  bool cancelledBefore(const CheckContext &Context, TSNode Try) const {
    std::vector<std::string_view> Cancelled;
    for (TSNode Sibling = ts_node_prev_named_sibling(Try); !ts_node_is_null(Sibling);
         Sibling = ts_node_prev_named_sibling(Sibling)) {
      if (nodeType(Sibling) != "expression_statement")
        continue;
      TSNode Call = namedChild(Sibling, 0);
      if (nodeType(Call) == "cast_expression") // `(void)h.cancel();`
        Call = childByField(Call, "value");
      TSNode Callee = childByField(Call, "function");
      if (nodeType(Call) != "call_expression" || nodeType(Callee) != "field_expression")
        continue;
      std::string_view Method = nodeText(childByField(Callee, "field"), Context.Source);
      for (const std::string &Name : CancelMethods)
        if (Method == Name)
          Cancelled.push_back(nodeText(childByField(Callee, "argument"), Context.Source));
    }
    if (Cancelled.empty())
      return false;
    bool OnlyCancelled = true, Any = false;
    forEachOwnNode(childByField(Try, "body"), [&](TSNode Node) {
      std::string_view Type = nodeType(Node);
      if (Type == "co_await_expression") {
        Any = true;
        std::string_view Awaited = nodeText(childByField(Node, "argument"), Context.Source);
        OnlyCancelled &= std::find(Cancelled.begin(), Cancelled.end(), Awaited) != Cancelled.end();
        return false;
      }
      if (Type == "co_yield")
        OnlyCancelled = false;
      return true;
    });
    return Any && OnlyCancelled;
  }

  CancellationSwallowedOptions Options;
  std::vector<std::string> CancelMethods;
};

} // namespace

std::unique_ptr<FastCheck> makeCancellationSwallowedCheck(const Options &Opts) {
  auto Read = readOptions<CancellationSwallowedOptions>(Opts, Name);
  if (!cancellationIsInjected(Read.CancelledTypes.Raw, Read.CancellationByToken))
    return nullptr; // the library does not raise cancellation inside its tasks
  return std::make_unique<CancellationSwallowedCheck>(std::move(Read));
}

} // namespace corolint::fast
