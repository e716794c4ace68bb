//===--- SummaryFile.cpp - whole-program summaries on disk, and their answers ==//

#include "SummaryFile.h"
#include "checks/utils/SummaryJson.h"
#include "driver/fast/Nolint.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>
#include <algorithm>
#include <optional>

namespace corolint {
namespace {

/// Drops the answers a NOLINT comment at their place silences, as the
/// unit's own findings there would be (the answers come after the units).
void dropSilenced(std::vector<CrossFileFinding> &Answers) {
  struct Source {
    std::unique_ptr<llvm::MemoryBuffer> Text; ///< null: unreadable, or no NOLINT in it
    std::optional<fast::NolintDirectives> Directives;
  };
  std::map<std::string, Source> Files;
  auto Silenced = [&](const CrossFileFinding &Answer) {
    auto [File, New] = Files.try_emplace(Answer.File);
    Source &Read = File->second;
    if (New)
      if (auto Buffer = llvm::MemoryBuffer::getFile(Answer.File, /*IsText=*/false,
                                                    /*RequiresNullTerminator=*/false);
          Buffer && (*Buffer)->getBuffer().contains("NOLINT")) {
        Read.Text = std::move(*Buffer);
        llvm::StringRef Text = Read.Text->getBuffer();
        Read.Directives.emplace(std::string_view(Text.data(), Text.size()));
      }
    if (!Read.Text)
      return false;
    unsigned Line = 1 + Read.Text->getBuffer().take_front(Answer.Offset).count('\n');
    return Read.Directives->suppresses(Answer.Check, Line);
  };
  Answers.erase(std::remove_if(Answers.begin(), Answers.end(), Silenced), Answers.end());
}

} // namespace

void markAsErrors(ProgramSummaries &Program, WarningsAsErrors &AsErrors) {
  for (OpenQuestion &Question : Program.Questions)
    Question.AsError = AsErrors.contains(Question.File, checkSeeking(Question.Seeks));
}

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
  if (!Stats)
    return Answers;
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  size_t Asked[3] = {0, 0, 0}, Runners = 0; // by what each seeks
  for (const OpenQuestion &Question : Program.Questions)
    ++Asked[static_cast<int>(Question.Seeks)];
  for (const FunctionSummary &Function : Program.Functions)
    Runners += std::count_if(Function.Calls.begin(), Function.Calls.end(),
                             [](const SummaryCall &Call) { return !Call.Runs.empty(); });
  *Stats << "corolint: whole program: " << Program.Functions.size() << " function(s), "
         << Program.Questions.size() << " open question(s), " << Answers.size()
         << " finding(s) across files, answered in " << llvm::format("%.3f", Seconds)
         << " s (questions: " << Asked[0] << " async-blocking-call, " << Asked[1]
         << " async-nested-run, " << Asked[2] << " async-unbounded-spawn; " << Runners
         << " call(s) of loop runners summarized)\n";
  return Answers;
}

std::vector<clang::tidy::ClangTidyError>
crossFileDiagnostics(const ProgramSummaries &Program, llvm::raw_ostream *Stats) {
  std::vector<clang::tidy::ClangTidyError> Diagnostics;
  for (CrossFileFinding &Answer : answerProgram(Program, Stats)) {
    clang::tidy::ClangTidyError &Error = Diagnostics.emplace_back(
        Answer.Check, clang::tooling::Diagnostic::Warning, /*BuildDirectory=*/"",
        Answer.AsError);
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
