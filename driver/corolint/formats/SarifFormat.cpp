//===--- SarifFormat.cpp - SARIF 2.1.0 for code scanning ------------------===//
//
// One run; every rule listed so a viewer can show checks that found nothing;
// paths relative to %SRCROOT% so the log is the same on every machine;
// compiler and configuration errors are tool notifications, not results.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"
#include "driver/corolint/DocPages.h"
#include "driver/corolint/Fingerprint.h"

#include "llvm/ADT/StringExtras.h"

namespace corolint {
namespace {

constexpr llvm::StringLiteral SourceRootId = "%SRCROOT%";

/// SARIF counts columns in characters; clang counts bytes.
unsigned characterColumn(const SourcePosition &Where, llvm::StringRef LineText) {
  if (LineText.empty() || Where.Column == 0 || Where.Column - 1 > LineText.size())
    return Where.Column;
  llvm::StringRef Prefix = LineText.take_front(Where.Column - 1);
  unsigned Characters = 0;
  for (unsigned char C : Prefix)
    Characters += (C & 0xC0) != 0x80; // count lead bytes only
  return Characters + 1;
}

llvm::json::Object artifactLocation(llvm::StringRef File, llvm::StringRef Root) {
  return llvm::json::Object{{"uri", encodeUriPath(relativeToRoot(File, Root))},
                            {"uriBaseId", SourceRootId}};
}

llvm::json::Object physicalLocation(const SourcePosition &Where, llvm::StringRef LineText,
                                    llvm::StringRef Root) {
  llvm::json::Object Region{{"startLine", Where.Line},
                            {"startColumn", characterColumn(Where, LineText)}};
  if (!LineText.empty())
    Region["snippet"] = llvm::json::Object{{"text", LineText}};
  return llvm::json::Object{{"artifactLocation", artifactLocation(Where.File, Root)},
                            {"region", std::move(Region)}};
}

/// "replace 'x' with 'y'" for a one-edit fix, as editors title it.
std::string fixDescription(const Finding &F) {
  if (F.Fixes.size() != 1)
    return "apply the fix-it of " + F.Check;
  llvm::StringRef Text = llvm::StringRef(F.Fixes.front().getReplacementText()).trim();
  if (Text.empty())
    return "delete the flagged code";
  return ("replace with '" + Text.split('\n').first + "'").str();
}

llvm::json::Array fixesOf(const Finding &F, llvm::StringRef Root) {
  if (F.Fixes.empty())
    return {};
  llvm::json::Array Changes;
  for (const clang::tooling::Replacement &R : F.Fixes)
    Changes.push_back(llvm::json::Object{
        {"artifactLocation", artifactLocation(R.getFilePath(), Root)},
        {"replacements",
         llvm::json::Array{llvm::json::Object{
             // clang's offsets count bytes; SARIF's charOffset would count characters.
             {"deletedRegion", llvm::json::Object{{"byteOffset", R.getOffset()},
                                                  {"byteLength", R.getLength()}}},
             {"insertedContent", llvm::json::Object{{"text", R.getReplacementText()}}}}}}});
  return llvm::json::Array{llvm::json::Object{
      {"description", llvm::json::Object{{"text", fixDescription(F)}}},
      {"artifactChanges", std::move(Changes)}}};
}

llvm::json::Object result(const Finding &F, const Report &R) {
  llvm::json::Object Result{{"ruleId", F.Check},
                            {"level", levelName(F.Severity)},
                            {"message", llvm::json::Object{{"text", F.Message}}},
                            {"partialFingerprints",
                             llvm::json::Object{{FingerprintKey, F.Fingerprint}}}};
  for (size_t I = 0; I < R.Rules.size(); ++I)
    if (R.Rules[I].Id == F.Check)
      Result["ruleIndex"] = static_cast<int64_t>(I);
  if (F.Where.isValid())
    Result["locations"] = llvm::json::Array{
        llvm::json::Object{{"physicalLocation", physicalLocation(F.Where, F.LineText,
                                                                 R.SourceRoot)}}};
  llvm::json::Array Related;
  for (const FindingNote &Note : F.Notes) {
    llvm::json::Object Location{{"id", static_cast<int64_t>(Related.size())},
                                {"message", llvm::json::Object{{"text", Note.Message}}}};
    if (Note.Where.isValid())
      Location["physicalLocation"] = physicalLocation(Note.Where, "", R.SourceRoot);
    Related.push_back(std::move(Location));
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  if (llvm::json::Array Fixes = fixesOf(F, R.SourceRoot); !Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  if (F.PossiblyIncomplete)
    Result["properties"] = llvm::json::Object{
        {"possiblyIncomplete", true},
        {"tags", llvm::json::Array{"possibly-incomplete"}}};
  return Result;
}

llvm::json::Object notification(const Finding &F, const Report &R) {
  llvm::json::Object Notification{
      {"level", levelName(F.Severity)},
      {"message", llvm::json::Object{{"text", F.Message + " [" + F.Check + "]"}}},
      {"descriptor", llvm::json::Object{{"id", F.Check}}}};
  if (F.Where.isValid())
    Notification["locations"] = llvm::json::Array{llvm::json::Object{
        {"physicalLocation", physicalLocation(F.Where, F.LineText, R.SourceRoot)}}};
  return Notification;
}

std::string directoryUri(llvm::StringRef Root) {
  std::string Uri = fileUri(Root);
  if (!llvm::StringRef(Uri).ends_with("/"))
    Uri += '/';
  return Uri;
}

} // namespace

llvm::json::Value toSarif(const Report &R) {
  llvm::json::Array Rules;
  for (const Rule &Rule : R.Rules) {
    llvm::json::Object Entry{
        {"id", Rule.Id},
        {"name", Rule.Id},
        {"shortDescription", llvm::json::Object{{"text", Rule.Summary.empty() ? Rule.Id
                                                                              : Rule.Summary}}},
        {"defaultConfiguration", llvm::json::Object{{"level", levelName(Rule.DefaultLevel)}}},
        {"properties", llvm::json::Object{{"tags", llvm::json::Array{"concurrency", "coroutines"}},
                                          {"precision", "high"}}}};
    if (!Rule.HelpUri.empty())
      Entry["helpUri"] = Rule.HelpUri;
    if (!Rule.Description.empty()) {
      Entry["fullDescription"] = llvm::json::Object{{"text", Rule.Description}};
      Entry["help"] = llvm::json::Object{{"text", Rule.Description}, {"markdown", Rule.Description}};
    }
    Rules.push_back(std::move(Entry));
  }

  llvm::json::Array Results, Notifications;
  for (const Finding &F : R.Findings) {
    if (F.Source == Origin::Check)
      Results.push_back(result(F, R));
    else
      Notifications.push_back(notification(F, R));
  }
  bool Succeeded = Notifications.empty();
  llvm::json::Object Invocation{{"executionSuccessful", Succeeded}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  llvm::json::Object Run{
      {"tool", llvm::json::Object{{"driver",
                                   llvm::json::Object{{"name", "corolint"},
                                                      {"informationUri", COROLINT_HOMEPAGE_URL},
                                                      {"version", COROLINT_VERSION},
                                                      {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       llvm::json::Object{{SourceRootId, llvm::json::Object{{"uri", directoryUri(R.SourceRoot)}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", llvm::json::Array{std::move(Invocation)}},
      {"results", std::move(Results)}};
  return llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}}};
}

void writeSarif(const Report &R, llvm::raw_ostream &OS) {
  OS << llvm::formatv("{0:2}", toSarif(R)) << "\n";
}

} // namespace corolint
