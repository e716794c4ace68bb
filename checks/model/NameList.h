//===--- NameList.h - qualified-name lists from check options --------------===//
//
// Check options name runtime entities as `;`-separated qualified names
// (`aio::task;::aio::join_handle`). A trailing `::*` names every function of a
// namespace, a leading `-` excludes a name a wider entry would take. Template
// arguments never take part: `std::future::get` matches `std::future<int>::get`.
//
// Both engines match against this one list: the full engine with the names
// Clang resolved (checks/utils/Names.h), the fast engine with the candidates
// its name lookup guessed. Plain C++, no Clang.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_NAMELIST_H
#define COROLINT_CHECKS_MODEL_NAMELIST_H

#include <string>
#include <string_view>
#include <vector>

namespace corolint {

class NameList {
public:
  NameList() = default;
  explicit NameList(std::string_view Spec);

  bool empty() const { return Names.empty() && NamespacePrefixes.empty(); }
  /// The qualified name \p Qualified (with or without a leading "::") is on the list.
  bool contains(std::string_view Qualified) const;
  /// The first of \p Candidates on the list, or nullptr.
  const std::string *firstListed(const std::vector<std::string> &Candidates) const;
  /// The listed names, without a leading "::".
  const std::vector<std::string> &names() const { return Names; }
  /// The first name, as messages and fix-its spell it ("" when the list is empty).
  std::string firstSpelling() const { return Names.empty() ? std::string() : Names.front(); }
  /// Some listed name ends in the segment \p Segment: all a call's written
  /// name tells without types (`tp->schedule()`), and a cheap test before a
  /// qualified name is built.
  bool listsLastSegment(std::string_view Segment) const;
  /// Every last segment a listed name can be written with ("sleep" for
  /// aio::sleep); for `ns::*`, nothing: any name may be one of them.
  void addLastSegments(std::vector<std::string> &Out) const;
  bool hasWildcard() const { return !NamespacePrefixes.empty(); }
  /// For each listed name, the words a file must contain to call it in a way
  /// a syntactic name lookup resolves: its first and its last segment ("aio",
  /// "run"); {"*"} for a list with `ns::*`.
  void addTriggers(std::vector<std::vector<std::string>> &Out) const;

private:
  std::vector<std::string> Names;
  std::vector<std::string> NamespacePrefixes; ///< "ns::" from `ns::*`
  std::vector<std::string> ExcludedNames;     ///< from `-name`
};

} // namespace corolint

#endif
