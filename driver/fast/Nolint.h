//===--- Nolint.h - NOLINT comments, as clang-tidy reads them -------------===//
//
// `NOLINT`, `NOLINTNEXTLINE` and `NOLINTBEGIN`/`NOLINTEND`, each optionally
// followed by `(glob,glob...)` of check names, matched by clang-tidy's own
// GlobList as clang-tidy matches them: without a list every check is
// silenced, `NOLINT()` silences none, and `-glob` entries are ignored (they
// would only disable the suppression).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_NOLINT_H
#define COROLINT_DRIVER_FAST_NOLINT_H

#include "clang-tidy/GlobList.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

class NolintDirectives {
public:
  /// Finds every directive in \p Source.
  explicit NolintDirectives(std::string_view Source);

  /// A finding of \p Check on 1-based \p Line is silenced.
  bool suppresses(std::string_view Check, unsigned Line) const;
  bool empty() const { return Lines.empty() && Ranges.empty(); }

private:
  using Globs = std::shared_ptr<const clang::tidy::CachedGlobList>;
  struct LineDirective {
    unsigned Line;
    Globs Checks; ///< the list between the parentheses; "*" without one
  };
  struct RangeDirective {
    unsigned First, Last;
    Globs Checks;
  };
  std::vector<LineDirective> Lines;
  std::vector<RangeDirective> Ranges;
};

} // namespace corolint::fast

#endif
