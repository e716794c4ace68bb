//===--- TextFormat.cpp - clang-style diagnostics with carets and fix-its -===//
//
// Rebuilds source locations from the findings and lets clang's own
// TextDiagnosticPrinter draw them, exactly as clang-tidy's reporter does.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace corolint {
namespace {

class TextReporter {
public:
  TextReporter(llvm::raw_ostream &OS, bool Color)
      : Files(clang::FileSystemOptions(), llvm::vfs::getRealFileSystem()),
        Options(new clang::DiagnosticOptions()), Printer(OS, Options.get()),
        Diags(new clang::DiagnosticIDs(), Options, &Printer, /*ShouldOwnClient=*/false),
        Sources(Diags, Files) {
    Options->ShowColors = Color;
    OS.enable_colors(Color);
    Printer.BeginSourceFile(LangOpts, /*PP=*/nullptr);
  }
  ~TextReporter() { Printer.EndSourceFile(); }

  void report(const Finding &F) {
    {
      clang::DiagnosticBuilder Diag =
          Diags.Report(location(F.Where), Diags.getCustomDiagID(engineLevel(F.Severity), "%0 [%1]"))
          << messageForPeople(F) << F.Check;
      for (const clang::tooling::FileByteRange &Range : F.Ranges)
        Diag << range(Range.FilePath, Range.FileOffset, Range.Length);
      for (const clang::tooling::Replacement &Fix : F.Fixes)
        Diag << clang::FixItHint::CreateReplacement(
            range(Fix.getFilePath(), Fix.getOffset(), Fix.getLength()), Fix.getReplacementText());
    }
    for (const FindingNote &Note : F.Notes) {
      clang::DiagnosticBuilder Diag =
          Diags.Report(location(Note.Where),
                       Diags.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0"))
          << Note.Message;
      for (const clang::tooling::FileByteRange &Range : Note.Ranges)
        Diag << range(Range.FilePath, Range.FileOffset, Range.Length);
    }
  }

private:
  static clang::DiagnosticsEngine::Level engineLevel(Level L) {
    switch (L) {
    case Level::Error:
      return clang::DiagnosticsEngine::Error;
    case Level::Warning:
      return clang::DiagnosticsEngine::Warning;
    case Level::Note:
      return clang::DiagnosticsEngine::Remark;
    }
    llvm_unreachable("every level maps");
  }

  clang::SourceLocation location(llvm::StringRef File, unsigned Offset) {
    if (File.empty())
      return {};
    llvm::Expected<clang::FileEntryRef> Entry = Files.getFileRef(File);
    if (!Entry) {
      llvm::consumeError(Entry.takeError());
      return {};
    }
    clang::FileID ID = Sources.getOrCreateFileID(*Entry, clang::SrcMgr::C_User);
    return Sources.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }
  clang::SourceLocation location(const SourcePosition &Where) {
    return location(Where.File, Where.Offset);
  }
  clang::CharSourceRange range(llvm::StringRef File, unsigned Offset, unsigned Length) {
    clang::SourceLocation Begin = location(File, Offset);
    return clang::CharSourceRange::getCharRange(Begin, Begin.getLocWithOffset(Length));
  }

  clang::FileManager Files;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options;
  clang::TextDiagnosticPrinter Printer;
  clang::DiagnosticsEngine Diags;
  clang::SourceManager Sources;
  clang::LangOptions LangOpts;
};

} // namespace

void writeText(const Report &R, llvm::raw_ostream &OS, bool Color) {
  TextReporter Reporter(OS, Color);
  for (const Finding &F : R.Findings)
    Reporter.report(F);
}

} // namespace corolint
