//===--- NameList.cpp - qualified-name lists from check options ------------===//

#include "checks/model/NameList.h"

namespace corolint {

namespace {

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t' || S.front() == '\n'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\n'))
    S.remove_suffix(1);
  return S;
}

std::string_view withoutRoot(std::string_view Name) {
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  return Name;
}

std::string_view lastSegment(std::string_view Name) {
  size_t Separator = Name.rfind("::");
  return Separator == std::string_view::npos ? Name : Name.substr(Separator + 2);
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
      ExcludedNames.emplace_back(withoutRoot(trim(Item.substr(1))));
    else if (Item.size() > 3 && Item.substr(Item.size() - 3) == "::*")
      NamespacePrefixes.emplace_back(withoutRoot(Item.substr(0, Item.size() - 1)));
    else
      Names.emplace_back(withoutRoot(Item));
  }
}

bool NameList::contains(std::string_view Qualified) const {
  Qualified = withoutRoot(Qualified);
  if (Qualified.empty())
    return false;
  for (const std::string &Name : Names)
    if (Name == Qualified)
      return true;
  for (const std::string &Excluded : ExcludedNames)
    if (Excluded == Qualified)
      return false;
  for (const std::string &Prefix : NamespacePrefixes)
    if (Qualified.size() > Prefix.size() && Qualified.substr(0, Prefix.size()) == Prefix &&
        Qualified.find("::", Prefix.size()) == std::string_view::npos)
      return true;
  return false;
}

const std::string *NameList::firstListed(const std::vector<std::string> &Candidates) const {
  for (const std::string &Candidate : Candidates)
    if (contains(Candidate))
      return &Candidate;
  return nullptr;
}

bool NameList::listsLastSegment(std::string_view Segment) const {
  for (std::string_view Name : Names)
    if (lastSegment(Name) == Segment)
      return true;
  return false;
}

void NameList::addLastSegments(std::vector<std::string> &Out) const {
  for (std::string_view Name : Names)
    Out.emplace_back(lastSegment(Name));
}

void NameList::addTriggers(std::vector<std::vector<std::string>> &Out) const {
  if (!NamespacePrefixes.empty())
    Out.push_back({"*"});
  for (const std::string &Name : Names) {
    size_t First = Name.find("::");
    if (First == std::string::npos)
      Out.push_back({Name});
    else
      Out.push_back({Name.substr(0, First), std::string(lastSegment(Name))});
  }
}

} // namespace corolint
