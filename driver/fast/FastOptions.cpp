//===--- FastOptions.cpp - the check options the fast engine reads --------===//

#include "driver/fast/FastOptions.h"

#include "checks/utils/BlockingFunctions.h"
#include "llvm/Support/YAMLParser.h"

#include <charconv>

namespace corolint::fast {

std::string Options::get(std::string_view Check, std::string_view Name,
                         std::string_view Default) const {
  std::string Key = std::string(Check) + "." + std::string(Name);
  if (auto Found = CheckOptions.find(Key); Found != CheckOptions.end())
    return Found->second;
  return std::string(Default);
}

std::string Options::getLocalOrGlobal(std::string_view Check, std::string_view Name,
                                      std::string_view Default) const {
  std::string Key = std::string(Check) + "." + std::string(Name);
  if (auto Found = CheckOptions.find(Key); Found != CheckOptions.end())
    return Found->second;
  if (auto Found = CheckOptions.find(Name); Found != CheckOptions.end())
    return Found->second;
  return std::string(Default);
}

const ProfileData *Options::profile(std::string_view Check) const {
  std::string Name = getLocalOrGlobal(Check, "AsyncProfile", AioProfile.Name);
  return findProfile(Name);
}

std::optional<unsigned> Options::getUnsigned(std::string_view Check, std::string_view Name,
                                             unsigned Default) const {
  std::string Text = get(Check, Name, std::to_string(Default));
  unsigned Value = 0;
  auto [End, Error] = std::from_chars(Text.data(), Text.data() + Text.size(), Value);
  if (Error != std::errc() || End != Text.data() + Text.size())
    return std::nullopt;
  return Value;
}

FastOptionSource::FastOptionSource(const Options &Opts, std::string_view Check,
                                   std::vector<std::string> *Problems)
    : OptionSource(Opts.profile(Check) ? *Opts.profile(Check) : AioProfile), Opts(Opts),
      Check(Check), Problems(Problems) {}

void FastOptionSource::invalid(std::string_view Name, std::string_view Expected) const {
  if (Problems)
    Problems->push_back("invalid " + std::string(Check) + "." + std::string(Name) + ": " +
                        std::string(Expected));
}

unsigned FastOptionSource::getUnsigned(std::string_view Name, unsigned Default) const {
  std::optional<unsigned> Value = Opts.getUnsigned(Check, Name, Default);
  if (!Value)
    invalid(Name, "not a number");
  return Value.value_or(Default);
}

bool FastOptionSource::getBool(std::string_view Name, bool Default) const {
  // What clang-tidy's OptionsView::get<bool> accepts: YAML's booleans or a number.
  std::string Text = Opts.get(Check, Name, Default ? "true" : "false");
  if (std::optional<bool> Value = llvm::yaml::parseBool(Text))
    return *Value;
  long long Number = 0;
  if (!llvm::StringRef(Text).getAsInteger(10, Number))
    return Number != 0;
  invalid(Name, "not true or false");
  return Default;
}

std::vector<std::string> validate(const Options &Opts) {
  std::vector<std::string> Problems;
  for (std::string_view Check : FastCheckNames) {
    if (!Opts.enabled(Check))
      continue;
    const ProfileData *Profile = Opts.profile(Check);
    if (!Profile) {
      Problems.push_back("invalid AsyncProfile '" +
                         Opts.getLocalOrGlobal(Check, "AsyncProfile", "") + "' for " +
                         std::string(Check));
      continue;
    }
    FastOptionSource Source(Opts, Check, &Problems);
#define ASYNC_CHECK(Stem, Name)                                                                \
  if (Check == Name)                                                                           \
    Stem##Options().read(Source);
#include "checks/Checks.def"
    if (Check == "async-blocking-call") {
      std::string Error;
      if (!parseBlockingFunctions(
              Opts.get(Check, "BlockingFunctions", Profile->BlockingFunctions), Error))
        Problems.push_back("invalid " + std::string(Check) + ".BlockingFunctions: " + Error);
    }
  }
  return Problems;
}

} // namespace corolint::fast
