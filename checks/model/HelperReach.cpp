//===--- HelperReach.cpp - what a call reaches through the file's helpers -===//

#include "checks/model/HelperReach.h"

#include <functional>
#include <queue>
#include <unordered_set>
#include <utility>

namespace corolint {

const HelperReach::Summary *HelperReach::summary(FunctionId Id) {
  if (Exhausted)
    return nullptr;
  auto Found = Summaries.find(Id);
  if (Found == Summaries.end()) {
    if (!solveFrom(Id))
      return nullptr;
    Found = Summaries.find(Id);
  }
  return &Found->second;
}

bool HelperReach::solveFrom(FunctionId Root) {
  // Every function this root can reach that has no summary yet, each
  // described once. Summaries of earlier questions are final: whatever they
  // reach was described with them.
  std::vector<FunctionId> Fresh;
  std::unordered_set<FunctionId> IsFresh;
  auto Discover = [&](FunctionId Id) {
    if (Id && !Summaries.count(Id) && IsFresh.insert(Id).second)
      Fresh.push_back(Id);
  };
  Discover(Root);
  for (size_t I = 0; I < Fresh.size(); ++I) {
    Function Described = DescribeFunction(Fresh[I]);
    if (Budget && !Budget->spend(1 + Described.Calls.size())) {
      Exhausted = true;
      return false;
    }
    if (Described.Enterable)
      for (const Call &Made : Described.Calls)
        for (FunctionId Callee : Made.Callees)
          Discover(Callee);
    Summaries[Fresh[I]].Described = std::move(Described);
  }

  // Distances: a shortest-path walk backwards from the functions that make a
  // target call, or call a function solved before; unit steps, so each
  // function's first settled distance is its least.
  std::unordered_map<FunctionId, std::vector<FunctionId>> Callers;
  using Entry = std::pair<unsigned, FunctionId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> Queue;
  for (FunctionId Id : Fresh) {
    Summary &Own = Summaries[Id];
    if (!Own.Described.Enterable)
      continue;
    unsigned Best = Unreachable;
    for (const Call &Made : Own.Described.Calls) {
      if (Made.IsTarget)
        Best = 1;
      for (FunctionId Callee : Made.Callees) {
        if (!Callee)
          continue;
        if (IsFresh.count(Callee))
          Callers[Callee].push_back(Id);
        else if (unsigned Known = Summaries.at(Callee).Distance; Known != Unreachable)
          Best = std::min(Best, Known + 1);
      }
    }
    if (Best != Unreachable) {
      Own.Distance = Best;
      Queue.push({Best, Id});
    }
  }
  while (!Queue.empty()) {
    auto [Distance, Id] = Queue.top();
    Queue.pop();
    if (Distance != Summaries[Id].Distance)
      continue; // settled shorter meanwhile
    for (FunctionId Caller : Callers[Id]) {
      Summary &Theirs = Summaries[Caller];
      if (Distance + 1 < Theirs.Distance) {
        Theirs.Distance = Distance + 1;
        Queue.push({Distance + 1, Caller});
      }
    }
  }
  return true;
}

std::optional<HelperReach::Path> HelperReach::reach(const std::vector<FunctionId> &Callees,
                                                    unsigned Depth) {
  if (Depth == 0)
    return std::nullopt;
  FunctionId Nearest = nullptr;
  unsigned NearestDistance = Unreachable;
  for (FunctionId Callee : Callees) {
    if (!Callee)
      continue;
    const Summary *Own = summary(Callee);
    if (!Own)
      return std::nullopt;
    if (Own->Described.Enterable && Own->Distance < NearestDistance) {
      Nearest = Callee;
      NearestDistance = Own->Distance;
    }
  }
  if (!Nearest || NearestDistance > Depth)
    return std::nullopt;

  // Down the summaries: each step goes to the first callee one closer.
  Path Found;
  for (FunctionId Id = Nearest; Id;) {
    Found.Helpers.push_back(Id);
    const Summary &Own = Summaries.at(Id);
    FunctionId Next = nullptr;
    for (const Call &Made : Own.Described.Calls) {
      if (Own.Distance == 1 && Made.IsTarget) {
        Found.Target = Made.Site;
        return Found;
      }
      for (FunctionId Callee : Made.Callees)
        if (!Next && Callee && Summaries.at(Callee).Distance == Own.Distance - 1)
          Next = Callee;
      if (Next && Own.Distance != 1)
        break;
    }
    Id = Next;
  }
  return std::nullopt; // unreachable: every distance is backed by a call
}

} // namespace corolint
