//===--- ProjectSummaries.cpp - the project's summary file, in the editor -===//

#include "ProjectSummaries.h"
#include "SummaryJson.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <mutex>

namespace corolint {
namespace {

/// A file's identity as a stat sees it: re-read only when it changes.
struct Stamp {
  llvm::sys::TimePoint<> Modified;
  uint64_t Size = 0;
  bool operator==(const Stamp &) const = default;
};

std::optional<Stamp> stampOf(const std::string &Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) || !llvm::sys::fs::is_regular_file(Status))
    return std::nullopt;
  return Stamp{Status.getLastModificationTime(), Status.getSize()};
}

struct LoadedFile {
  std::optional<Stamp> Written; ///< of the summary file when read
  ProgramSummaries All;         ///< as written
  struct Source {
    std::optional<Stamp> Seen;
    uint64_t Expected = 0; ///< the hash the summaries were written from
    bool Fresh = false;
  };
  llvm::StringMap<Source> Sources;
  std::shared_ptr<const ProgramSummaries> Believed;
};

/// Hashes again the sources whose stamp changed; whether any changed freshness.
bool recheckSources(LoadedFile &Loaded) {
  bool Changed = false;
  for (auto &Entry : Loaded.Sources) {
    LoadedFile::Source &Source = Entry.getValue();
    std::string Path = Entry.getKey().str();
    std::optional<Stamp> Now = stampOf(Path);
    if (Now && Source.Seen && *Now == *Source.Seen)
      continue;
    Source.Seen = Now;
    std::optional<uint64_t> Hash = Now ? contentHash(Path) : std::nullopt;
    bool Fresh = Hash && *Hash == Source.Expected;
    Changed |= Fresh != Source.Fresh;
    Source.Fresh = Fresh;
  }
  return Changed;
}

void believeFreshOnly(LoadedFile &Loaded) {
  auto Believed = std::make_shared<ProgramSummaries>();
  Believed->Keys = Loaded.All.Keys;
  for (const FunctionSummary &Function : Loaded.All.Functions) {
    auto Source = Loaded.Sources.find(Function.File);
    if (Source != Loaded.Sources.end() && Source->getValue().Fresh &&
        Source->getValue().Expected == Function.FileHash)
      Believed->Functions.push_back(Function);
  }
  Loaded.Believed = std::move(Believed);
}

} // namespace

std::optional<uint64_t> contentHash(const std::string &Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return llvm::xxh3_64bits((*Buffer)->getBuffer());
}

std::string findSummaryFile(llvm::StringRef Configured, llvm::StringRef MainFile) {
  if (Configured.empty())
    return "";
  if (llvm::sys::path::is_absolute(Configured))
    return llvm::sys::fs::exists(Configured) ? Configured.str() : "";
  for (llvm::StringRef Directory = llvm::sys::path::parent_path(MainFile); !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    llvm::SmallString<256> Candidate(Directory);
    llvm::sys::path::append(Candidate, Configured);
    if (llvm::sys::fs::exists(Candidate))
      return Candidate.str().str();
  }
  return "";
}

std::vector<CrossFileFinding> answerWithProject(const ProgramSummaries &Unit,
                                                const ProgramSummaries &Project,
                                                const std::set<std::string> &UnitFiles) {
  ProgramSummaries Program;
  Program.Keys = Unit.Keys;
  Program.Functions = Unit.Functions;
  // The other engine's keys never name this unit's functions: the unit alone.
  for (const FunctionSummary &Function : Project.Functions)
    if (Project.Keys == Unit.Keys && !UnitFiles.count(Function.File))
      Program.Functions.push_back(Function);
  Program.Questions = Unit.Questions;
  Program.deduplicate();
  return answerOpenQuestions(Program);
}

std::string placeName(const std::string &File, unsigned Offset) {
  std::string Name = llvm::sys::path::filename(File).str();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Name;
  llvm::StringRef Text = (*Buffer)->getBuffer();
  return Name + ":" + std::to_string(1 + Text.take_front(Offset).count('\n'));
}

std::shared_ptr<const ProgramSummaries> loadProjectSummaries(const std::string &Path) {
  static std::mutex Lock;
  static llvm::StringMap<LoadedFile> Files;
  std::lock_guard<std::mutex> Guard(Lock);
  LoadedFile &Loaded = Files[Path];
  std::optional<Stamp> Now = stampOf(Path);
  if (!Now) {
    Loaded = LoadedFile();
    return nullptr;
  }
  if (!Loaded.Written || !(*Loaded.Written == *Now)) {
    Loaded = LoadedFile();
    Loaded.Written = Now;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Path);
    llvm::Expected<llvm::json::Value> Parsed =
        Text ? llvm::json::parse((*Text)->getBuffer())
             : llvm::Expected<llvm::json::Value>(llvm::errorCodeToError(Text.getError()));
    std::optional<ProgramSummaries> Read;
    if (Parsed)
      Read = summariesFromJson(*Parsed);
    else
      llvm::consumeError(Parsed.takeError());
    if (!Read)
      return nullptr; // remembered as unreadable until it changes
    Loaded.All.Keys = Read->Keys;
    Loaded.All.Functions = std::move(Read->Functions);
    for (const FunctionSummary &Function : Loaded.All.Functions)
      Loaded.Sources[Function.File].Expected = Function.FileHash;
    recheckSources(Loaded);
    believeFreshOnly(Loaded);
    return Loaded.Believed;
  }
  if (recheckSources(Loaded))
    believeFreshOnly(Loaded);
  return Loaded.Believed;
}

} // namespace corolint
