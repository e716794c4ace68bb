//===--- FastCheck.h - what every fast check is, and their shared helpers -===//
//
// A fast check says which names it needs resolved (request) and then reads
// the FileModel and short walks of single bodies (check). Helpers used by
// more than one check live here, once.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTCHECK_H
#define COROLINT_DRIVER_FAST_FASTCHECK_H

#include "checks/model/HelperReach.h"
#include "checks/model/ProgramSummary.h"
#include "checks/utils/Budget.h"
#include "checks/utils/LoopSize.h"
#include "driver/fast/Callees.h"
#include "driver/fast/FastEngine.h"
#include "driver/fast/FunctionModel.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace corolint::fast {

/// One file as the checks see it.
struct CheckContext {
  std::string_view Source;
  TSNode Root;
  const FileModel &Model;
  std::vector<Finding> &Findings;
  /// What the file's searches that are not linear (helper paths) may cost;
  /// spent: they find nothing more.
  WorkBudget &Budget;
  /// Where the file's part of the whole program goes, when the caller
  /// collects it (checks/model/ProgramSummary.h); null otherwise.
  ProgramSummaries *Summaries = nullptr;
  std::string_view File; ///< absolute, for summaries; may be empty

  Finding &report(std::string_view Check, TSNode At, std::string Message) const;
  void note(Finding &Parent, TSNode At, std::string Message) const;
  std::string text(TSNode Node) const { return compactText(Node, Source); }
};

class FastCheck {
public:
  virtual ~FastCheck() = default;
  virtual void request(ScanRequest &Request) const = 0;
  virtual void check(const CheckContext &Context) const = 0;
  /// Writes the summaries of the file's functions into Context.Summaries
  /// (set); runs on every file, also those check() skips for having no
  /// coroutine: what they define may be called from one elsewhere.
  virtual void summarize(const CheckContext &Context) const {}
  /// Whether this check summarizes when the caller collects (its options
  /// may turn that off): every file is then parsed, and every call recorded.
  virtual bool summarizes() const { return false; }
  /// Words (last name segments) without which this check can report nothing
  /// outside coroutines; a file with none of them and no coroutine keyword is
  /// not parsed at all.
  virtual void triggers(std::vector<std::vector<std::string>> &Words) const {}
};

/// Each check's factory: nullptr when its options leave it nothing to do.
#define ASYNC_CHECK(Stem, Name) std::unique_ptr<FastCheck> make##Stem##Check(const Options &Opts);
#include "checks/Checks.def"

/// Asks for every last segment of \p List to be resolved.
void requestNames(ScanRequest &Request, const NameList &List);

/// The callee of \p Call is on \p List: the listed name, or nullptr.
const std::string *calleeListed(const CallSite &Call, const NameList &List);

/// The BlockingFunctions entry one of \p Candidates (qualified names a call
/// may denote) names: a listed one, or `std::fopen` for a listed C function
/// (<cstdio> and friends declare the C library in std:: too); nullptr if none.
const std::string *blockingListed(const std::vector<std::string> &Candidates,
                                  const NameList &Blocking);

/// The type named by \p TypeNode (through `const`, references, template
/// arguments, the standard's typedefs such as `std::ifstream`) is on \p List:
/// the listed name, or nullptr.
const std::string *typeListed(TSNode TypeNode, const FileModel &Model, const NameList &List);

/// The first template argument of the type \p TypeNode names, spelled as
/// written ("int" for aio::task<int>); "" when it has none.
std::string firstTemplateArgument(TSNode TypeNode, std::string_view Source);

/// "coroutine 'f'" needs the function's name; lambdas have none.
inline std::string_view displayName(const FunctionInfo &Function) {
  return Function.IsLambda ? std::string_view() : std::string_view(Function.Name);
}

/// The value of \p Call is thrown away: it is a statement of its own, or
/// cast to void (`(void)f();`, `static_cast<void>(f())`). Returns the node
/// to report at (the call), or nothing.
bool isDiscarded(TSNode Call, std::string_view Source);

/// The nearest ancestor of \p Node of one of the loop kinds, stopping at \p Stop.
std::vector<TSNode> enclosingLoops(TSNode Node, TSNode Stop);

/// What bounds the number of iterations of a loop, read from the syntax.
using corolint::LoopSize;
LoopSize loopSize(TSNode Loop, std::string_view Source);

/// A counted for loop whose body never reads its counter, or a range-for whose
/// body never reads its element (`for (auto _ : state)`), repeats the same work
/// (a benchmark's iterations, a test's two dequeues): no item per iteration.
bool repeatsWithoutItems(TSNode Loop, std::string_view Source);

/// What a call reaches through helpers of this file.
struct HelperPath {
  const FunctionInfo *Helper = nullptr; ///< the function the call runs
  const CallSite *Target = nullptr;     ///< the call it leads to
};

/// The fast side of checks/model/HelperReach: the file's functions described
/// to it (a plain, non-coroutine function is entered; its calls in source
/// order, each with the definitions calleeDefinitions finds). One per check
/// and file: its summaries are for one target predicate.
class HelperSearch {
public:
  HelperSearch(const CheckContext &Context, std::function<bool(const CallSite &)> IsTarget);
  // Its summaries' describer points back at it: it stays where it was made.
  HelperSearch(const HelperSearch &) = delete;
  HelperSearch &operator=(const HelperSearch &) = delete;
  /// The target call nearest to \p Call through helpers of this file, at
  /// most \p Depth calls deep (the function \p Call runs is the first).
  HelperPath through(const CallSite &Call, unsigned Depth);
  /// Functions the user knows not to block: the search does not enter them.
  void skip(const NameList &KnownNonBlocking) { NotEntered = &KnownNonBlocking; }

private:
  std::vector<HelperReach::FunctionId> definitions(const CallSite &Call) const;

  const CheckContext &Context;
  std::function<bool(const CallSite &)> IsTarget;
  const NameList *NotEntered = nullptr;
  HelperReach Reach;
};

/// The functions of this file \p Call may run: by the names it resolves to,
/// or, for a member called from its class, by its unqualified name.
std::vector<size_t> calleeDefinitions(const FileModel &Model, const CallSite &Call,
                                      std::string_view Source);

/// \p Scope (its own function's part) contains a node of one of \p Types.
bool containsOwn(TSNode Scope, std::initializer_list<std::string_view> Types);
/// The first node of \p Scope's own (not a lambda's) of one of \p Types, or a null node.
TSNode firstOwn(TSNode Scope, std::initializer_list<std::string_view> Types);

/// Nothing at all happens in a handler: `{}`, `{ continue; }`, `{ break; }`.
bool handlerDoesNothing(TSNode Body);

/// The body of a for, range-for, while or do loop.
TSNode loopBody(TSNode Loop);
bool isLoop(std::string_view Type);

} // namespace corolint::fast

#endif
