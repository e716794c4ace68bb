//===--- Merge.cpp - `corolint merge`: one SARIF log from the shards' -----===//

#include "Merge.h"
#include "CheckCatalog.h"
#include "DocPages.h"
#include "Findings.h"
#include "Fingerprint.h"
#include "SummaryFile.h"
#include "formats/Formats.h"

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

namespace {

/// The shards' source root, as their first run names it.
std::optional<std::string> sourceRootOf(llvm::ArrayRef<llvm::json::Value> Logs) {
  for (const llvm::json::Value &Log : Logs)
    if (const llvm::json::Array *Runs = Log.getAsObject() ? Log.getAsObject()->getArray("runs")
                                                          : nullptr)
      for (const llvm::json::Value &Run : *Runs)
        if (const llvm::json::Object *Bases =
                Run.getAsObject() ? Run.getAsObject()->getObject("originalUriBaseIds") : nullptr)
          if (const llvm::json::Object *Root = Bases->getObject("%SRCROOT%"))
            if (std::optional<llvm::StringRef> Uri = Root->getString("uri"))
              if (std::optional<std::string> Path = pathOfFileUri(*Uri))
                return llvm::StringRef(*Path).rtrim('/').str();
  return std::nullopt;
}

/// The cross-file findings of \p Program as one more run to merge, written
/// as the shards' own runs are; none when there are none.
std::optional<llvm::json::Value> crossFileRun(const ProgramSummaries &Program,
                                               const std::string &SourceRoot,
                                               const MergeSettings &S) {
  std::vector<clang::tidy::ClangTidyError> Errors =
      crossFileDiagnostics(Program, S.Verbose ? &llvm::errs() : nullptr);
  if (Errors.empty())
    return std::nullopt;
  Report R;
  R.SourceRoot = SourceRoot;
  R.Rules = asyncRules(S.DocsBaseUrl, S.DocsDirectory);
  R.Findings = toFindings(Errors, SourceRoot, {});
  // toSarif's values refer to R's strings: printed and read back, the log owns its text.
  std::string Text;
  llvm::raw_string_ostream(Text) << toSarif(R);
  llvm::json::Value Log = cantFail(llvm::json::parse(Text));
  // Its invocation is not one of the shards'.
  for (llvm::json::Value &Run : *Log.getAsObject()->getArray("runs"))
    Run.getAsObject()->erase("invocations");
  return Log;
}

int mergeError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return 2;
}

std::string engineOf(SummaryKeys Keys) {
  return Keys == SummaryKeys::Names ? "fast (--fast)" : "full";
}

} // namespace

int runMerge(const MergeSettings &S) {
  std::vector<llvm::json::Value> Logs;
  ProgramSummaries Program;
  bool HaveSummaries = false;
  for (const std::string &Input : S.Inputs) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Input);
    if (!Text)
      return mergeError("cannot read '" + Input + "': " + Text.getError().message());
    llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer());
    if (!Parsed)
      return mergeError("'" + Input + "' is not JSON: " + llvm::toString(Parsed.takeError()));
    if (!isSummaryFile(*Parsed)) {
      Logs.push_back(std::move(*Parsed));
      continue;
    }
    std::optional<ProgramSummaries> Shard = summariesFromJson(*Parsed);
    if (!Shard)
      return mergeError("'" + Input + "' is not a summary file this corolint can read " +
                        "(written by another version, or damaged)");
    // USRs and names as written never meet: one engine's shards only.
    if (HaveSummaries && Shard->Keys != Program.Keys)
      return mergeError("'" + Input + "' was written by the " + engineOf(Shard->Keys) +
                        " engine and the summaries before it by the " +
                        engineOf(Program.Keys) + " one: merge the shards of one engine");
    Program.append(std::move(*Shard));
    HaveSummaries = true;
  }
  if (HaveSummaries) {
    Program.deduplicate();
    std::optional<std::string> Root = sourceRootOf(Logs);
    if (!Root)
      return mergeError("summaries need the shards' SARIF logs beside them: "
                        "merge OUT.sarif SHARD.sarif... SHARD.summaries...");
    if (std::optional<llvm::json::Value> Run = crossFileRun(Program, *Root, S))
      Logs.push_back(std::move(*Run));
    if (!S.SummariesOut.empty())
      if (llvm::Error E = writeSummaryFile(S.SummariesOut, Program))
        return mergeError("cannot write '" + S.SummariesOut + "': " +
                          llvm::toString(std::move(E)));
  }
  llvm::Expected<llvm::json::Value> Merged = mergeSarif(Logs);
  if (!Merged)
    return mergeError("cannot merge: " + llvm::toString(Merged.takeError()));
  if (llvm::Error E = llvm::writeToOutput(S.Output, [&](llvm::raw_ostream &OS) {
        OS << llvm::formatv("{0:2}", *Merged) << "\n";
        return llvm::Error::success();
      }))
    return mergeError("cannot write '" + S.Output + "': " + llvm::toString(std::move(E)));
  return 0;
}

} // namespace corolint
