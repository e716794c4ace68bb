//===--- Nolint.h - NOLINT comments, as clang-tidy reads them -------------===//
//
// `NOLINT`, `NOLINTNEXTLINE` and `NOLINTBEGIN`/`NOLINTEND`, each optionally
// followed by `(glob,glob...)` of check names (`*` wildcards, `-` to
// exclude); without a list they silence every check.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_NOLINT_H
#define COROLINT_DRIVER_FAST_NOLINT_H

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
  struct LineDirective {
    unsigned Line;
    std::string Checks; ///< the text between the parentheses; "" for every check
  };
  struct RangeDirective {
    unsigned First, Last;
    std::string Checks;
  };
  std::vector<LineDirective> Lines;
  std::vector<RangeDirective> Ranges;
};

/// Whether the comma-separated glob list \p Globs (clang-tidy's syntax: the
/// last matching glob decides, `-glob` excludes) matches \p Check.
bool globListMatches(std::string_view Globs, std::string_view Check);

} // namespace corolint::fast

#endif
