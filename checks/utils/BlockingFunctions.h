//===--- BlockingFunctions.h - the default blocking-function table --------===//
//
// Data, not logic: which calls block the thread and what to await instead.
// Both engines (the clang-tidy check and the tree-sitter fast engine) read
// this table, so they agree on names and messages. Plain C++: no Clang here.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_BLOCKINGFUNCTIONS_H
#define COROLINT_CHECKS_UTILS_BLOCKINGFUNCTIONS_H

#include "ProfileData.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corolint {

/// One entry of the `BlockingFunctions` option: `qualified::name[=replacement]`.
struct BlockingFunction {
  /// Fully qualified, written with a leading "::" (e.g. "::std::this_thread::sleep_for").
  std::string QualifiedName;
  /// The awaitable to use instead (e.g. "aio::sleep"); empty when the remedy is
  /// to move the call to a thread with `to_thread`.
  std::string Replacement;

  /// The name users read in messages: no leading "::".
  std::string_view displayName() const {
    std::string_view Name = QualifiedName;
    if (Name.substr(0, 2) == "::")
      Name.remove_prefix(2);
    return Name;
  }
};

/// The `BlockingFunctions` default of the aio profile, in option syntax.
inline constexpr std::string_view DefaultBlockingFunctions = AioProfile.BlockingFunctions;

/// Parses `name[=replacement];...` (whitespace around items is ignored; a name
/// without a leading "::" gets one). Returns std::nullopt and sets \p Error on
/// an empty name.
inline std::optional<std::vector<BlockingFunction>>
parseBlockingFunctions(std::string_view Spec, std::string &Error) {
  auto Trim = [](std::string_view S) {
    while (!S.empty() && (S.front() == ' ' || S.front() == '\t' || S.front() == '\n'))
      S.remove_prefix(1);
    while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\n'))
      S.remove_suffix(1);
    return S;
  };
  std::vector<BlockingFunction> Result;
  while (!Spec.empty()) {
    size_t End = Spec.find(';');
    std::string_view Item = Trim(Spec.substr(0, End));
    Spec = End == std::string_view::npos ? std::string_view() : Spec.substr(End + 1);
    if (Item.empty() || Item.front() == '-')
      continue; // `-name` entries only narrow a `ns::*` wildcard (see Names.h)
    size_t Eq = Item.find('=');
    std::string_view Name = Trim(Item.substr(0, Eq));
    std::string_view Replacement =
        Eq == std::string_view::npos ? std::string_view() : Trim(Item.substr(Eq + 1));
    if (Name.empty() || Name == "::") {
      Error = "empty function name in BlockingFunctions entry '" + std::string(Item) + "'";
      return std::nullopt;
    }
    std::string Qualified = Name.substr(0, 2) == "::" ? std::string(Name) : "::" + std::string(Name);
    Result.push_back({std::move(Qualified), std::string(Replacement)});
  }
  return Result;
}

/// The names alone of a `BlockingFunctions` spec (`ns::*` and `-name`
/// entries kept, replacements dropped), in NameList syntax.
inline std::string blockingNames(std::string_view Spec) {
  std::string Names;
  while (!Spec.empty()) {
    size_t End = Spec.find(';');
    std::string_view Item = Spec.substr(0, End);
    Names += std::string(Item.substr(0, Item.find('='))) + ";";
    Spec = End == std::string_view::npos ? std::string_view() : Spec.substr(End + 1);
  }
  return Names;
}

/// What \p Table offers to await instead of the blocking \p Name ("" when the
/// remedy is to offload it): the entry of that name, else a `ns::*` entry
/// that covers it.
inline std::string_view replacementFor(const std::vector<BlockingFunction> &Table,
                                       std::string_view Name) {
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  for (const BlockingFunction &Entry : Table)
    if (Entry.displayName() == Name)
      return Entry.Replacement;
  for (const BlockingFunction &Entry : Table) {
    std::string_view Covered = Entry.displayName();
    if (Covered.ends_with("::*") && Name.starts_with(Covered.substr(0, Covered.size() - 1)))
      return Entry.Replacement;
  }
  return {};
}

/// Descriptor I/O of the C library (\p QualifiedName with or without the
/// leading "::"): it blocks only when the descriptor does. A coroutine that
/// awaits a descriptor's readiness made its descriptors non-blocking (the
/// reactor idiom: try the call, on EAGAIN `co_await poll(fd)` and retry).
inline bool isDescriptorIo(std::string_view QualifiedName) {
  if (QualifiedName.substr(0, 2) == "::")
    QualifiedName.remove_prefix(2);
  for (std::string_view Io : {"read", "write", "recv", "send", "recvfrom", "sendto", "recvmsg",
                              "sendmsg", "accept", "accept4", "connect"})
    if (QualifiedName == Io)
      return true;
  return false;
}

/// The last name of an awaitable that waits until a descriptor is ready:
/// libcoro's `poll`, aio's `wait_readable`/`wait_writable`, asio's `async_wait`.
inline bool isReadinessWait(std::string_view LastName) {
  for (std::string_view Wait : {"poll", "wait_readable", "wait_writable", "readable", "writable",
                                "async_wait", "wait_read", "wait_write"})
    if (LastName == Wait)
      return true;
  return false;
}

/// A wait of the table bounded by a duration argument (\p QualifiedName with
/// or without the leading "::"): `std::future::wait_for`,
/// `std::counting_semaphore::try_acquire_for`. With a zero duration it
/// returns at once: `f.wait_for(0s) == std::future_status::ready` is the
/// standard readiness probe, not a wait.
inline bool isTimedWait(std::string_view QualifiedName) {
  size_t Last = QualifiedName.rfind("::");
  std::string_view Name =
      Last == std::string_view::npos ? QualifiedName : QualifiedName.substr(Last + 2);
  return Name == "wait_for" || Name == "try_acquire_for";
}

} // namespace corolint

#endif
