//===--- Findings.cpp - clang-tidy's diagnostics as corolint findings -----===//

#include "Findings.h"
#include "Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <memory>
#include <tuple>

namespace corolint {
namespace {

/// File contents read once, for positions and line texts.
class SourceFiles {
public:
  /// Fills Line, Column; returns the line's text ("" when the file is unreadable).
  llvm::StringRef locate(SourcePosition &Where) {
    const llvm::MemoryBuffer *Buffer = get(Where.File);
    if (!Buffer)
      return "";
    llvm::StringRef Text = Buffer->getBuffer();
    unsigned Offset = std::min<size_t>(Where.Offset, Text.size());
    size_t NewlineBefore = Text.take_front(Offset).rfind('\n');
    size_t LineStart = NewlineBefore == llvm::StringRef::npos ? 0 : NewlineBefore + 1;
    Where.Line = 1 + Text.take_front(LineStart).count('\n');
    Where.Column = 1 + Offset - LineStart;
    size_t LineEnd = Text.find_first_of("\r\n", LineStart);
    return Text.slice(LineStart, LineEnd == llvm::StringRef::npos ? Text.size() : LineEnd);
  }

private:
  const llvm::MemoryBuffer *get(llvm::StringRef Path) {
    auto It = Buffers.find(Path);
    if (It == Buffers.end()) {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Read =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
      It = Buffers.try_emplace(Path, Read ? std::move(*Read) : nullptr).first;
    }
    return It->second.get();
  }

  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

/// Absolute and without "..": a header reached from two directories is one file.
std::string absolute(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Absolute;
  if (!llvm::sys::path::is_absolute(Path))
    Absolute = BuildDirectory;
  llvm::sys::path::append(Absolute, Path);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

Origin originOf(llvm::StringRef Name) {
  if (Name.starts_with("clang-tidy-config"))
    return Origin::Config;
  if (Name.starts_with("clang-diagnostic-"))
    return Origin::Compiler;
  return Origin::Check;
}

Level levelOf(const clang::tidy::ClangTidyError &Error) {
  if (Error.IsWarningAsError || Error.DiagLevel == clang::tooling::Diagnostic::Error)
    return Level::Error;
  if (Error.DiagLevel == clang::tooling::Diagnostic::Remark)
    return Level::Note;
  return Level::Warning;
}

std::vector<clang::tooling::FileByteRange>
absoluteRanges(llvm::ArrayRef<clang::tooling::FileByteRange> Ranges, llvm::StringRef BuildDir) {
  std::vector<clang::tooling::FileByteRange> Result(Ranges.begin(), Ranges.end());
  for (clang::tooling::FileByteRange &Range : Result)
    Range.FilePath = absolute(Range.FilePath, BuildDir);
  return Result;
}

} // namespace

std::vector<Finding> toFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                                llvm::StringRef SourceRoot,
                                const std::vector<bool> &FromUncompiledUnit) {
  SourceFiles Files;
  std::vector<Finding> Findings;
  for (size_t I = 0; I < Errors.size(); ++I) {
    const clang::tidy::ClangTidyError &Error = Errors[I];
    Finding F;
    F.Check = Error.DiagnosticName;
    F.Source = originOf(F.Check);
    F.PossiblyIncomplete =
        F.Source == Origin::Check && I < FromUncompiledUnit.size() && FromUncompiledUnit[I];
    F.Severity = levelOf(Error);
    F.Message = Error.Message.Message;
    F.BuildDirectory = Error.BuildDirectory;
    F.Where.File = absolute(Error.Message.FilePath, Error.BuildDirectory);
    F.Where.Offset = Error.Message.FileOffset;
    if (F.Where.isValid())
      F.LineText = std::string(Files.locate(F.Where));
    F.Ranges = absoluteRanges(Error.Message.Ranges, Error.BuildDirectory);
    for (const auto &[Path, Replacements] : Error.Message.Fix)
      for (const clang::tooling::Replacement &R : Replacements)
        F.Fixes.emplace_back(absolute(R.getFilePath(), Error.BuildDirectory), R.getOffset(),
                             R.getLength(), R.getReplacementText());
    for (const clang::tooling::DiagnosticMessage &Message : Error.Notes) {
      FindingNote Note;
      Note.Message = Message.Message;
      Note.Where.File = absolute(Message.FilePath, Error.BuildDirectory);
      Note.Where.Offset = Message.FileOffset;
      if (Note.Where.isValid())
        Files.locate(Note.Where);
      Note.Ranges = absoluteRanges(Message.Ranges, Error.BuildDirectory);
      F.Notes.push_back(std::move(Note));
    }
    Findings.push_back(std::move(F));
  }
  orderFindings(Findings);
  assignFingerprints(Findings, SourceRoot);
  return Findings;
}

void orderFindings(std::vector<Finding> &Findings) {
  // Deterministic whatever -j and the order of translation units.
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return std::tie(A.Where.File, A.Where.Offset, A.Check, A.Message) <
           std::tie(B.Where.File, B.Where.Offset, B.Check, B.Message);
  });
  // Units that share a header report its findings once each.
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return std::tie(A.Where.File, A.Where.Offset, A.Check, A.Message) ==
                                      std::tie(B.Where.File, B.Where.Offset, B.Check, B.Message);
                             }),
                 Findings.end());
}

} // namespace corolint
