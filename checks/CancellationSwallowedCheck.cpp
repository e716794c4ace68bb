//===--- CancellationSwallowedCheck.cpp - async-cancellation-swallowed -----===//

#include "CancellationSwallowedCheck.h"
#include "checks/model/SwallowedCancellation.h"
#include "utils/Cancellation.h"
#include "utils/Coroutines.h"
#include "utils/Handlers.h"
#include "utils/Messages.h"
#include "utils/Names.h"
#include "utils/Profiles.h"
#include "utils/TestMacros.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

namespace {
// Every name counts as logging here: only a rethrow completes a cancellation.
const llvm::Regex NoLogging("^$");

/// `throw;` laid out to fit before the handler's closing brace.
std::string rethrowText(const CompoundStmt &Body, const SourceManager &Sources) {
  unsigned OpenLine = Sources.getSpellingLineNumber(Body.getLBracLoc());
  unsigned CloseLine = Sources.getSpellingLineNumber(Body.getRBracLoc());
  if (OpenLine == CloseLine)
    return Body.body_empty() ? " throw; " : "throw; ";
  unsigned Indent = Sources.getSpellingColumnNumber(Body.getRBracLoc()) - 1;
  return "  throw;\n" + std::string(Indent, ' ');
}
} // namespace

CancellationSwallowedCheck::CancellationSwallowedCheck(llvm::StringRef Name,
                                                       tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context) {
  llvm::StringRef(CancelMethods).split(CancelMethodNames, ';', -1, /*KeepEmpty=*/false);
}

void CancellationSwallowedCheck::registerMatchers(MatchFinder *Finder) {
  // A library that does not raise cancellation inside its tasks has nothing to swallow.
  if (cancellationIsInjected(CancelledTypes.Raw, CancellationByToken))
    Finder->addMatcher(cxxCatchStmt(isInCoroutine()).bind("handler"), this);
}

namespace {

/// A handler as the AST shows it, for swallowedCancellation().
class ClangHandler : public CancellationHandlerFacts {
public:
  ClangHandler(const CXXCatchStmt &Handler, const CXXTryStmt &Try,
               const MatchFinder::MatchResult &Result, const CancellationSwallowedOptions &Options,
               llvm::ArrayRef<llvm::StringRef> CancelMethods)
      : Handler(Handler), Try(Try), Result(Result), Context(*Result.Context), Options(Options),
        CancelMethods(CancelMethods), Where(contextOf(Handler, Context)) {}

  std::optional<std::string> caught() override {
    if (catchesAll(Handler))
      return "...";
    if (!hasListedType(Handler.getCaughtType(), Options.CancelledTypes.Names))
      return std::nullopt;
    return Handler.getCaughtType().getNonReferenceType().getUnqualifiedType().getAsString(
        Context.getPrintingPolicy());
  }
  bool trySuspends() override {
    Suspension = findSuspensionPoint(*Try.getTryBlock());
    return Suspension != nullptr;
  }
  bool rethrows() override { return actions().Rethrows; }
  bool doesNothing() override { return actions().swallows(); }
  bool inLibraryTask() override {
    return Where.Function && hasListedType(Where.Function->getReturnType(), Options.TaskTypes.Names);
  }
  std::string coroutine() override { return coroutineDisplayName(*Where.Function); }
  bool expectsThrow() override {
    return expandedFromMacro(Handler.getCatchLoc(), *Result.SourceManager, Context.getLangOpts(),
                             [](llvm::StringRef Macro) {
                               return expectsFailure(std::string_view(Macro.data(), Macro.size()));
                             });
  }
  bool passedOnLater() override {
    return rethrownAfterHandler(Handler, Try, *Where.Function->getBody());
  }
  bool awaitsOnlyWhatItCancelled() override {
    return corolint::awaitsOnlyWhatItCancelled(Try, Context, CancelMethods);
  }

  const Stmt *Suspension = nullptr; ///< trySuspends' answer

private:
  const HandlerActions &actions() {
    if (!Actions)
      Actions = analyzeHandler(Handler, NoLogging);
    return *Actions;
  }

  const CXXCatchStmt &Handler;
  const CXXTryStmt &Try;
  const MatchFinder::MatchResult &Result;
  ASTContext &Context;
  const CancellationSwallowedOptions &Options;
  llvm::ArrayRef<llvm::StringRef> CancelMethods;
  StatementContext Where;
  std::optional<HandlerActions> Actions;
};

} // namespace

void CancellationSwallowedCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Handler = Result.Nodes.getNodeAs<CXXCatchStmt>("handler");
  DynTypedNodeList Parents = Result.Context->getParents(*Handler);
  const auto *Try = Parents.empty() ? nullptr : Parents[0].get<CXXTryStmt>();
  if (!Try)
    return;
  ClangHandler Facts(*Handler, *Try, Result, *this, CancelMethodNames);
  std::optional<SwallowedCancellation> Found = swallowedCancellation(Facts, *this);
  if (!Found)
    return;
  {
    auto Diag = diag(Handler->getCatchLoc(), "%0") << Found->Message;
    const auto *Body = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
    SourceLocation End = Body->getRBracLoc();
    if (fallsThrough(*Body) && End.isValid() && !End.isMacroID() &&
        !Handler->getCatchLoc().isMacroID())
      Diag << FixItHint::CreateInsertion(End, rethrowText(*Body, *Result.SourceManager));
  }
  diag(Facts.Suspension->getBeginLoc(), "%0", DiagnosticIDs::Note) << Found->Note;
}

} // namespace corolint
