//===--- LoopDependence.h - could a loop's iterations run at once? (syntax) -===//
//
// checks/utils/LoopDependence.h's questions answered from the syntax tree,
// by name: without types, a call of a method changes its object unless it
// is a well-known accessor or every method of that name this file defines is
// const, and an argument handed to a function this file does not define may
// be changed by it (the caller says, through ChangesArgument). Both err
// towards "dependent": the fast engine leaves alone what it cannot see through.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_LOOPDEPENDENCE_H
#define COROLINT_DRIVER_FAST_LOOPDEPENDENCE_H

#include "driver/fast/SyntaxTree.h"

#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace corolint::fast {

class LoopDependence {
public:
  /// Whether the call_expression may change its argument number `Index`
  /// (ObjectArgument: a method's object).
  using ChangesArgument = std::function<bool(TSNode Call, uint32_t Index)>;

  /// \p Loop is a for, range-for, while or do statement.
  LoopDependence(TSNode Loop, std::string_view Source, const ChangesArgument &Changes);

  /// \p Expression reads a variable or member the loop body changes, directly
  /// or through locals of the body initialized from one.
  bool readsCarriedState(TSNode Expression) const { return readsCarried(Expression, 0); }
  /// The loop's condition, increment or range reads something the body changes.
  bool continuationDependsOnBody() const;
  /// A `break`, `return`, `co_return` or `goto` can leave the loop from its body.
  bool exitsEarly() const;
  /// \p Expression names an object made anew each iteration: declared in the
  /// loop (the range-for variable, a local of the body) or indexed or reached
  /// through the loop's counter.
  bool isPerIteration(TSNode Expression) const;
  /// The loop declares \p Name: its variable, a for's init, a local of its body.
  bool declares(std::string_view Name) const { return LoopNames.count(Name) != 0; }

private:
  bool readsCarried(TSNode Expression, unsigned Depth) const;
  bool mentionsCounter(TSNode Expression) const;
  /// The variables and members a write to \p Target changes.
  void collectWritten(TSNode Target, std::vector<std::string_view> &Out) const;

  TSNode Loop, Body;
  std::string_view Source;
  std::string_view Counter; ///< a for loop's induction variable
  /// Names declared in the loop: its variable, a for's init, the body's locals.
  std::unordered_set<std::string_view> LoopNames;
  /// The body's locals with their initializers (null when they have none).
  std::unordered_map<std::string_view, TSNode> BodyLocals;
  /// Variables declared outside the body, and members, that the body changes.
  std::unordered_set<std::string_view> Changed;
};

} // namespace corolint::fast

#endif
