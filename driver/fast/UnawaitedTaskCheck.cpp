//===--- UnawaitedTaskCheck.cpp - async-unawaited-task, by name -----------===//
//
// A call statement (or a call cast to void) whose callee may denote a
// function this file declares with a return type in TaskTypes, or one of
// GatherFunctions (they return a task too): the task is created and never
// run (checks/model/DiscardedCall decides). Tasks bound to variables need
// flow analysis: full mode only. A name the file's task function shares with
// a function of the BlockingFunctions table (a global `sleep` beside POSIX
// `::sleep`) is an overload set only the arguments' types resolve: left
// alone (async-blocking-call reads the use).
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/model/DiscardedCall.h"
#include "checks/utils/BlockingFunctions.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-unawaited-task";

std::string_view lastSegment(std::string_view Qualified) {
  size_t Separator = Qualified.rfind("::");
  return Separator == std::string_view::npos ? Qualified : Qualified.substr(Separator + 2);
}

class UnawaitedTaskCheck : public FastCheck {
public:
  UnawaitedTaskCheck(NameList TaskTypes, NameList Eager, NameList Gathers, NameList Blocking,
                     std::string Spawn, bool AllowCastToVoid)
      : TaskTypes(std::move(TaskTypes)), Eager(std::move(Eager)), Gathers(std::move(Gathers)),
        Blocking(std::move(Blocking)), Spawn(std::move(Spawn)),
        AllowCastToVoid(AllowCastToVoid) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, TaskTypes);
    requestNames(Request, Gathers);
  }

  void triggers(std::vector<std::vector<std::string>> &Words) const override {
    TaskTypes.addTriggers(Words); // the file declares a task-returning function
    Gathers.addTriggers(Words);
  }

  void check(const CheckContext &Context) const override {
    for (const CallSite &Call : Context.Model.Calls) {
      if (Call.Function == NoFunction)
        continue;
      const std::string *Producer = producer(Call, Context.Model, Context.Source);
      if (!Producer || !isDiscarded(Call.Call, Context.Source) ||
          blockingListed({*Producer}, Blocking))
        continue;
      SyntaxDiscardedCall Facts(Call, *Producer, returnsEager(*Producer, Context.Model), Context);
      if (std::optional<std::string> Message = discardedCall(Facts, AllowCastToVoid, Spawn))
        Context.report(Name, Call.Call, *Message);
    }
  }

private:
  /// The fast engine's description of a discarded call for checks/model/DiscardedCall.
  class SyntaxDiscardedCall : public DiscardedCallFacts {
  public:
    SyntaxDiscardedCall(const CallSite &Call, std::string_view Producer, bool Eager,
                        const CheckContext &Context)
        : Call(Call), Producer(Producer), Eager(Eager), Context(Context) {}

    Discard how() override {
      return nodeType(parentOf(Call.Call)) == "expression_statement" ? Discard::Statement
                                                                      : Discard::CastToVoid;
    }
    Produced what() override { return Eager ? Produced::EagerTask : Produced::Task; }
    bool inCoroutine() override { return Context.Model.Functions[Call.Function].IsCoroutine; }
    /// Syntax cannot tell which awaits throw: the eager coroutine \p Call runs
    /// is defined in this file, returns a `Task<>` / `Task<void>`, and neither
    /// awaits nor throws.
    bool losesNothing() override {
      std::vector<size_t> Definitions = calleeDefinitions(Context.Model, Call, Context.Source);
      if (Definitions.empty())
        return false;
      for (size_t Index : Definitions) {
        const FunctionInfo &Callee = Context.Model.Functions[Index];
        std::string_view Returns = ts_node_is_null(Callee.ReturnType)
                                       ? std::string_view()
                                       : nodeText(Callee.ReturnType, Context.Source);
        bool Void = Returns.ends_with("<>") || Returns.ends_with("<void>");
        if (!Callee.IsCoroutine || Callee.Suspends || !Void ||
            containsOwn(Callee.Body, {"throw"}))
          return false;
      }
      return true;
    }
    std::string producer() override { return "'" + std::string(lastSegment(Producer)) + "'"; }

  private:
    const CallSite &Call;
    std::string_view Producer;
    bool Eager;
    const CheckContext &Context;
  };

  /// The callee's name when it returns a task, else nullptr.
  const std::string *producer(const CallSite &Call, const FileModel &Model,
                             std::string_view Source) const {
    if (const std::string *Gather = calleeListed(Call, Gathers))
      return Gather;
    return taskProducer(Call, Model, TaskTypes, Source);
  }

  /// Every declaration of \p Producer this file has returns an eager task type.
  bool returnsEager(const std::string &Producer, const FileModel &Model) const {
    auto Declared = Model.ReturnTypes.find(Producer);
    if (Eager.empty() || Declared == Model.ReturnTypes.end() || Declared->second.empty())
      return false;
    for (TSNode Type : Declared->second)
      if (!typeListed(Type, Model, Eager))
        return false;
    return true;
  }

  NameList TaskTypes, Eager, Gathers;
  NameList Blocking; ///< functions a task function of the file may share its name with
  std::string Spawn;
  bool AllowCastToVoid;
};

} // namespace

std::unique_ptr<FastCheck> makeUnawaitedTaskCheck(const Options &Opts) {
  auto Read = readOptions<UnawaitedTaskOptions>(Opts, Name);
  if (Read.TaskTypes.Names.empty())
    return nullptr;
  return std::make_unique<UnawaitedTaskCheck>(
      std::move(Read.TaskTypes.Names), std::move(Read.EagerTaskTypes.Names),
      std::move(Read.GatherFunctions.Names), NameList(blockingNames(Read.BlockingFunctions)),
      Read.SpawnFunctions.firstSpelling(), Read.AllowCastToVoid);
}

} // namespace corolint::fast
