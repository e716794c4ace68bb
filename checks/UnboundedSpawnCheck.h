//===--- UnboundedSpawnCheck.h - async-unbounded-spawn ---------------------===//
#ifndef COROLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define COROLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Bounds.h"
#include "utils/HelperSearch.h"
#include "utils/Loops.h"
#include "utils/Summaries.h"
#include "llvm/ADT/DenseSet.h"

namespace corolint {

/// Flags one task per element of a collection (or per iteration of a loop
/// whose size is not a small constant) when nothing bounds how many run at
/// once: spawned in the loop, or collected in it and gathered after it.
/// When the spawned coroutine is defined in another file, the finding is left
/// to the whole program (the CLI's reduce, or the project's summary file in
/// the editor): withdrawn if that coroutine takes a semaphore every task shares.
///
/// See docs/checks/unbounded-spawn.md.
class UnboundedSpawnCheck : public AsyncCheck<UnboundedSpawnOptions> {
public:
  UnboundedSpawnCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// The main file is test or benchmark code: a counted fan-out there is the
  /// load the test or benchmark chooses, not something input can grow.
  bool loadIsChosen(const clang::SourceManager &SM) const;
  /// What the tasks created at one place add up to.
  struct Fanout {
    bool Unbounded = false;
    LoopSize Size;                                 ///< what the message names
    const clang::Stmt *OutermostLoop = nullptr;    ///< the outermost loop that multiplies
    const clang::CallExpr *Gather = nullptr;       ///< where the collected tasks are gathered
    bool GatherIsWindowed = false;
  };

  using Notes = llvm::SmallVector<std::pair<clang::SourceLocation, std::string>, 3>;
  /// What the unit would report.
  struct Finding {
    std::string Message;
    Notes Said;
  };

  Fanout fanout(const clang::Expr &Created, const clang::VarDecl *Container,
                const clang::FunctionDecl &Function, clang::ASTContext &Context) const;
  using Unseen = std::vector<SemaphoreSearch::Unseen>;
  /// Something bounds the spawned \p Work. Work whose body is elsewhere is
  /// recorded in \p Elsewhere when given, else trusted when handed a
  /// shared semaphore.
  bool isBounded(const clang::Expr &Spawn, llvm::ArrayRef<const clang::Expr *> Work,
                 const Fanout &Fan, const clang::FunctionDecl &Function,
                 clang::ASTContext &Context, Notes &Said, Unseen *Elsewhere) const;
  /// Reports the fan-out at \p At, or leaves it to the whole program when
  /// its bound depends on work defined elsewhere.
  void conclude(const clang::Expr &At, llvm::StringRef Verb, const Fanout &Fan,
                const Notes &Said, const Unseen &Elsewhere, const clang::FunctionDecl &Function,
                const clang::SourceManager &Sources);
  /// One question per coroutine elsewhere, each carrying \p Found: the
  /// finding stands unless one of them bounds the tasks. Whether any was asked.
  bool askProgram(const clang::Expr &At, const Finding &Found, const Unseen &Elsewhere,
                  const clang::FunctionDecl &Function, const clang::SourceManager &Sources);

  void checkSpawn(const clang::CallExpr &Spawn, clang::ASTContext &Context);
  /// \p Call in a loop runs a plain function of the unit that spawns (a
  /// `start(url)` that keeps the handle in a member): as a spawn in the loop.
  void checkHelperCall(const clang::CallExpr &Call, clang::ASTContext &Context);
  void checkCollected(const clang::Expr &Task, const clang::CXXMemberCallExpr &Push,
                      const clang::VarDecl &Container, clang::ASTContext &Context);

  NameList AllSpawns; ///< SpawnFunctions and OwnedSpawnFunctions
  /// Plain functions of the unit that reach a spawn, three calls deep.
  HelperSearch SpawningHelpers;
  /// One finding per place (template instantiations repeat it) and per container.
  llvm::DenseSet<const void *> Reported;
  /// loadIsChosen() of this translation unit, computed once.
  mutable std::optional<bool> ChosenLoad;

  /// async-blocking-call's SummaryFile: the project's summaries, in the
  /// editor and the plugin.
  std::string SummaryFile;
  /// Where the unit's questions and coroutine summaries go: the CLI's
  /// whole-program step, or Editor.Unit (answered at the unit's end); null
  /// when not across files.
  ProgramSummaries *Summaries = nullptr;
  EditorQuestions Editor;
  clang::ASTContext *Unit = nullptr; ///< once a definition matched
};

} // namespace corolint

#endif
