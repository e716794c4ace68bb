//===--- UnawaitedTaskCheck.cpp - async-unawaited-task, by name -----------===//
//
// A call statement (or a call cast to void) whose callee may denote a
// function this file declares with a return type in TaskTypes, or one of
// GatherFunctions (they return a task too): the task is created and never
// run. Tasks bound to variables need flow analysis: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-unawaited-task";

std::string_view lastSegment(std::string_view Qualified) {
  size_t Separator = Qualified.rfind("::");
  return Separator == std::string_view::npos ? Qualified : Qualified.substr(Separator + 2);
}

class UnawaitedTaskCheck : public FastCheck {
public:
  UnawaitedTaskCheck(NameList TaskTypes, NameList Gathers, std::string Spawn, bool AllowCastToVoid)
      : TaskTypes(std::move(TaskTypes)), Gathers(std::move(Gathers)), Spawn(std::move(Spawn)),
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
      if (!Producer || !isDiscarded(Call.Call, Context.Source))
        continue;
      if (AllowCastToVoid && nodeType(parentOf(Call.Call)) != "expression_statement")
        continue;
      Context.report(Name, Call.Call,
                     messages::discardedTask("'" + std::string(lastSegment(*Producer)) + "'", Spawn));
    }
  }

private:
  /// The callee's name when it returns a task, else nullptr.
  const std::string *producer(const CallSite &Call, const FileModel &Model,
                             std::string_view Source) const {
    if (const std::string *Gather = calleeListed(Call, Gathers))
      return Gather;
    return taskProducer(Call, Model, TaskTypes, Source);
  }

  NameList TaskTypes, Gathers;
  std::string Spawn;
  bool AllowCastToVoid;
};

} // namespace

std::unique_ptr<FastCheck> makeUnawaitedTaskCheck(const Options &Opts) {
  NameList TaskTypes = listOption(Opts, Name, "TaskTypes", &ProfileData::TaskTypes);
  if (TaskTypes.empty())
    return nullptr;
  std::string Allow = Opts.get(Name, "AllowCastToVoid", "false");
  return std::make_unique<UnawaitedTaskCheck>(
      std::move(TaskTypes), listOption(Opts, Name, "GatherFunctions", &ProfileData::GatherFunctions),
      listOption(Opts, Name, "SpawnFunctions", &ProfileData::SpawnFunctions).firstSpelling(),
      Allow == "true" || Allow == "1" || Allow == "True");
}

} // namespace corolint::fast
