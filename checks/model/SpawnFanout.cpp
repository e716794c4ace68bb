//===--- SpawnFanout.cpp - how many tasks a spawn in loops adds up to ------===//

#include "checks/model/SpawnFanout.h"

#include "checks/utils/Messages.h"

#include <algorithm>
#include <cstdint>

namespace corolint {

std::optional<LoopSize> unboundedFanout(const std::vector<FanoutLoop> &Loops, bool ChosenLoad,
                                      unsigned MaxStaticFanout) {
  if (Loops.empty())
    return std::nullopt;
  // Constant loops multiply (16 rows of 16 columns spawn 256 tasks); of the
  // others, the innermost one whose size is known names the fan-out.
  std::uint64_t Product = 1;
  const FanoutLoop *Unsized = nullptr;
  for (const FanoutLoop &Loop : Loops) {
    if (Loop.Size.How == LoopSize::Constant) {
      Product = Loop.Size.Iterations
                    ? std::min<std::uint64_t>(Product * Loop.Size.Iterations, 1u << 30)
                    : 0;
      continue;
    }
    if (!Unsized || (Unsized->Size.How == LoopSize::Unknown && Loop.Size.How != LoopSize::Unknown))
      Unsized = &Loop;
  }
  if (Product == 0)
    return std::nullopt;
  if (!Unsized) {
    if (Product < MaxStaticFanout || ChosenLoad)
      return std::nullopt;
    return LoopSize{LoopSize::Constant, Product, ""};
  }
  // `for (i = 0; i < loop_num; ++i)` in a benchmark; one server per core.
  if (Unsized->Size.How == LoopSize::Count && (Unsized->Size.PerCore || ChosenLoad))
    return std::nullopt;
  // `while (true) { auto c = co_await accept(); spawn(...); }`: one task per
  // event is how servers work; the loop's pace is the events', not a collection's.
  if (Unsized->Size.How == LoopSize::Unknown && Unsized->Awaits)
    return std::nullopt;
  return Unsized->Size;
}

std::string unboundedSpawnMessage(std::string_view Verb, const LoopSize &Fanout,
                                  const std::string &Remedy) {
  char Kind = Fanout.How == LoopSize::Elements   ? 'e'
              : Fanout.How == LoopSize::Count    ? 'c'
              : Fanout.How == LoopSize::Constant ? 'k'
                                                 : '?';
  return messages::unboundedSpawn(
      Verb, messages::fanoutSubject(Kind, Fanout.Source, Fanout.Iterations), Remedy);
}

} // namespace corolint
