//===--- HelperSearch.h - follow a coroutine's calls into plain helpers ---===//
//
// The Clang side of checks/model/HelperReach: describes the translation
// unit's functions to it (a plain function with a body outside system
// headers is entered; its calls and constructions in source order; lambdas
// are other functions and are not entered). One instance serves one target
// predicate, so each check that searches helpers owns one.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_HELPERSEARCH_H
#define COROLINT_CHECKS_UTILS_HELPERSEARCH_H

#include "checks/model/HelperReach.h"
#include "checks/model/NameList.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <functional>
#include <vector>

namespace corolint {

/// The function a call or construction runs, or null.
const clang::FunctionDecl *calleeOf(const clang::Expr &E);

/// \p E calls a virtual method through the vtable: it may run any override.
bool isVirtualDispatch(const clang::Expr &E);

/// A function the helper search goes through: a plain function with a body
/// in user code (a coroutine is checked on its own; a system header's body is
/// not the user's bug) that is not among \p KnownNonBlocking (when given).
bool isEnterableHelper(const clang::FunctionDecl &Definition, const clang::SourceManager &Sources,
                       const NameList *KnownNonBlocking);

/// The calls and constructions of \p Definition's body in source order;
/// lambdas are other functions and are not entered.
std::vector<const clang::Expr *> callsIn(const clang::FunctionDecl &Definition);

class HelperSearch {
public:
  using Predicate = std::function<bool(const clang::Expr &)>;

  explicit HelperSearch(Predicate IsTarget);
  // Its summaries' describer points back at it: it stays where it was made.
  HelperSearch(const HelperSearch &) = delete;
  HelperSearch &operator=(const HelperSearch &) = delete;

  /// The target call or construction nearest to \p Function's body through
  /// plain functions of this translation unit, at most \p Depth calls deep
  /// (\p Function itself is the first); null if none. Each function's
  /// distance to a target is summarised once per translation unit, so the
  /// answer does not depend on what was asked before.
  const clang::Expr *find(const clang::FunctionDecl &Function, unsigned Depth,
                          const clang::SourceManager &Sources);

  /// Forget the summaries (at the start of each translation unit).
  void reset() {
    Reach.reset();
    MetVirtual = false;
  }

  /// Functions the user knows not to block: the search does not enter them.
  void skip(const NameList &KnownNonBlocking) { NotEntered = &KnownNonBlocking; }

  /// Whether a call through the vtable is followed into the method its
  /// object's static type names (default: it is). When it is not, such a
  /// call is the whole-program rule's (ProgramSummary: every body it may
  /// run, or one with AnyOverrideBlocks), and metVirtualCall() says so.
  void followVirtualCalls(bool Follow) { FollowVirtual = Follow; }
  /// A helper searched since reset() made a virtual call it did not follow.
  bool metVirtualCall() const { return MetVirtual; }

private:
  HelperReach::Function describe(const clang::FunctionDecl &Definition) const;

  Predicate IsTarget;
  const NameList *NotEntered = nullptr;
  bool FollowVirtual = true;
  mutable bool MetVirtual = false;
  const clang::SourceManager *Sources = nullptr;
  HelperReach Reach;
};

} // namespace corolint

#endif
