//===--- CancellationSwallowedCheck.cpp - async-cancellation-swallowed ----===//
//
// In a coroutine whose written return type is one of TaskTypes, a handler of
// one of CancelledTypes (or `catch (...)`) around a suspension point that has
// no `throw` of its own, when the exception it records is not passed on after
// the try (or stored where it outlives the coroutine) and the coroutine
// cancelled nothing itself first.
// Types are matched by the name they are written with (NameLookup.h), so a
// base class of the cancellation exception is not seen: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/CancellationPolicy.h"
#include "checks/utils/Messages.h"

#include <algorithm>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-cancellation-swallowed";

class CancellationSwallowedCheck : public FastCheck {
public:
  CancellationSwallowedCheck(NameList Cancelled, NameList TaskTypes,
                             std::vector<std::string> CancelMethods)
      : Cancelled(std::move(Cancelled)), TaskTypes(std::move(TaskTypes)),
        CancelMethods(std::move(CancelMethods)) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, Cancelled);
    requestNames(Request, TaskTypes);
  }

  void check(const CheckContext &Context) const override {
    // Only the library's own tasks are cancelled by it: a coroutine of another
    // type (seastar::future, a project's own task) never sees its cancellation.
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends && typeListed(Function.ReturnType, Context.Model, TaskTypes))
        checkFunction(Context, Function);
  }

private:
  void checkFunction(const CheckContext &Context, const FunctionInfo &Function) const {
    forEachOwnNode(Function.Body, [&](TSNode Try) {
      if (nodeType(Try) != "try_statement")
        return true;
      TSNode Block = childByField(Try, "body");
      if (ts_node_is_null(Block) || !containsOwn(Block, {"co_await", "co_yield"}))
        return true;
      forEachChild(Try, [&](TSNode Clause, const char *) {
        if (nodeType(Clause) == "catch_clause")
          checkHandler(Context, Function, Try, Clause);
      });
      return true;
    });
  }

  void checkHandler(const CheckContext &Context, const FunctionInfo &Function, TSNode Try,
                    TSNode Clause) const {
    TSNode Parameters = childByField(Clause, "parameters");
    TSNode Body = childByField(Clause, "body");
    if (ts_node_is_null(Body) || rethrows(Context, Body))
      return;
    bool All = compactText(Parameters, Context.Source) == "(...)";
    std::string Caught = "...";
    if (!All) {
      const std::string *Listed = nullptr;
      for (uint32_t I = 0; I < namedChildCount(Parameters) && !Listed; ++I)
        Listed = typeListed(namedChild(Parameters, I), Context.Model, Cancelled);
      if (!Listed)
        return;
      Caught = *Listed;
    } else if (handlerDoesNothing(Body)) {
      return; // async-dropped-exception's finding
    }
    if (rethrownLater(Context, Function, Try, Body) || cancelledBefore(Context, Try))
      return;
    Context.report(Name, Clause,
                   messages::cancellationSwallowed(Caught, Cancelled.firstSpelling(),
                                                   displayName(Function)));
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

  NameList Cancelled;
  NameList TaskTypes;
  std::vector<std::string> CancelMethods;
};

} // namespace

std::unique_ptr<FastCheck> makeCancellationSwallowedCheck(const Options &Opts) {
  auto Read = readOptions<CancellationSwallowedOptions>(Opts, Name);
  if (!cancellationIsInjected(Read.CancelledTypes.Raw, Read.CancellationByToken))
    return nullptr; // the library does not raise cancellation inside its tasks
  std::vector<std::string> Methods;
  for (std::string_view Rest = Read.CancelMethods; !Rest.empty();) {
    size_t End = Rest.find(';');
    if (!Rest.substr(0, End).empty())
      Methods.emplace_back(Rest.substr(0, End));
    Rest = End == std::string_view::npos ? std::string_view() : Rest.substr(End + 1);
  }
  return std::make_unique<CancellationSwallowedCheck>(std::move(Read.CancelledTypes.Names),
                                                      std::move(Read.TaskTypes.Names),
                                                      std::move(Methods));
}

} // namespace corolint::fast
