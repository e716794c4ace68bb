//===--- FastOptions.h - the check options the fast engine reads ----------===//
//
// The same option data as the clang-tidy checks: clang-tidy's CheckOptions
// map (from .clang-tidy and --config, resolved by the CLI) with each option's
// default taken from the AsyncProfile row of ProfileData.h. Name lists use the
// option syntax of checks/utils/Names.h: `a::b;c`, `ns::*`, `-excluded`.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FASTOPTIONS_H
#define COROLINT_DRIVER_FAST_FASTOPTIONS_H

#include "checks/utils/ProfileData.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

/// The checks the fast engine implements, by their clang-tidy names.
inline constexpr std::string_view FastCheckNames[] = {
#define ASYNC_CHECK(Stem, Name) Name,
#include "checks/Checks.def"
};

/// A `;`-separated list of qualified names, matched against the candidates
/// NameLookup yields (no leading "::").
class NameList {
public:
  NameList() = default;
  explicit NameList(std::string_view Spec);

  bool empty() const { return Names.empty() && NamespacePrefixes.empty(); }
  /// The qualified name \p Candidate (no leading "::") is on the list.
  bool contains(std::string_view Candidate) const;
  /// The first of \p Candidates on the list, or nullptr.
  const std::string *firstListed(const std::vector<std::string> &Candidates) const;
  /// The names without their leading "::".
  const std::vector<std::string> &names() const { return Names; }
  /// The first name, as messages spell it ("" when the list is empty).
  std::string firstSpelling() const { return Names.empty() ? std::string() : Names.front(); }
  /// Every last segment a listed name can be written with ("sleep" for
  /// aio::sleep); for `ns::*`, nothing: any name may be one of them.
  void addLastSegments(std::vector<std::string> &Out) const;
  /// Some listed name ends in the segment \p Segment: all a call's written
  /// name tells without types (`tp->schedule()`, `sock.native_handle()`).
  bool listsLastSegment(std::string_view Segment) const;
  bool hasWildcard() const { return !NamespacePrefixes.empty(); }
  /// For each listed name, the words a file must contain to call it in a
  /// way NameLookup resolves: its first and its last segment ("aio", "run");
  /// {"*"} for a list with `ns::*`.
  void addTriggers(std::vector<std::vector<std::string>> &Out) const;

private:
  std::vector<std::string> Names;
  std::vector<std::string> NamespacePrefixes; ///< "ns::" from `ns::*`
  std::vector<std::string> ExcludedNames;
};

/// One file's configuration: which checks run and clang-tidy's CheckOptions.
struct Options {
  /// Whether \p Check runs; unset: every fast check.
  std::function<bool(std::string_view Check)> IsEnabled;
  /// "async-blocking-call.BlockingFunctions" -> value, "AsyncProfile" -> value, ...
  std::map<std::string, std::string, std::less<>> CheckOptions;

  bool enabled(std::string_view Check) const { return !IsEnabled || IsEnabled(Check); }
  /// `Check.Name`, else \p Default (clang-tidy's OptionsView::get).
  std::string get(std::string_view Check, std::string_view Name, std::string_view Default) const;
  /// `Check.Name`, else the global `Name`, else \p Default (getLocalOrGlobal).
  std::string getLocalOrGlobal(std::string_view Check, std::string_view Name,
                               std::string_view Default) const;
  /// The AsyncProfile row \p Check uses; nullptr when the name is unknown.
  const ProfileData *profile(std::string_view Check) const;
  /// An unsigned option; std::nullopt when the value is not a number.
  std::optional<unsigned> getUnsigned(std::string_view Check, std::string_view Name,
                                      unsigned Default) const;
};

/// What is wrong with \p Opts for the enabled checks (an unknown AsyncProfile,
/// a malformed BlockingFunctions or number), one message per problem.
std::vector<std::string> validate(const Options &Opts);

} // namespace corolint::fast

#endif
