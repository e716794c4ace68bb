//===--- NoAwaitCheck.cpp - async-no-await, from the syntax ---------------===//
//
// The rule is checks/model/NoAwait's; this describes to it each function
// whose written return type is one of TaskTypes and whose body has co_return
// but no co_await or co_yield. Lambdas are left to full mode, which can tell
// whether the program calls them itself.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/NoAwait.h"
#include "checks/utils/BlockingFunctions.h"
#include "checks/utils/Messages.h"
#include "checks/utils/SourceKind.h"
#include "driver/fast/NameLookup.h"

#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-no-await";

/// async-blocking-call's default HelperDepth: the helpers it reports through.
constexpr unsigned HelperDepth = 3;

/// Subtrees whose calls are never evaluated (the model records none of them).
bool isUnevaluated(std::string_view Type) {
  return Type == "decltype" || Type == "sizeof_expression" || Type == "alignof_expression" ||
         Type == "requires_expression";
}

std::string joined(const WrittenName &Written) {
  std::string Qualified;
  for (std::string_view Segment : Written.Segments)
    Qualified += (Qualified.empty() ? "" : "::") + std::string(Segment);
  return Qualified;
}

/// The file's macros, name -> replacement text: what a body's `NAP()` runs.
using Macros = std::unordered_map<std::string_view, std::string_view>;

Macros fileMacros(const CheckContext &Context) {
  Macros Found;
  traverse(
      Context.Root,
      [&](TSNode Node) {
        std::string_view Type = nodeType(Node);
        if (Type != "preproc_def" && Type != "preproc_function_def")
          return true;
        TSNode Macro = childByField(Node, "name"), Value = childByField(Node, "value");
        if (!ts_node_is_null(Macro) && !ts_node_is_null(Value))
          Found.emplace(nodeText(Macro, Context.Source), nodeText(Value, Context.Source));
        return false;
      },
      [](TSNode) {});
  return Found;
}

class NoAwaitCheck : public FastCheck {
public:
  NoAwaitCheck(NameList TaskTypes, NameList Blocking, NameList Spawns)
      : TaskTypes(std::move(TaskTypes)), Blocking(std::move(Blocking)), Spawns(std::move(Spawns)) {
    for (const NameList *List : {&this->Blocking, &this->Spawns})
      for (const std::string &Listed : List->names())
        if (size_t Separator = Listed.rfind("::"); Separator != std::string::npos)
          MemberNames.insert(Listed.substr(Separator + 2));
    for (const std::string &Task : this->TaskTypes.names())
      if (size_t Separator = Task.rfind("::"); Separator != std::string::npos)
        LibraryNamespaces.push_back(Task.substr(0, Separator + 2));
  }

  void request(ScanRequest &Request) const override {
    requestNames(Request, TaskTypes);
    requestNames(Request, Blocking);
    requestNames(Request, Spawns);
  }

  void check(const CheckContext &Context) const override {
    const FileModel &Model = Context.Model;
    std::vector<const FunctionInfo *> NeverSuspend;
    std::unordered_set<std::string_view> Names;
    // Lambdas are left to full mode, which can tell whether the program calls them itself.
    for (const FunctionInfo &Function : Model.Functions)
      if (Function.IsCoroutine && !Function.Suspends && !Function.IsLambda &&
          !ts_node_is_null(Function.NameNode) && typeListed(Function.ReturnType, Model, TaskTypes)) {
        NeverSuspend.push_back(&Function);
        Names.insert(Function.Name);
      }
    if (NeverSuspend.empty())
      return;
    // Test code (fixtures and stubs awaited by the test) and headers (an
    // interface used by other files): the task signature is imposed.
    bool FileImposes = includesTestSupport(Context.Source) || isHeaderSource(Context.Source);
    Search State{Context, fileMacros(Context), {}, {}};
    std::unordered_set<std::string_view> UsedAsValues = namesUsedAsValues(Context, Names);
    for (const FunctionInfo *Function : NeverSuspend) {
      SyntaxCoroutine Facts(*this, State, *Function, FileImposes, UsedAsValues);
      if (std::optional<NoAwait> Found = noAwait(Facts)) {
        Finding &Reported = Context.report(Name, Function->NameNode, Found->Message);
        TSNode Return = firstOwn(Function->Body, {"co_return_statement"});
        if (!ts_node_is_null(Return))
          Context.note(Reported, Return, Found->Note);
      }
    }
  }

private:
  /// One file's search for something to await.
  struct Search {
    const CheckContext &Context;
    Macros FileMacros; ///< gathered once per file, when a coroutine needs them
    /// Function index -> whether its own body blocks (helperBlocks), once each.
    std::unordered_map<size_t, bool> HelperBlocks;
    /// Helpers that reach a blocking call, summarised once per file.
    std::optional<HelperSearch> BlockingHelpers;
  };

  /// A coroutine as the syntax shows it, for noAwait().
  class SyntaxCoroutine : public NoAwaitFacts {
  public:
    SyntaxCoroutine(const NoAwaitCheck &Check, Search &State, const FunctionInfo &Function,
                    bool FileImposes, const std::unordered_set<std::string_view> &UsedAsValues)
        : Check(Check), State(State), Function(Function), FileImposes(FileImposes),
          UsedAsValues(UsedAsValues) {}

    bool neverSuspends() override { return true; } // only such functions are described
    bool signatureImposed() override {
      return FileImposes || Function.IsVirtual || Function.InSpecialization;
    }
    /// An overload (same qualified name) that suspends.
    bool overloadSuspends() override {
      const FileModel &Model = State.Context.Model;
      auto Same = Model.Definitions.find(Function.QualifiedName);
      if (Same == Model.Definitions.end())
        return false;
      for (size_t Other : Same->second)
        if (Model.Functions[Other].Suspends)
          return true;
      return false;
    }
    bool hasSomethingToAwait() override { return Check.hasSomethingToAwait(State, Function); }
    bool usedAsValue() override { return UsedAsValues.count(Function.Name) != 0; }
    std::string coroutine() override { return Function.Name; }
    std::string valueType() override {
      return firstTemplateArgument(Function.ReturnType, State.Context.Source);
    }

  private:
    const NoAwaitCheck &Check;
    Search &State;
    const FunctionInfo &Function;
    bool FileImposes;
    const std::unordered_set<std::string_view> &UsedAsValues;
  };

  /// The body blocks (reads a file, sleeps; directly or through a plain
  /// helper of this file), makes a task it does not await, or spawns: it
  /// should await, which async-blocking-call or async-unawaited-task says;
  /// "make it a plain function" is wrong advice there. As in full mode, the
  /// whole body counts: nested lambdas and local classes (work handed to a
  /// thread), unevaluated operands, macros. What the syntax cannot tell (a
  /// member call named like a blocking one, an operation of the task
  /// library, a member declared elsewhere) counts too: a false finding costs
  /// more than a missed one.
  bool hasSomethingToAwait(Search &State, const FunctionInfo &Function) const {
    std::unordered_set<std::string_view> TaskLambdas = taskLambdaNames(State.Context, Function);
    bool Found = false;
    int Unevaluated = 0;
    traverse(
        Function.Body,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          Unevaluated += isUnevaluated(Type);
          if (Unevaluated > 0) // `sizeof(run(f()))` may even parse as a type: names tell
            Found |= unevaluatedNameMayAwait(State.Context, Node);
          else if (Type == "call_expression")
            Found |= callMayAwait(State, Node, TaskLambdas);
          else if (Type == "declaration") // `std::ifstream in(path);` opens a file
            Found |= typeListed(childByField(Node, "type"), State.Context.Model, Blocking) != nullptr;
          return !Found;
        },
        [&](TSNode Node) { Unevaluated -= isUnevaluated(nodeType(Node)); });
    return Found;
  }

  /// In an unevaluated operand the model records no call: any name there
  /// that may block, spawn or make a task counts (full mode's rule sees the
  /// calls they make).
  bool unevaluatedNameMayAwait(const CheckContext &Context, TSNode Node) const {
    std::string_view Type = nodeType(Node);
    if (Type == "qualified_identifier" && nodeType(parentOf(Node)) != "qualified_identifier")
      if (std::optional<WrittenName> Written = writtenName(Node, Context.Source))
        return mayBeListed(joined(*Written), Context.Model);
    if (Type != "identifier" && Type != "type_identifier")
      return false;
    std::string Name(nodeText(Node, Context.Source));
    return Blocking.listsLastSegment(Name) || Spawns.listsLastSegment(Name) ||
           Context.Model.FunctionNames.count(Name);
  }

  bool callMayAwait(Search &State, TSNode Call,
                    const std::unordered_set<std::string_view> &TaskLambdas) const {
    const CheckContext &Context = State.Context;
    if (const CallSite *Site = callSiteOf(Context.Model, Call); Site && siteMayAwait(State, *Site))
      return true;
    // By the name as written from here on: whether a call was recorded depends
    // on the names the other enabled checks asked for.
    TSNode Callee = childByField(Call, "function");
    std::string_view CalleeType = nodeType(Callee);
    if (CalleeType == "field_expression") // `f.wait()`: only the object's type tells
      return MemberNames.count(std::string(nodeText(childByField(Callee, "field"), Context.Source)));
    if (CalleeType == "lambda_expression") // invoked on the spot
      return returnsTask(Context, Callee);
    std::optional<WrittenName> Written = writtenName(Callee, Context.Source);
    if (!Written)
      return false;
    if (Written->Segments.size() == 1 && TaskLambdas.count(Written->last()))
      return true; // `make(3)` runs a coroutine lambda: its task is made here
    if (mayBeListed(joined(*Written), Context.Model))
      return true;
    auto Macro = State.FileMacros.find(Written->last()); // `NAP()`: what it expands to
    return Macro != State.FileMacros.end() && mentionsSomething(Macro->second, Context.Model);
  }

  /// The name \p Written blocks or spawns (`ns::*` entries included), or is
  /// an operation of the task library this file does not declare
  /// (`QCoro::sleepFor`): a task or an awaitable, most likely.
  bool mayBeListed(const std::string &Written, const FileModel &Model) const {
    if (blockingListed({Written}, Blocking) || Spawns.contains(Written))
      return true;
    for (const std::string &Library : LibraryNamespaces)
      if (Written.compare(0, Library.size(), Library) == 0 && !Model.ReturnTypes.count(Written) &&
          !Model.Definitions.count(Written))
        return true;
    return false;
  }

  bool siteMayAwait(Search &State, const CallSite &Site) const {
    const CheckContext &Context = State.Context;
    // A target looks one helper further (calleeBlocks): the search goes one less deep.
    if (!State.BlockingHelpers)
      State.BlockingHelpers.emplace(Context, [this, &State](const CallSite &Call) {
        return blockingListed(Call.Candidates, Blocking) || calleeBlocks(State, Call);
      });
    if (Spawns.firstListed(Site.Candidates) ||
        taskProducer(Site, Context.Model, TaskTypes, Context.Source) ||
        blockingListed(Site.Candidates, Blocking) || calleeBlocks(State, Site) ||
        State.BlockingHelpers->through(Site, HelperDepth - 1).Helper)
      return true;
    // A member called from its class that the file declares but does not
    // define (`aio::task<int> refresh();`): the model keeps no such return type.
    std::optional<WrittenName> Written = writtenName(Site.Callee, Context.Source);
    return Site.Candidates.empty() && Written &&
           Context.Model.FunctionNames.count(Written->last()) &&
           calleeDefinitions(Context.Model, Site, Context.Source).empty();
  }

  /// A plain function of this file \p Call may run blocks in its own body in
  /// a way only the syntax of that body shows: a blocking call by name, a
  /// member call named like a blocking one, a blocking construction.
  bool calleeBlocks(Search &State, const CallSite &Call) const {
    const CheckContext &Context = State.Context;
    for (size_t Helper : calleeDefinitions(Context.Model, Call, Context.Source)) {
      const FunctionInfo &Function = Context.Model.Functions[Helper];
      if (Function.IsCoroutine)
        continue;
      auto [Known, Inserted] = State.HelperBlocks.try_emplace(Helper, false);
      if (Inserted)
        Known->second = helperBlocks(Context, Function);
      if (Known->second)
        return true;
    }
    return false;
  }

  bool helperBlocks(const CheckContext &Context, const FunctionInfo &Helper) const {
    bool Found = false;
    forEachOwnNode(Helper.Body, [&](TSNode Node) {
      std::string_view Type = nodeType(Node);
      if (Type == "declaration") {
        Found |= typeListed(childByField(Node, "type"), Context.Model, Blocking) != nullptr;
      } else if (Type == "call_expression") {
        TSNode Callee = childByField(Node, "function");
        const CallSite *Site = callSiteOf(Context.Model, Node);
        if (Site)
          Found |= blockingListed(Site->Candidates, Blocking) != nullptr;
        else if (nodeType(Callee) == "field_expression")
          Found |= MemberNames.count(
                       std::string(nodeText(childByField(Callee, "field"), Context.Source))) > 0;
      }
      return !Found;
    });
    return Found;
  }

  /// A macro's replacement text names something that may block, spawn or
  /// make a task.
  bool mentionsSomething(std::string_view Text, const FileModel &Model) const {
    return anyWord(Text, [&](std::string_view Written, size_t) {
      std::string Word(Written);
      return Blocking.listsLastSegment(Word) || Spawns.listsLastSegment(Word) ||
             MemberNames.count(Word) || Model.FunctionNames.count(Word);
    });
  }

  /// The lambda_expression \p Lambda is declared to return one of TaskTypes.
  bool returnsTask(const CheckContext &Context, TSNode Lambda) const {
    for (const FunctionInfo &Function : Context.Model.Functions)
      if (Function.IsLambda && ts_node_eq(Function.Definition, Lambda))
        return typeListed(Function.ReturnType, Context.Model, TaskTypes) != nullptr;
    return false;
  }

  /// The locals of \p Function's body bound to a coroutine lambda that
  /// returns one of TaskTypes (`auto make = [](int v) -> aio::task<int> {...};`).
  std::unordered_set<std::string_view> taskLambdaNames(const CheckContext &Context,
                                                       const FunctionInfo &Function) const {
    std::unordered_set<std::string_view> Names;
    uint32_t Begin = ts_node_start_byte(Function.Body), End = ts_node_end_byte(Function.Body);
    for (const FunctionInfo &Lambda : Context.Model.Functions) {
      uint32_t At = ts_node_start_byte(Lambda.Definition);
      if (!Lambda.IsLambda || At < Begin || At >= End ||
          !typeListed(Lambda.ReturnType, Context.Model, TaskTypes))
        continue;
      TSNode Declarator = parentOf(Lambda.Definition);
      if (nodeType(Declarator) == "init_declarator")
        Names.insert(nodeText(childByField(Declarator, "declarator"), Context.Source));
    }
    return Names;
  }

  /// Of \p Names, those written anywhere but as an awaited callee or their own
  /// declarator: an interface takes the function or its task as it is
  /// (`&fetch`, `std::function f = fetch`, `co_spawn(ctx, fetch(), detached)`).
  static std::unordered_set<std::string_view>
  namesUsedAsValues(const CheckContext &Context, const std::unordered_set<std::string_view> &Names) {
    std::unordered_set<std::string_view> Used;
    traverse(
        Context.Root,
        [&](TSNode Node, const char *Field) {
          if (nodeType(Node) != "identifier")
            return true;
          std::string_view Written = nodeText(Node, Context.Source);
          if (!Names.count(Written))
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
            Used.insert(Written);
          return false;
        },
        [](TSNode) {});
    return Used;
  }

  NameList TaskTypes, Blocking, Spawns;
  /// Last names of the qualified Blocking and Spawns entries ("wait" of
  /// std::future::wait): what a member call may be, by its name alone.
  std::unordered_set<std::string> MemberNames;
  /// "aio::" of aio::task: where the task library's operations live.
  std::vector<std::string> LibraryNamespaces;
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
