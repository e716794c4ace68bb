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

#include "checks/model/CheckOptions.h"
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


/// One file's configuration: which checks run and clang-tidy's CheckOptions.
struct Options {
  /// Whether \p Check runs; unset: every fast check.
  std::function<bool(std::string_view Check)> IsEnabled;
  /// "async-blocking-call.BlockingFunctions" -> value, "AsyncProfile" -> value, ...
  std::map<std::string, std::string, std::less<>> CheckOptions;
  /// The caller collects whole-program summaries (FileResult::Summaries):
  /// checks that write them (async-blocking-call, unless CrossFile is off)
  /// read every file, not only those that may have findings.
  bool CollectSummaries = false;

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

/// One check's part of \p Opts as an OptionSource: the fast engine fills the
/// same CheckOptions.def struct as the clang-tidy check, from the same map.
/// A value that is not a number or a boolean is recorded in \p Problems (if
/// given) and the option's default is used.
class FastOptionSource final : public OptionSource {
public:
  FastOptionSource(const Options &Opts, std::string_view Check,
                   std::vector<std::string> *Problems = nullptr);
  std::string get(std::string_view Name, std::string_view Default) const override {
    return Opts.get(Check, Name, Default);
  }
  std::string getLocalOrGlobal(std::string_view Name, std::string_view Default) const override {
    return Opts.getLocalOrGlobal(Check, Name, Default);
  }
  unsigned getUnsigned(std::string_view Name, unsigned Default) const override;
  bool getBool(std::string_view Name, bool Default) const override;

private:
  void invalid(std::string_view Name, std::string_view Expected) const;
  const Options &Opts;
  std::string_view Check;
  std::vector<std::string> *Problems;
};

/// \p Check's options struct (`BusyWaitOptions`...) read from \p Opts.
template <class CheckOptions>
CheckOptions readOptions(const Options &Opts, std::string_view Check) {
  CheckOptions Read;
  Read.read(FastOptionSource(Opts, Check));
  return Read;
}

/// What is wrong with \p Opts for the enabled checks (an unknown AsyncProfile,
/// a malformed BlockingFunctions or number), one message per problem.
std::vector<std::string> validate(const Options &Opts);

} // namespace corolint::fast

#endif
