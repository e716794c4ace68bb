//===--- Budget.h - a cap on the work one function or one file may cost ---===//
//
// Every analysis of both engines has a bound in the size of its input (the
// comments at each say which), but some bounds are products: a query per
// lock times the paths of the body, a flow walk per task local, a candidate
// per using-directive per name. A WorkBudget caps such products: the work is
// counted in elementary steps (a CFG element, a syntax node, a candidate
// name), and once a function's or a file's budget is spent the check stays
// silent on it (no finding rather than a guess) and, when a front end asks
// for it (`corolint --verbose`), says so. Plain C++: the fast engine uses it too.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_BUDGET_H
#define COROLINT_CHECKS_UTILS_BUDGET_H

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace corolint {

/// Where a front end hears that an analysis gave up; null (the default):
/// nobody listens. Set once before linting; called from any worker thread.
using BudgetListener = void (*)(std::string_view Analysis, std::string_view Function,
                                std::string_view Where);

inline std::atomic<BudgetListener> &budgetListener() {
  static std::atomic<BudgetListener> Listener{nullptr};
  return Listener;
}

class WorkBudget {
public:
  /// About a second of the slowest analysis per function: far above what any
  /// function of the test corpora or of Boost's examples needs.
  static constexpr uint64_t PerFunction = 20'000'000;
  /// A file's analyses together, beyond the parse.
  static constexpr uint64_t PerFile = 200'000'000;

  /// \p Analysis gave up on \p Function ("" for a whole file) at \p Where
  /// ("file:line", or ""): what the listener is told when the budget runs out.
  explicit WorkBudget(uint64_t Limit = PerFunction, std::string Analysis = "",
                      std::string Function = "", std::string Where = "")
      : Left(Limit), Analysis(std::move(Analysis)), Function(std::move(Function)),
        Where(std::move(Where)) {}

  /// Charges \p Steps; false once the budget is spent (and from then on).
  bool spend(uint64_t Steps = 1) {
    if (Spent)
      return false;
    if (Steps <= Left) {
      Left -= Steps;
      return true;
    }
    Left = 0;
    Spent = true;
    // A budget without an analysis name is reported by its owner (the fast
    // engine says which analysis gave up on which file).
    if (BudgetListener Listener = budgetListener().load(); Listener && !Analysis.empty())
      Listener(Analysis, Function, Where);
    return false;
  }
  bool spent() const { return Spent; }

private:
  uint64_t Left;
  bool Spent = false;
  std::string Analysis, Function, Where;
};

} // namespace corolint

#endif
