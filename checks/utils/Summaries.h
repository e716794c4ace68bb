//===--- Summaries.h - a translation unit's part of the whole program -----===//
//
// The Clang side of checks/model/ProgramSummary: while a SummaryScope is
// alive on a thread (the CLI opens one around each unit it lints), the
// checks that search helpers write the unit's function summaries and open
// questions into it, in the parse that runs them. Without a scope (the
// clang-tidy plugin, clangd) nothing is collected and nothing costs.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SUMMARIES_H
#define COROLINT_CHECKS_UTILS_SUMMARIES_H

#include "checks/model/ProgramSummary.h"
#include "checks/model/NameList.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <optional>
#include <set>
#include <string>

namespace corolint {

/// Collects this thread's summaries into \p Out until destroyed.
class SummaryScope {
public:
  explicit SummaryScope(ProgramSummaries &Out);
  ~SummaryScope();
  SummaryScope(const SummaryScope &) = delete;
  SummaryScope &operator=(const SummaryScope &) = delete;

private:
  ProgramSummaries *Outer;
};

/// Where this thread's unit writes its summaries; null when nobody collects.
ProgramSummaries *summaryOutput();

/// \p D's key across translation units (its USR); empty when it has none.
std::string summaryKey(const clang::Decl &D);

/// \p Name (a file the unit read) made absolute against the unit's working
/// directory, its compile command's (not the process's).
std::string unitAbsolutePath(llvm::StringRef Name, const clang::SourceManager &Sources);

/// \p File's name as summaries and findings write it: absolute, without "..".
std::string summaryPath(clang::FileEntryRef File, const clang::SourceManager &Sources);

/// Every file the unit read, as summaryPath writes them.
std::set<std::string> unitFiles(const clang::SourceManager &Sources);

/// \p Location as a question or summary records it: absolute file, offset.
std::optional<std::pair<std::string, unsigned>> summaryPlace(clang::SourceLocation Location,
                                                             const clang::SourceManager &Sources);

/// A unit's own summaries and questions in the editor and the plugin (no CLI
/// collects them): answered at the unit's end from the project's summary
/// file (ProjectSummaries.h), or over the unit alone, each answer reported
/// where it was asked.
class EditorQuestions {
public:
  ProgramSummaries Unit; ///< where the check writes them
  void clear();
  /// The question last appended to Unit.Questions was asked at \p At.
  void askedAt(clang::SourceLocation At) { Places.push_back(At); }
  using Report = std::function<void(clang::SourceLocation At, llvm::StringRef Text,
                                    clang::DiagnosticIDs::Level Level)>;
  /// Answers the questions over the summary file \p Configured names for the
  /// unit's main file (none when empty). Without one (none configured, none
  /// found, unreadable), over the unit alone when \p UnitAlone, else not at all.
  void answer(llvm::StringRef Configured, bool UnitAlone, const clang::SourceManager &Sources,
              const Report &Diagnose);

  /// A unit's end for \p Check, whose summaries and questions went to \p Out:
  /// the CLI's, or Unit (then answered as answer() says, reported as
  /// \p Check's diagnostics). \p Summarize writes the unit's summaries,
  /// skipped when nobody will read them.
  void finishUnit(ProgramSummaries &Out, llvm::StringRef Configured, bool UnitAlone,
                  const clang::SourceManager &Sources,
                  const std::function<void(ProgramSummaries &)> &Summarize,
                  clang::tidy::ClangTidyCheck &Check);

private:
  std::vector<clang::SourceLocation> Places;
};

/// Summarizes the functions of one translation unit.
class UnitSummarizer {
public:
  /// The blocking operation \p Call is by itself, if any.
  using BlockingAt = std::function<std::optional<BlockingOperation>(const clang::Expr &Call)>;

  /// \p Runners: the RunFunctions, whose calls async-nested-run's questions seek.
  UnitSummarizer(BlockingAt Blocking, const NameList &Runners,
                 const NameList &NonBlockingHelpers)
      : Blocking(std::move(Blocking)), Runners(Runners), NonBlockingHelpers(NonBlockingHelpers) {}
  /// For a check other than async-blocking-call: no call is a blocking
  /// operation, and no helper is known not to block.
  explicit UnitSummarizer(const NameList &Runners);

  /// Appends a summary of every function defined in user code among the
  /// AST's traversal scope (template instantiations included) to \p Out.
  void summarizeUnit(clang::ASTContext &Context, ProgramSummaries &Out);

  /// async-unbounded-spawn's part: a summary of every coroutine defined in
  /// user code, with the semaphores \p Semaphores says it awaits (the reduce
  /// merges it with the other checks' summary of the same definition).
  void summarizeCoroutines(
      clang::ASTContext &Context, ProgramSummaries &Out,
      const std::function<SemaphoreUse(const clang::FunctionDecl &)> &Semaphores);

  /// summaryPlace(), with the unit's files named once.
  std::optional<std::pair<std::string, unsigned>> place(clang::SourceLocation Location,
                                                        const clang::SourceManager &Sources);

private:
  std::optional<FunctionSummary> summarize(const clang::FunctionDecl &Definition,
                                           const clang::SourceManager &Sources);
  struct FileFacts {
    std::string Path;
    uint64_t Hash = 0;
  };
  const FileFacts *fileFacts(clang::FileID File, const clang::SourceManager &Sources);

  BlockingAt Blocking;
  const NameList &Runners;
  const NameList &NonBlockingHelpers;
  llvm::DenseMap<clang::FileID, std::optional<FileFacts>> Files;
};

} // namespace corolint

#endif
