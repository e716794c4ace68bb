//===--- CancellationSwallowedCheck.cpp - async-cancellation-swallowed -----===//

#include "CancellationSwallowedCheck.h"
#include "utils/Cancellation.h"
#include "utils/CancellationPolicy.h"
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

void CancellationSwallowedCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  const auto *Handler = Result.Nodes.getNodeAs<CXXCatchStmt>("handler");
  DynTypedNodeList Parents = Context.getParents(*Handler);
  const auto *Try = Parents.empty() ? nullptr : Parents[0].get<CXXTryStmt>();
  if (!Try)
    return;
  // A test assertion that expects a throw (`CHECK_THROWS(co_await f())`,
  // `EXPECT_THROW`) writes its own catch: what it catches is the test's verdict.
  if (expandedFromMacro(Handler->getCatchLoc(), *Result.SourceManager, getLangOpts(),
                        [](llvm::StringRef Macro) {
                          return expectsFailure(std::string_view(Macro.data(), Macro.size()));
                        }))
    return;
  bool All = catchesAll(*Handler);
  if (!All && !hasListedType(Handler->getCaughtType(), CancelledTypes.Names))
    return;
  const Stmt *Suspension = findSuspensionPoint(*Try->getTryBlock());
  if (!Suspension)
    return;
  HandlerActions Actions = analyzeHandler(*Handler, NoLogging);
  if (Actions.Rethrows)
    return;
  // `catch (...)` that does nothing at all is async-dropped-exception's finding.
  if (All && Actions.swallows())
    return;
  StatementContext Where = contextOf(*Handler, Context);
  // Only the library's own tasks are cancelled by it: a coroutine of another
  // type (seastar::future, a project's own task) never sees its cancellation.
  if (!Where.Function || !hasListedType(Where.Function->getReturnType(), TaskTypes.Names) ||
      rethrownAfterHandler(*Handler, *Try, *Where.Function->getBody()) ||
      awaitsOnlyWhatItCancelled(*Try, Context, CancelMethodNames))
    return;

  std::string Cancelled = CancelledTypes.firstSpelling();
  std::string Caught = All ? std::string("...")
                           : Handler->getCaughtType().getNonReferenceType().getUnqualifiedType()
                                 .getAsString(Context.getPrintingPolicy());
  {
    auto Diag = diag(Handler->getCatchLoc(), "%0")
                << messages::cancellationSwallowed(Caught, Cancelled,
                                                   coroutineDisplayName(*Where.Function));
    const auto *Body = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
    SourceLocation End = Body->getRBracLoc();
    if (fallsThrough(*Body) && End.isValid() && !End.isMacroID() &&
        !Handler->getCatchLoc().isMacroID())
      Diag << FixItHint::CreateInsertion(End, rethrowText(*Body, *Result.SourceManager));
  }
  diag(Suspension->getBeginLoc(), "cancellation is delivered at this suspension point",
       DiagnosticIDs::Note);
}

} // namespace corolint
