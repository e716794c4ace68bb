//===--- JsonFormat.cpp - corolint's own JSON, for scripts ----------------===//

#include "Formats.h"
#include "driver/corolint/Fingerprint.h"

namespace corolint {
namespace {

llvm::StringRef originName(Origin O) {
  switch (O) {
  case Origin::Check:
    return "check";
  case Origin::Compiler:
    return "compiler";
  case Origin::Config:
    return "config";
  }
  llvm_unreachable("every origin is named");
}

llvm::json::Object position(const SourcePosition &Where, llvm::StringRef Root) {
  if (!Where.isValid())
    return {};
  return llvm::json::Object{{"file", Where.File},
                            {"path", relativeToRoot(Where.File, Root)},
                            {"line", Where.Line},
                            {"column", Where.Column},
                            {"offset", Where.Offset}};
}

llvm::json::Object finding(const Finding &F, llvm::StringRef Root) {
  llvm::json::Object Object = position(F.Where, Root);
  Object["check"] = F.Check;
  Object["origin"] = originName(F.Source);
  Object["level"] = levelName(F.Severity);
  Object["message"] = F.Message;
  Object["fingerprint"] = F.Fingerprint;
  Object["possiblyIncomplete"] = F.PossiblyIncomplete;
  llvm::json::Array Notes;
  for (const FindingNote &Note : F.Notes) {
    llvm::json::Object NoteObject = position(Note.Where, Root);
    NoteObject["message"] = Note.Message;
    Notes.push_back(std::move(NoteObject));
  }
  Object["notes"] = std::move(Notes);
  llvm::json::Array Fixes;
  for (const clang::tooling::Replacement &R : F.Fixes)
    Fixes.push_back(llvm::json::Object{{"file", R.getFilePath()},
                                       {"offset", R.getOffset()},
                                       {"length", R.getLength()},
                                       {"replacement", R.getReplacementText()}});
  Object["fixes"] = std::move(Fixes);
  return Object;
}

} // namespace

void writeJson(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(finding(F, R.SourceRoot));
  llvm::json::Object Log{{"version", 1},
                         {"tool", "corolint"},
                         {"sourceRoot", R.SourceRoot},
                         {"findings", std::move(Findings)}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

} // namespace corolint
