//===--- FastMain.cpp - `corolint --fast FILES...` ------------------------===//

#include "driver/fast/FastMain.h"

#include "checks/utils/BlockingFunctions.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <string_view>
#include <tuple>

namespace corolint::fast {

namespace {

/// The text of 1-based line \p Line, without its line break.
std::string_view sourceLine(std::string_view Source, unsigned Line) {
  size_t Begin = 0;
  for (unsigned Current = 1; Current < Line; ++Current) {
    size_t Break = Source.find('\n', Begin);
    if (Break == std::string_view::npos)
      return {};
    Begin = Break + 1;
  }
  std::string_view Rest = Source.substr(Begin);
  Rest = Rest.substr(0, Rest.find('\n'));
  if (!Rest.empty() && Rest.back() == '\r')
    Rest.remove_suffix(1);
  return Rest;
}

/// Like clang: the line, then a caret under byte column \p Column. Tabs are
/// kept and every UTF-8 character counts once, so the caret lines up.
void printSnippet(llvm::raw_ostream &Out, std::string_view Source, unsigned Line,
                  unsigned Column) {
  std::string_view Text = sourceLine(Source, Line);
  Out << Text << '\n';
  std::string Caret;
  for (size_t I = 0; I + 1 < Column && I < Text.size(); ++I) {
    unsigned char Byte = static_cast<unsigned char>(Text[I]);
    if ((Byte & 0xC0) == 0x80)
      continue; // UTF-8 continuation byte
    Caret += Byte == '\t' ? '\t' : ' ';
  }
  Out << Caret << "^\n";
}

void printDiagnostic(llvm::raw_ostream &Out, const std::string &Path, std::string_view Source,
                     unsigned Line, unsigned Column, std::string_view Severity,
                     std::string_view Message, std::string_view CheckName) {
  Out << Path << ':' << Line << ':' << Column << ": " << Severity << ": " << Message;
  if (!CheckName.empty())
    Out << " [" << CheckName << ']';
  Out << '\n';
  printSnippet(Out, Source, Line, Column);
}

} // namespace

int runFastMode(const std::vector<std::string> &Paths, const Options &Opts,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  std::string OptionError;
  if (!parseBlockingFunctions(Opts.BlockingFunctions, OptionError)) {
    Err << "error: invalid BlockingFunctions option: " << OptionError << '\n';
    return FastInputError;
  }
  if (Paths.empty()) {
    Err << "error: no input files\n";
    return FastInputError;
  }

  bool InputError = false, AnyFinding = false;
  for (const std::string &Path : Paths) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Err << "error: cannot read '" << Path << "': " << Buffer.getError().message() << '\n';
      InputError = true;
      continue;
    }
    std::string_view Source((*Buffer)->getBufferStart(), (*Buffer)->getBufferSize());
    FileResult Result = lintBuffer(Source, Opts);
    // Errors and findings interleaved in source order, as a compiler prints them.
    auto Error = Result.ParseErrors.begin();
    for (const Finding &Found : Result.Findings) {
      for (; Error != Result.ParseErrors.end() &&
             std::tie(Error->Line, Error->Column) <= std::tie(Found.Line, Found.Column);
           ++Error)
        printDiagnostic(Out, Path, Source, Error->Line, Error->Column, "error", Error->What, "");
      printDiagnostic(Out, Path, Source, Found.Line, Found.Column, "warning", Found.Message,
                      Found.CheckName);
    }
    for (; Error != Result.ParseErrors.end(); ++Error)
      printDiagnostic(Out, Path, Source, Error->Line, Error->Column, "error", Error->What, "");
    InputError |= !Result.ParseErrors.empty();
    AnyFinding |= !Result.Findings.empty();
  }
  Out.flush();
  if (InputError)
    return FastInputError;
  return AnyFinding ? FastFindings : FastClean;
}

} // namespace corolint::fast
