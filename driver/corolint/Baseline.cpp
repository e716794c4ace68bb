//===--- Baseline.cpp - accepted findings, so adoption can be gradual -----===//

#include "Baseline.h"
#include "Fingerprint.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {
namespace {

llvm::Error invalid(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid baseline '" + Path + "': " + Why);
}

} // namespace

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(), "cannot read baseline '" + Path +
                                                        "': " + Text.getError().message());
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer());
  if (!Parsed)
    return invalid(Path, llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getInteger("version") != 1)
    return invalid(Path, "expected an object with \"version\": 1");
  const llvm::json::Array *Findings = Root->getArray("findings");
  if (!Findings)
    return invalid(Path, "no \"findings\" array");
  llvm::StringSet<> Fingerprints;
  for (size_t I = 0; I < Findings->size(); ++I) {
    const llvm::json::Object *Entry = (*Findings)[I].getAsObject();
    std::optional<llvm::StringRef> Fingerprint = Entry ? Entry->getString("fingerprint") : std::nullopt;
    if (!Fingerprint || Fingerprint->empty())
      return invalid(Path, "finding " + llvm::Twine(I) + " has no \"fingerprint\" string");
    Fingerprints.insert(*Fingerprint);
  }
  return Fingerprints;
}

llvm::Error writeBaseline(llvm::StringRef Path, const Report &R) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings)
    if (F.Source == Origin::Check)
      Findings.push_back(llvm::json::Object{{"fingerprint", F.Fingerprint},
                                            {"check", F.Check},
                                            {"path", relativeToRoot(F.Where.File, R.SourceRoot)},
                                            {"message", F.Message}});
  llvm::json::Value Document = llvm::json::Object{{"version", 1}, {"findings", std::move(Findings)}};
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << llvm::formatv("{0:2}", Document) << "\n";
    return llvm::Error::success();
  });
}

unsigned dropBaselined(std::vector<Finding> &Findings, const llvm::StringSet<> &Baseline) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    return F.Source == Origin::Check && Baseline.contains(F.Fingerprint);
  });
  return Before - Findings.size();
}

llvm::Expected<std::optional<llvm::StringSet<>>> loadBaseline(llvm::StringRef Path) {
  if (Path.empty())
    return std::nullopt;
  llvm::Expected<llvm::StringSet<>> Read = readBaseline(Path);
  if (!Read)
    return Read.takeError();
  return std::optional<llvm::StringSet<>>(std::move(*Read));
}

llvm::Expected<unsigned> applyBaseline(llvm::StringRef WritePath,
                                       const std::optional<llvm::StringSet<>> &Accepted,
                                       Report &R) {
  if (WritePath.empty())
    return Accepted ? dropBaselined(R.Findings, *Accepted) : 0;
  if (llvm::Error E = writeBaseline(WritePath, R))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write baseline '" + WritePath +
                                       "': " + llvm::toString(std::move(E)));
  // Everything just recorded is accepted: this run reports only errors.
  llvm::StringSet<> Written;
  for (const Finding &F : R.Findings)
    Written.insert(F.Fingerprint);
  return dropBaselined(R.Findings, Written);
}

unsigned printFindingCount(llvm::raw_ostream &Err, const std::vector<Finding> &Findings,
                           unsigned Baselined, size_t Files, double Seconds) {
  unsigned CheckFindings = 0;
  for (const Finding &F : Findings)
    CheckFindings += F.Source == Origin::Check;
  Err << CheckFindings << " finding(s).";
  if (Baselined)
    Err << " " << Baselined << " more in the baseline.";
  Err << " " << Files << " file(s) in " << llvm::format("%.1f", Seconds) << " s.\n";
  return CheckFindings;
}

} // namespace corolint
