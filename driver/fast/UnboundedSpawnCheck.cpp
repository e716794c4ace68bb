//===--- UnboundedSpawnCheck.cpp - async-unbounded-spawn, from the syntax -===//
//
// A call to one of SpawnFunctions inside a loop over a collection, a count
// that is not a literal, or more literal iterations than MaxStaticFanout,
// when no semaphore is in sight: neither the loop body, nor the enclosing
// function, nor the spawned coroutine (when this file defines it) names one
// of SemaphoreTypes or calls `acquire`. Tasks collected in the loop and
// gathered after it need flow analysis: full mode only.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/Messages.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-unbounded-spawn";

class UnboundedSpawnCheck : public FastCheck {
public:
  UnboundedSpawnCheck(NameList Spawns, NameList Semaphores, unsigned MaxStaticFanout,
                      std::string Remedy)
      : Spawns(std::move(Spawns)), Semaphores(std::move(Semaphores)),
        MaxStaticFanout(MaxStaticFanout), Remedy(std::move(Remedy)) {}

  void request(ScanRequest &Request) const override {
    requestNames(Request, Spawns);
    requestNames(Request, Semaphores);
  }

  void triggers(std::vector<std::vector<std::string>> &Words) const override { Spawns.addTriggers(Words); }

  void check(const CheckContext &Context) const override {
    for (const CallSite &Call : Context.Model.Calls) {
      if (Call.Function == NoFunction)
        continue;
      const std::string *Spawn = calleeListed(Call, Spawns);
      if (!Spawn)
        continue;
      const FunctionInfo &Function = Context.Model.Functions[Call.Function];
      for (TSNode Loop : enclosingLoops(Call.Call, Function.Body)) {
        LoopSize Size = loopSize(Loop, Context.Source);
        char Kind = Size.How == LoopSize::Elements ? 'e'
                    : Size.How == LoopSize::Count  ? 'c'
                    : Size.How == LoopSize::Constant && Size.Iterations > MaxStaticFanout ? 'k'
                                                                                           : 0;
        if (!Kind)
          continue;
        if (bounded(Context, Function.Body) || spawnedWorkIsBounded(Context, Call))
          break;
        Context.report(Name, Call.Call,
                       messages::unboundedSpawn(
                           "creates", messages::fanoutSubject(Kind, Size.Source, Size.Iterations),
                           Remedy));
        break;
      }
    }
  }

private:
  /// \p Scope names a semaphore type or calls something named `acquire`.
  bool bounded(const CheckContext &Context, TSNode Scope) const {
    bool Found = false;
    traverse(
        Scope,
        [&](TSNode Node, const char *) {
          if (Found)
            return false;
          if (const std::vector<std::string> *Names = Context.Model.resolved(Node))
            Found |= Semaphores.firstListed(*Names) != nullptr;
          if (nodeType(Node) == "field_identifier")
            Found |= nodeText(Node, Context.Source).find("acquire") != std::string_view::npos;
          return !Found;
        },
        [](TSNode) {});
    return Found;
  }

  /// `spawn(worker(sem, url))` where worker, defined here, takes a semaphore.
  bool spawnedWorkIsBounded(const CheckContext &Context, const CallSite &Spawn) const {
    for (const CallSite &Inner : Context.Model.Calls) {
      if (ts_node_start_byte(Inner.Call) <= ts_node_start_byte(Spawn.Call) ||
          ts_node_end_byte(Inner.Call) > ts_node_end_byte(Spawn.Call))
        continue;
      for (const std::string &Candidate : Inner.Candidates)
        if (auto Found = Context.Model.Definitions.find(Candidate);
            Found != Context.Model.Definitions.end())
          for (size_t Worker : Found->second)
            if (bounded(Context, Context.Model.Functions[Worker].Definition))
              return true;
    }
    return false;
  }

  NameList Spawns, Semaphores;
  unsigned MaxStaticFanout;
  std::string Remedy;
};

} // namespace

std::unique_ptr<FastCheck> makeUnboundedSpawnCheck(const Options &Opts) {
  NameList Spawns = listOption(Opts, Name, "SpawnFunctions", &ProfileData::SpawnFunctions);
  if (Spawns.empty())
    return nullptr;
  NameList Semaphores = listOption(Opts, Name, "SemaphoreTypes", &ProfileData::SemaphoreTypes);
  std::string Remedy = messages::boundRemedy(
      Semaphores.firstSpelling(),
      listOption(Opts, Name, "TaskGroupTypes", &ProfileData::TaskGroupTypes).firstSpelling(),
      listOption(Opts, Name, "ConcurrencyLimitTypes", &ProfileData::ConcurrencyLimitTypes)
          .firstSpelling(),
      listOption(Opts, Name, "BoundedGatherFunctions", &ProfileData::BoundedGatherFunctions)
          .firstSpelling());
  return std::make_unique<UnboundedSpawnCheck>(
      std::move(Spawns), std::move(Semaphores),
      Opts.getUnsigned(Name, "MaxStaticFanout", 64).value_or(64), std::move(Remedy));
}

} // namespace corolint::fast
