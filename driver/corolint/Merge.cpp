//===--- Merge.cpp - `corolint merge`: one SARIF log from the shards' -----===//

#include "Merge.h"
#include "Fingerprint.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {
namespace {

llvm::Error invalid(size_t LogIndex, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "input " + llvm::Twine(LogIndex + 1) + ": " + Why);
}

/// Identity of a result across shards: rule, fingerprint, message.
std::string resultKey(const llvm::json::Object &Result) {
  std::string Key = Result.getString("ruleId").value_or("").str();
  if (const llvm::json::Object *Fingerprints = Result.getObject("partialFingerprints"))
    (Key += '\0') += Fingerprints->getString(FingerprintKey).value_or("").str();
  if (const llvm::json::Object *Message = Result.getObject("message"))
    (Key += '\0') += Message->getString("text").value_or("").str();
  return Key;
}

class RunMerger {
public:
  llvm::Error add(const llvm::json::Object &Run, size_t LogIndex) {
    const llvm::json::Object *Tool = Run.getObject("tool");
    const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (!Driver || !Driver->getString("name"))
      return invalid(LogIndex, "a run without tool.driver.name");
    if (!Merged) {
      Merged = Run; // the first run gives the tool, base URIs and column kind
      Merged->erase("results");
      Merged->erase("invocations");
    } else if (Driver->getString("name") != DriverName) {
      return invalid(LogIndex, "a run of '" + *Driver->getString("name") + "', not '" +
                                   DriverName + "'");
    }
    DriverName = Driver->getString("name")->str();
    std::vector<std::string> RuleIds;
    if (const llvm::json::Array *Rules = Driver->getArray("rules"))
      for (const llvm::json::Value &Rule : *Rules) {
        const llvm::json::Object *Object = Rule.getAsObject();
        std::optional<llvm::StringRef> Id = Object ? Object->getString("id") : std::nullopt;
        if (!Id)
          return invalid(LogIndex, "a rule without an id");
        RuleIds.push_back(Id->str());
        if (RuleIndex.try_emplace(*Id, AllRules.size()).second)
          AllRules.push_back(Rule);
      }
    if (const llvm::json::Array *Results = Run.getArray("results"))
      for (const llvm::json::Value &Value : *Results) {
        const llvm::json::Object *Result = Value.getAsObject();
        if (!Result)
          return invalid(LogIndex, "a result that is not an object");
        if (!SeenResults.insert(resultKey(*Result)).second)
          continue;
        llvm::json::Object Copy = *Result;
        // Indices point into this run's rules; renumber them into the merged list.
        if (std::optional<int64_t> Index = Result->getInteger("ruleIndex")) {
          if (*Index < 0 || static_cast<size_t>(*Index) >= RuleIds.size())
            return invalid(LogIndex, "a ruleIndex out of range");
          Copy["ruleIndex"] = static_cast<int64_t>(RuleIndex[RuleIds[*Index]]);
        }
        AllResults.push_back(std::move(Copy));
      }
    if (const llvm::json::Array *Invocations = Run.getArray("invocations"))
      for (const llvm::json::Value &Invocation : *Invocations)
        AllInvocations.push_back(Invocation);
    return llvm::Error::success();
  }

  llvm::json::Object take() {
    llvm::json::Object Run = std::move(*Merged);
    llvm::json::Object *Driver = Run.getObject("tool")->getObject("driver");
    (*Driver)["rules"] = std::move(AllRules);
    Run["invocations"] = std::move(AllInvocations);
    Run["results"] = std::move(AllResults);
    return Run;
  }

  bool empty() const { return !Merged; }

private:
  std::optional<llvm::json::Object> Merged;
  std::string DriverName;
  llvm::json::Array AllRules, AllResults, AllInvocations;
  llvm::StringMap<size_t> RuleIndex;
  llvm::StringSet<> SeenResults;
};

} // namespace

llvm::Expected<llvm::json::Value> mergeSarif(llvm::ArrayRef<llvm::json::Value> Logs) {
  RunMerger Merger;
  std::string Schema = "https://json.schemastore.org/sarif-2.1.0.json";
  for (size_t I = 0; I < Logs.size(); ++I) {
    const llvm::json::Object *Log = Logs[I].getAsObject();
    if (!Log || Log->getString("version") != "2.1.0")
      return invalid(I, "not a SARIF 2.1.0 log (\"version\": \"2.1.0\" missing)");
    const llvm::json::Array *Runs = Log->getArray("runs");
    if (!Runs)
      return invalid(I, "no \"runs\" array");
    if (std::optional<llvm::StringRef> S = Log->getString("$schema"))
      Schema = S->str();
    for (const llvm::json::Value &Run : *Runs) {
      const llvm::json::Object *Object = Run.getAsObject();
      if (!Object)
        return invalid(I, "a run that is not an object");
      if (llvm::Error E = Merger.add(*Object, I))
        return std::move(E);
    }
  }
  if (Merger.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "no runs to merge");
  return llvm::json::Object{{"$schema", Schema},
                            {"version", "2.1.0"},
                            {"runs", llvm::json::Array{Merger.take()}}};
}

int runMerge(llvm::StringRef Output, llvm::ArrayRef<std::string> Inputs) {
  std::vector<llvm::json::Value> Logs;
  for (const std::string &Input : Inputs) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Input);
    if (!Text) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "cannot read '" << Input << "': " << Text.getError().message() << "\n";
      return 2;
    }
    llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer());
    if (!Parsed) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "'" << Input << "' is not JSON: " << llvm::toString(Parsed.takeError()) << "\n";
      return 2;
    }
    Logs.push_back(std::move(*Parsed));
  }
  llvm::Expected<llvm::json::Value> Merged = mergeSarif(Logs);
  if (!Merged) {
    llvm::WithColor::error(llvm::errs(), "corolint")
        << "cannot merge: " << llvm::toString(Merged.takeError()) << "\n";
    return 2;
  }
  if (llvm::Error E = llvm::writeToOutput(Output, [&](llvm::raw_ostream &OS) {
        OS << llvm::formatv("{0:2}", *Merged) << "\n";
        return llvm::Error::success();
      })) {
    llvm::WithColor::error(llvm::errs(), "corolint")
        << "cannot write '" << Output << "': " << llvm::toString(std::move(E)) << "\n";
    return 2;
  }
  return 0;
}

} // namespace corolint
