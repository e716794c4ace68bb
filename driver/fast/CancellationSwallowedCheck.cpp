//===--- CancellationSwallowedCheck.cpp - async-cancellation-swallowed ----===//
//
// In a coroutine, a handler of one of CancelledTypes (or `catch (...)`)
// around a suspension point that has no `throw` of its own, when nothing
// after the try rethrows and the coroutine cancelled nothing itself first.
// Types are matched by the name they are written with (NameLookup.h), so a
// base class of the cancellation exception is not seen: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"

#include <algorithm>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-cancellation-swallowed";

class CancellationSwallowedCheck : public FastCheck {
public:
  CancellationSwallowedCheck(NameList Cancelled, std::vector<std::string> CancelMethods)
      : Cancelled(std::move(Cancelled)), CancelMethods(std::move(CancelMethods)) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Cancelled); }

  void check(const CheckContext &Context) const override {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.Suspends && !returnsVoid(Function, Context.Source))
        checkFunction(Context, Function);
  }

private:
  /// A function written to return void is no coroutine, whatever its body
  /// says: a `co_await` there is an error (clang's own tests are full of
  /// them), not a suspension whose cancellation could be swallowed.
  static bool returnsVoid(const FunctionInfo &Function, std::string_view Source) {
    return !Function.IsLambda && !ts_node_is_null(Function.ReturnType) &&
           nodeText(Function.ReturnType, Source) == "void";
  }

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

  /// The handler records the exception in variables and a rethrow after
  /// the try uses one of them (`std::rethrow_exception(saved)`).
  static bool rethrownLater(const CheckContext &Context, const FunctionInfo &Function,
                            TSNode Try, TSNode Handler) {
    std::vector<std::string_view> Recorded;
    forEachOwnNode(Handler, [&](TSNode Node) {
      if (nodeType(Node) == "assignment_expression") {
        TSNode Left = childByField(Node, "left");
        if (nodeType(Left) == "identifier")
          Recorded.push_back(nodeText(Left, Context.Source));
      }
      return true;
    });
    if (Recorded.empty())
      return false;
    uint32_t End = ts_node_end_byte(Try);
    bool Found = false;
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (Found || ts_node_end_byte(Node) <= End)
        return !Found && ts_node_end_byte(Node) > End;
      std::string_view Type = nodeType(Node);
      if (Type == "throw_statement" || Type == "call_expression") {
        TSNode Argument = Type == "throw_statement"
                              ? namedChild(Node, 0)
                              : namedChild(childByField(Node, "arguments"), 0);
        bool IsRethrow = Type == "throw_statement" ||
                         nodeText(childByField(Node, "function"), Context.Source)
                                 .find("rethrow_exception") != std::string_view::npos;
        for (std::string_view Name : Recorded)
          Found |= IsRethrow && nodeText(Argument, Context.Source) == Name;
      }
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
  std::vector<std::string> CancelMethods;
};

} // namespace

std::unique_ptr<FastCheck> makeCancellationSwallowedCheck(const Options &Opts) {
  NameList Cancelled = listOption(Opts, Name, "CancelledTypes", &ProfileData::CancelledTypes);
  if (Cancelled.empty())
    return nullptr; // the library does not deliver cancellation as an exception
  std::vector<std::string> Methods;
  std::string Raw = Opts.get(Name, "CancelMethods", "cancel;request_stop;requestCancellation");
  for (std::string_view Rest = Raw; !Rest.empty();) {
    size_t End = Rest.find(';');
    if (!Rest.substr(0, End).empty())
      Methods.emplace_back(Rest.substr(0, End));
    Rest = End == std::string_view::npos ? std::string_view() : Rest.substr(End + 1);
  }
  return std::make_unique<CancellationSwallowedCheck>(std::move(Cancelled), std::move(Methods));
}

} // namespace corolint::fast
