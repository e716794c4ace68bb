//===--- YamlFormat.cpp - clang-tidy's export-fixes YAML ------------------===//
//
// The same document `clang-tidy --export-fixes` writes, through clang's own
// YAML traits, so clang-apply-replacements-19 applies it.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/YAMLTraits.h"

namespace corolint {
namespace {

clang::tooling::DiagnosticMessage message(llvm::StringRef Text, const SourcePosition &Where,
                                          llvm::ArrayRef<clang::tooling::FileByteRange> Ranges) {
  clang::tooling::DiagnosticMessage Message(Text);
  Message.FilePath = Where.File;
  Message.FileOffset = Where.Offset;
  Message.Ranges.assign(Ranges.begin(), Ranges.end());
  return Message;
}

clang::tooling::Diagnostic diagnostic(const Finding &F) {
  clang::tooling::Diagnostic D;
  D.DiagnosticName = F.Check;
  D.DiagLevel = F.Severity == Level::Error     ? clang::tooling::Diagnostic::Error
                : F.Severity == Level::Warning ? clang::tooling::Diagnostic::Warning
                                               : clang::tooling::Diagnostic::Remark;
  D.BuildDirectory = F.BuildDirectory;
  D.Message = message(F.Message, F.Where, F.Ranges);
  for (const clang::tooling::Replacement &R : F.Fixes)
    llvm::consumeError(D.Message.Fix[R.getFilePath()].add(R));
  for (const FindingNote &Note : F.Notes)
    D.Notes.push_back(message(Note.Message, Note.Where, Note.Ranges));
  return D;
}

} // namespace

void writeYaml(const Report &R, llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitDiagnostics Document;
  Document.MainSourceFile = R.MainSourceFile;
  for (const Finding &F : R.Findings)
    Document.Diagnostics.push_back(diagnostic(F));
  llvm::yaml::Output YAML(OS);
  YAML << Document;
}

} // namespace corolint
