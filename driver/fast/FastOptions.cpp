//===--- FastOptions.cpp - the check options the fast engine reads --------===//

#include "driver/fast/FastOptions.h"

#include "checks/utils/BlockingFunctions.h"

#include <charconv>

namespace corolint::fast {

namespace {

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t' || S.front() == '\n'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\n'))
    S.remove_suffix(1);
  return S;
}

std::string withoutRoot(std::string_view Name) {
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  return std::string(Name);
}

} // namespace

NameList::NameList(std::string_view Spec) {
  while (!Spec.empty()) {
    size_t End = Spec.find(';');
    std::string_view Item = trim(Spec.substr(0, End));
    Spec = End == std::string_view::npos ? std::string_view() : Spec.substr(End + 1);
    if (Item.empty())
      continue;
    if (Item.front() == '-')
      ExcludedNames.push_back(withoutRoot(trim(Item.substr(1))));
    else if (Item.size() > 3 && Item.substr(Item.size() - 3) == "::*")
      NamespacePrefixes.push_back(withoutRoot(Item.substr(0, Item.size() - 1)));
    else
      Names.push_back(withoutRoot(Item));
  }
}

bool NameList::contains(std::string_view Candidate) const {
  for (const std::string &Name : Names)
    if (Name == Candidate)
      return true;
  for (const std::string &Excluded : ExcludedNames)
    if (Excluded == Candidate)
      return false;
  for (const std::string &Prefix : NamespacePrefixes)
    if (Candidate.size() > Prefix.size() && Candidate.substr(0, Prefix.size()) == Prefix &&
        Candidate.find("::", Prefix.size()) == std::string_view::npos)
      return true;
  return false;
}

const std::string *NameList::firstListed(const std::vector<std::string> &Candidates) const {
  for (const std::string &Candidate : Candidates)
    if (contains(Candidate))
      return &Candidate;
  return nullptr;
}

void NameList::addLastSegments(std::vector<std::string> &Out) const {
  for (const std::string &Name : Names) {
    size_t Separator = Name.rfind("::");
    Out.push_back(Separator == std::string::npos ? Name : Name.substr(Separator + 2));
  }
}

bool NameList::listsLastSegment(std::string_view Segment) const {
  for (std::string_view Name : Names) {
    size_t Separator = Name.rfind("::");
    if ((Separator == std::string_view::npos ? Name : Name.substr(Separator + 2)) == Segment)
      return true;
  }
  return false;
}

void NameList::addTriggers(std::vector<std::vector<std::string>> &Out) const {
  if (!NamespacePrefixes.empty())
    Out.push_back({"*"});
  for (const std::string &Name : Names) {
    size_t First = Name.find("::"), Last = Name.rfind("::");
    if (First == std::string::npos)
      Out.push_back({Name});
    else
      Out.push_back({Name.substr(0, First), Name.substr(Last + 2)});
  }
}

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
    if (Check == "async-blocking-call") {
      std::string Error;
      if (!parseBlockingFunctions(
              Opts.get(Check, "BlockingFunctions", Profile->BlockingFunctions), Error))
        Problems.push_back("invalid " + std::string(Check) + ".BlockingFunctions: " + Error);
    }
    for (std::string_view Number : {"HelperDepth", "MaxStaticFanout"})
      if (!Opts.getUnsigned(Check, Number, 0))
        Problems.push_back("invalid " + std::string(Check) + "." + std::string(Number) +
                           ": not a number");
  }
  return Problems;
}

} // namespace corolint::fast
