//===--- NoAwaitCheck.cpp - async-no-await, from the syntax ---------------===//
//
// A function whose written return type is one of TaskTypes and whose body
// has co_return but no co_await or co_yield. Left alone as in full mode:
// virtual and override functions (they satisfy an interface), functions the
// file names other than by calling them (handed to an API as they are), and
// overload sets another member of which suspends, test code and headers
// (checks/utils/SourceKind.h). Lambdas are left to full mode, which can tell
// whether the program calls them itself.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/BlockingFunctions.h"
#include "checks/utils/Messages.h"
#include "checks/utils/SourceKind.h"

#include <unordered_map>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-no-await";

class NoAwaitCheck : public FastCheck {
public:
  NoAwaitCheck(NameList TaskTypes, NameList Blocking, NameList Spawns)
      : TaskTypes(std::move(TaskTypes)), Blocking(std::move(Blocking)), Spawns(std::move(Spawns)) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, TaskTypes);
    requestNames(Request, Blocking);
    requestNames(Request, Spawns);
  }

  void check(const CheckContext &Context) const override {
    // Test code (fixtures and stubs awaited by the test) and headers (an
    // interface used by other files): the task signature is imposed.
    if (includesTestSupport(Context.Source) || isHeaderSource(Context.Source))
      return;
    const FileModel &Model = Context.Model;
    std::unordered_map<std::string_view, std::vector<const FunctionInfo *>> Candidates;
    for (const FunctionInfo &Function : Model.Functions)
      if (Function.IsCoroutine && !Function.Suspends && !Function.IsLambda &&
          !Function.IsVirtual && !Function.InSpecialization && !ts_node_is_null(Function.NameNode) &&
          typeListed(Function.ReturnType, Model, TaskTypes) &&
          !hasSomethingToAwait(Context, Function))
        Candidates[Function.Name].push_back(&Function);
    if (Candidates.empty())
      return;
    // An overload (same qualified name) that suspends.
    for (auto &[Unqualified, Functions] : Candidates)
      for (const FunctionInfo *&Function : Functions)
        if (auto Same = Model.Definitions.find(Function->QualifiedName);
            Same != Model.Definitions.end())
          for (size_t Other : Same->second)
            if (Model.Functions[Other].Suspends)
              Function = nullptr;
    dropNamesUsedAsValues(Context, Candidates);
    for (const auto &[Unqualified, Functions] : Candidates)
      for (const FunctionInfo *Function : Functions)
        if (Function)
          Context.report(Name, Function->NameNode,
                         messages::noAwait(Function->Name,
                                           firstTemplateArgument(Function->ReturnType, Context.Source)));
  }

private:
  /// The body blocks (reads a file, sleeps; directly or through a plain
  /// helper of this file), calls a function of this file that returns a task
  /// without awaiting it, or spawns: it should await,
  /// which async-blocking-call or async-unawaited-task says; "make it a plain
  /// function" is wrong advice there. (Awaitables returned by methods,
  /// `sem.acquire()`, need the object's type: full mode sees those.)
  bool hasSomethingToAwait(const CheckContext &Context, const FunctionInfo &Function) const {
    // async-blocking-call's default HelperDepth: the helpers it reports through.
    constexpr unsigned HelperDepth = 3;
    HelperSearch BlockingHelpers(
        Context, [&](const CallSite &Call) { return calleeListed(Call, Blocking) != nullptr; });
    for (size_t Index : Function.Calls) {
      const CallSite &Call = Context.Model.Calls[Index];
      if (calleeListed(Call, Blocking) || calleeListed(Call, Spawns) ||
          taskProducer(Call, Context.Model, TaskTypes, Context.Source) ||
          BlockingHelpers.through(Call, HelperDepth).Helper)
        return true;
    }
    bool Found = false; // `std::ifstream in(path);` constructs a blocking stream
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (nodeType(Node) == "declaration")
        Found |= typeListed(childByField(Node, "type"), Context.Model, Blocking) != nullptr;
      return !Found;
    });
    return Found;
  }

  /// A name written anywhere but as an awaited callee or its own declarator
  /// means an interface takes the function or its task as it is (`&fetch`,
  /// `std::function f = fetch`, `co_spawn(ctx, fetch(), detached)`).
  static void dropNamesUsedAsValues(
      const CheckContext &Context,
      std::unordered_map<std::string_view, std::vector<const FunctionInfo *>> &Candidates) {
    traverse(
        Context.Root,
        [&](TSNode Node, const char *Field) {
          if (nodeType(Node) != "identifier")
            return true;
          auto Found = Candidates.find(nodeText(Node, Context.Source));
          if (Found == Candidates.end())
            return false;
          TSNode Parent = parentOf(Node);
          std::string_view ParentType = nodeType(Parent);
          if (ParentType == "qualified_identifier" || ParentType == "template_function") {
            Field = nullptr;
            Node = Parent;
            Parent = parentOf(Parent);
            ParentType = nodeType(Parent);
          }
          bool Called = ParentType == "call_expression" &&
                        ts_node_eq(childByField(Parent, "function"), Node);
          // Called, but its task is handed on (to co_spawn, a combinator, a
          // container, a member of the task) rather than awaited on the spot.
          // A discarded task goes nowhere (async-unawaited-task's finding).
          if (Called && !isDiscarded(Parent, Context.Source)) {
            TSNode User = parentOf(Parent);
            while (nodeType(User) == "parenthesized_expression")
              User = parentOf(User);
            Called = nodeType(User) == "co_await_expression";
          }
          bool Declared = ParentType == "function_declarator" || ParentType == "using_declaration";
          if (!Called && !Declared)
            for (const FunctionInfo *&Function : Found->second)
              Function = nullptr;
          return false;
        },
        [](TSNode) {});
  }

  NameList TaskTypes, Blocking, Spawns;
};

} // namespace

std::unique_ptr<FastCheck> makeNoAwaitCheck(const Options &Opts) {
  auto Read = readOptions<NoAwaitOptions>(Opts, Name);
  if (Read.TaskTypes.Names.empty())
    return nullptr;
  return std::make_unique<NoAwaitCheck>(std::move(Read.TaskTypes.Names),
                                        NameList(blockingNames(Read.BlockingFunctions)),
                                        std::move(Read.SpawnFunctions.Names));
}

} // namespace corolint::fast
