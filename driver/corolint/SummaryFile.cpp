//===--- SummaryFile.cpp - whole-program summaries on disk, and their answers ==//

#include "SummaryFile.h"
#include "checks/utils/SummaryJson.h"
#include "driver/fast/Nolint.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>
#include <optional>

namespace corolint {
namespace {

/// Drops the answers a NOLINT comment at their place silences, as the
/// unit's own findings there would be (the answers come after the units).
void dropSilenced(std::vector<CrossFileFinding> &Answers) {
  std::map<std::string, std::optional<std::pair<std::string, fast::NolintDirectives>>> Files;
  auto Silenced = [&](const CrossFileFinding &Answer) {
    auto [File, New] = Files.try_emplace(Answer.File);
    if (New)
      if (auto Buffer = llvm::MemoryBuffer::getFile(Answer.File, /*IsText=*/false,
                                                    /*RequiresNullTerminator=*/false))
        if ((*Buffer)->getBuffer().contains("NOLINT")) {
          std::string Text = (*Buffer)->getBuffer().str();
          fast::NolintDirectives Directives(Text);
          File->second.emplace(std::move(Text), std::move(Directives));
        }
    if (!File->second)
      return false;
    llvm::StringRef Before = llvm::StringRef(File->second->first).take_front(Answer.Offset);
    return File->second->second.suppresses("async-blocking-call", 1 + Before.count('\n'));
  };
  Answers.erase(std::remove_if(Answers.begin(), Answers.end(), Silenced), Answers.end());
}

} // namespace

llvm::Error writeSummaryFile(llvm::StringRef Path, const ProgramSummaries &Summaries) {
  // The directory `corolint init` names (.corolint/) is made on first use.
  if (std::error_code EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return llvm::createStringError(EC, "cannot create its directory: " + EC.message());
  // writeToOutput writes a temporary beside the file and renames it.
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << summariesToJson(Summaries) << "\n";
    return llvm::Error::success();
  });
}

std::vector<CrossFileFinding> answerProgram(const ProgramSummaries &Program,
                                            llvm::raw_ostream *Stats) {
  auto Start = std::chrono::steady_clock::now();
  std::vector<CrossFileFinding> Answers = answerOpenQuestions(Program);
  dropSilenced(Answers);
  if (Stats)
    *Stats << "corolint: whole program: " << Program.Functions.size() << " function(s), "
           << Program.Questions.size() << " open question(s), " << Answers.size()
           << " finding(s) across files, answered in "
           << llvm::format("%.3f", std::chrono::duration<double>(
                                       std::chrono::steady_clock::now() - Start)
                                       .count())
           << " s\n";
  return Answers;
}

std::vector<clang::tidy::ClangTidyError>
crossFileDiagnostics(const ProgramSummaries &Program, llvm::raw_ostream *Stats) {
  std::vector<clang::tidy::ClangTidyError> Diagnostics;
  for (CrossFileFinding &Answer : answerProgram(Program, Stats)) {
    clang::tidy::ClangTidyError &Error = Diagnostics.emplace_back(
        "async-blocking-call", clang::tooling::Diagnostic::Warning, /*BuildDirectory=*/"",
        /*IsWarningAsError=*/false);
    Error.Message = clang::tooling::DiagnosticMessage();
    Error.Message.Message = std::move(Answer.Message);
    Error.Message.FilePath = std::move(Answer.File);
    Error.Message.FileOffset = Answer.Offset;
    for (PathNote &Step : Answer.Notes) {
      clang::tooling::DiagnosticMessage &Note = Error.Notes.emplace_back();
      Note.Message = Step.message();
      Note.FilePath = std::move(Step.File);
      Note.FileOffset = Step.Offset;
    }
  }
  return Diagnostics;
}

} // namespace corolint
