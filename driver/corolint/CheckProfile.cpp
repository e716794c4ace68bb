//===--- CheckProfile.cpp - per-check time over a whole run ---------------===//

#include "CheckProfile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace corolint {
namespace {

/// Adds one stored profile: {"profile": {"time.clang-tidy.CHECK.wall": s, ...}}.
void addProfile(llvm::StringRef Path, llvm::StringMap<CheckTime> &Sums) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return;
  }
  const llvm::json::Object *Root = Parsed->getAsObject();
  const llvm::json::Object *Profile = Root ? Root->getObject("profile") : nullptr;
  if (!Profile)
    return;
  for (const auto &[Key, Value] : *Profile) {
    llvm::StringRef Name = Key;
    if (!Name.consume_front("time.clang-tidy."))
      continue;
    auto [Check, Kind] = Name.rsplit('.');
    CheckTime &Sum = Sums[Check];
    Sum.Check = Check.str();
    double Seconds = Value.getAsNumber().value_or(0);
    if (Kind == "wall")
      Sum.Wall += Seconds;
    else if (Kind == "user")
      Sum.User += Seconds;
    else if (Kind == "sys")
      Sum.System += Seconds;
  }
}

} // namespace

std::vector<CheckTime> readCheckProfiles(llvm::StringRef Directory) {
  llvm::StringMap<CheckTime> Sums;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Directory, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".json"))
      addProfile(It->path(), Sums);
  std::vector<CheckTime> Times;
  for (auto &Entry : Sums)
    Times.push_back(Entry.second);
  std::sort(Times.begin(), Times.end(),
            [](const CheckTime &A, const CheckTime &B) { return A.Wall > B.Wall; });
  return Times;
}

void printCheckProfile(llvm::ArrayRef<CheckTime> Times, unsigned Units, llvm::raw_ostream &OS) {
  OS << "check profile over " << Units << " translation unit(s), seconds:\n";
  OS << llvm::format("%-40s %10s %10s %10s\n", static_cast<const char *>("check"),
                     static_cast<const char *>("wall"), static_cast<const char *>("user"),
                     static_cast<const char *>("sys"));
  CheckTime Total;
  for (const CheckTime &T : Times) {
    OS << llvm::format("%-40s %10.4f %10.4f %10.4f\n", T.Check.c_str(), T.Wall, T.User, T.System);
    Total.Wall += T.Wall;
    Total.User += T.User;
    Total.System += T.System;
  }
  OS << llvm::format("%-40s %10.4f %10.4f %10.4f\n", static_cast<const char *>("total"), Total.Wall, Total.User,
                     Total.System);
}

} // namespace corolint
