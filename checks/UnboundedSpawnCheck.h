//===--- UnboundedSpawnCheck.h - async-unbounded-spawn ---------------------===//
#ifndef COROLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define COROLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Loops.h"
#include "llvm/ADT/DenseSet.h"

namespace corolint {

/// Flags one task per element of a collection (or per iteration of a loop
/// whose size is not a small constant) when nothing bounds how many run at
/// once: spawned in the loop, or collected in it and gathered after it.
///
/// See docs/checks/unbounded-spawn.md.
class UnboundedSpawnCheck : public AsyncCheck<UnboundedSpawnOptions> {
public:
  UnboundedSpawnCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Reported.clear();
    ChosenLoad.reset();
  }

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

  Fanout fanout(const clang::Expr &Created, const clang::VarDecl *Container,
                const clang::FunctionDecl &Function, clang::ASTContext &Context) const;
  bool isBounded(const clang::Expr &Spawn, llvm::ArrayRef<const clang::Expr *> Work,
                 const Fanout &Fan, const clang::FunctionDecl &Function,
                 clang::ASTContext &Context, llvm::SmallVectorImpl<std::pair<clang::SourceLocation, std::string>> &Notes) const;
  void report(const clang::Expr &At, llvm::StringRef Verb, const Fanout &Fan,
              llvm::ArrayRef<std::pair<clang::SourceLocation, std::string>> Notes);

  void checkSpawn(const clang::CallExpr &Spawn, clang::ASTContext &Context);
  void checkCollected(const clang::Expr &Task, const clang::CXXMemberCallExpr &Push,
                      const clang::VarDecl &Container, clang::ASTContext &Context);

  NameList AllSpawns; ///< SpawnFunctions and OwnedSpawnFunctions
  /// One finding per place (template instantiations repeat it) and per container.
  llvm::DenseSet<const void *> Reported;
  /// loadIsChosen() of this translation unit, computed once.
  mutable std::optional<bool> ChosenLoad;
};

} // namespace corolint

#endif
