//===--- ResultCache.cpp - a translation unit's findings, kept between runs ===//

#include "ResultCache.h"
#include "SummaryFile.h"
#include "checks/utils/ProjectSummaries.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

using namespace clang;
namespace json = llvm::json;

namespace corolint {

namespace {

/// First line of an entry; the number changes with the format.
constexpr llvm::StringLiteral Magic = "corolint-result-cache 2 ";
constexpr llvm::StringLiteral EntrySuffix = ".entry";

std::string hex64(uint64_t Value) { return llvm::utohexstr(Value, /*LowerCase=*/true, 16); }

std::optional<uint64_t> parseHex64(llvm::StringRef Text) {
  uint64_t Value;
  if (Text.size() != 16 || Text.getAsInteger(16, Value))
    return std::nullopt;
  return Value;
}

// --- findings to JSON and back; any field missing or mistyped is a miss ---

json::Value toJson(const tooling::DiagnosticMessage &M) {
  json::Array Ranges;
  for (const tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(json::Array{std::string(R.FilePath), R.FileOffset, R.Length});
  json::Object Fix;
  // Owned strings throughout: json::Value keeps a StringRef as a reference.
  for (const auto &Entry : M.Fix) {
    json::Array Edits;
    for (const tooling::Replacement &R : Entry.getValue())
      Edits.push_back(json::Array{R.getOffset(), R.getLength(), R.getReplacementText().str()});
    Fix[Entry.getKey().str()] = std::move(Edits);
  }
  return json::Object{{"message", M.Message},       {"file", M.FilePath},
                      {"offset", M.FileOffset},     {"ranges", std::move(Ranges)},
                      {"fix", std::move(Fix)}};
}

json::Value toJson(const tidy::ClangTidyError &E) {
  json::Array Notes;
  for (const tooling::DiagnosticMessage &Note : E.Notes)
    Notes.push_back(toJson(Note));
  json::Array Aliases;
  for (const std::string &Alias : E.EnabledDiagnosticAliases)
    Aliases.push_back(Alias);
  return json::Object{{"name", E.DiagnosticName},
                      {"level", static_cast<int>(E.DiagLevel)},
                      {"buildDirectory", E.BuildDirectory},
                      {"warningAsError", E.IsWarningAsError},
                      {"aliases", std::move(Aliases)},
                      {"message", toJson(E.Message)},
                      {"notes", std::move(Notes)}};
}

std::optional<unsigned> getUnsigned(const json::Value &V) {
  std::optional<int64_t> N = V.getAsInteger();
  if (!N || *N < 0 || *N > UINT32_MAX)
    return std::nullopt;
  return static_cast<unsigned>(*N);
}

std::optional<tooling::DiagnosticMessage> messageFromJson(const json::Value *V) {
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Text = O->getString("message"), File = O->getString("file");
  std::optional<int64_t> Offset = O->getInteger("offset");
  const json::Array *Ranges = O->getArray("ranges");
  const json::Object *Fix = O->getObject("fix");
  if (!Text || !File || !Offset || *Offset < 0 || !Ranges || !Fix)
    return std::nullopt;
  tooling::DiagnosticMessage M(*Text);
  M.FilePath = File->str();
  M.FileOffset = static_cast<unsigned>(*Offset);
  for (const json::Value &R : *Ranges) {
    const json::Array *Parts = R.getAsArray();
    if (!Parts || Parts->size() != 3 || !(*Parts)[0].getAsString())
      return std::nullopt;
    std::optional<unsigned> Start = getUnsigned((*Parts)[1]), Length = getUnsigned((*Parts)[2]);
    if (!Start || !Length)
      return std::nullopt;
    M.Ranges.push_back(tooling::FileByteRange());
    M.Ranges.back().FilePath = (*Parts)[0].getAsString()->str();
    M.Ranges.back().FileOffset = *Start;
    M.Ranges.back().Length = *Length;
  }
  for (const auto &[FileKey, Edits] : *Fix) {
    const json::Array *List = Edits.getAsArray();
    if (!List)
      return std::nullopt;
    tooling::Replacements &Replacements = M.Fix[FileKey.str()];
    for (const json::Value &Edit : *List) {
      const json::Array *Parts = Edit.getAsArray();
      if (!Parts || Parts->size() != 3 || !(*Parts)[2].getAsString())
        return std::nullopt;
      std::optional<unsigned> Start = getUnsigned((*Parts)[0]), Length = getUnsigned((*Parts)[1]);
      if (!Start || !Length)
        return std::nullopt;
      if (llvm::Error Err = Replacements.add(tooling::Replacement(
              FileKey.str(), *Start, *Length, *(*Parts)[2].getAsString()))) {
        llvm::consumeError(std::move(Err));
        return std::nullopt;
      }
    }
  }
  return M;
}

std::optional<tidy::ClangTidyError> errorFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Name = O->getString("name"),
                                 BuildDirectory = O->getString("buildDirectory");
  std::optional<int64_t> Level = O->getInteger("level");
  std::optional<bool> AsError = O->getBoolean("warningAsError");
  const json::Array *Aliases = O->getArray("aliases"), *Notes = O->getArray("notes");
  std::optional<tooling::DiagnosticMessage> Message = messageFromJson(O->get("message"));
  if (!Name || !BuildDirectory || !Level || !AsError || !Aliases || !Notes || !Message ||
      (*Level != tooling::Diagnostic::Remark && *Level != tooling::Diagnostic::Warning &&
       *Level != tooling::Diagnostic::Error))
    return std::nullopt;
  tidy::ClangTidyError E(*Name, static_cast<tooling::Diagnostic::Level>(*Level), *BuildDirectory,
                         *AsError);
  E.Message = std::move(*Message);
  for (const json::Value &Note : *Notes) {
    std::optional<tooling::DiagnosticMessage> M = messageFromJson(&Note);
    if (!M)
      return std::nullopt;
    E.Notes.push_back(std::move(*M));
  }
  for (const json::Value &Alias : *Aliases) {
    if (!Alias.getAsString())
      return std::nullopt;
    E.EnabledDiagnosticAliases.push_back(Alias.getAsString()->str());
  }
  return E;
}

/// The entry's body and the files it depends on, if the text is intact.
struct ParsedEntry {
  std::vector<FileHash> ReadFiles;
  CachedResult Result;
};

std::optional<ParsedEntry> parseEntry(llvm::StringRef Text) {
  if (!Text.consume_front(Magic))
    return std::nullopt;
  auto [Checksum, Body] = Text.split('\n');
  std::optional<uint64_t> Expected = parseHex64(Checksum);
  if (!Expected || *Expected != llvm::xxh3_64bits(Body))
    return std::nullopt; // truncated or altered
  llvm::Expected<json::Value> Root = json::parse(Body);
  if (!Root) {
    llvm::consumeError(Root.takeError());
    return std::nullopt;
  }
  const json::Object *O = Root->getAsObject();
  const json::Array *Files = O ? O->getArray("files") : nullptr;
  const json::Object *Hashes = O ? O->getObject("contentHashes") : nullptr;
  const json::Array *Errors = O ? O->getArray("errors") : nullptr;
  const json::Value *Summaries = O ? O->get("summaries") : nullptr;
  if (!Files || !Hashes || !Errors || !Summaries)
    return std::nullopt;
  ParsedEntry Entry;
  for (const json::Value &F : *Files) {
    const json::Array *Parts = F.getAsArray();
    if (!Parts || Parts->size() != 2 || !(*Parts)[0].getAsString() || !(*Parts)[1].getAsString())
      return std::nullopt;
    std::optional<uint64_t> Hash = parseHex64(*(*Parts)[1].getAsString());
    if (!Hash)
      return std::nullopt;
    Entry.ReadFiles.emplace_back((*Parts)[0].getAsString()->str(), *Hash);
  }
  for (const auto &[File, Hash] : *Hashes) {
    std::optional<uint64_t> Value = Hash.getAsString() ? parseHex64(*Hash.getAsString()) : std::nullopt;
    if (!Value)
      return std::nullopt;
    Entry.Result.ContentHashes[File] = *Value;
  }
  for (const json::Value &E : *Errors) {
    std::optional<tidy::ClangTidyError> Error = errorFromJson(E);
    if (!Error)
      return std::nullopt;
    Entry.Result.Errors.push_back(std::move(*Error));
  }
  std::optional<ProgramSummaries> Parsed = summariesFromJson(*Summaries);
  if (!Parsed)
    return std::nullopt;
  Entry.Result.Summaries = std::move(*Parsed);
  return Entry;
}

} // namespace

ResultCache::ResultCache(std::string Directory, uint64_t MaxBytes, std::string ToolIdentity)
    : Directory(std::move(Directory)), MaxBytes(MaxBytes), ToolIdentity(std::move(ToolIdentity)) {
  llvm::sys::fs::create_directories(this->Directory);
}

std::string ResultCache::keyFor(llvm::StringRef File,
                                const tooling::CompilationDatabase &Compilations,
                                const tidy::ClangTidyOptions &Effective, bool CollectFixes) const {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  // Each part is length-prefixed: no two different inputs print the same text.
  auto Part = [&](llvm::StringRef S) { OS << S.size() << ':' << S << ';'; };
  Part(ToolIdentity);
  Part(File);
  for (const tooling::CompileCommand &Command : Compilations.getCompileCommands(File)) {
    Part(Command.Directory);
    for (const std::string &Arg : Command.CommandLine)
      Part(Arg);
  }
  Part(tidy::configurationAsText(Effective));
  Part(CollectFixes ? "fixes" : "no-fixes");
  llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(OS.str()));
  return hex64(Hash.high64) + hex64(Hash.low64);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + EntrySuffix);
  return Path.str().str();
}

std::optional<uint64_t> ResultCache::currentHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(HashesLock);
    if (auto It = Hashes.find(Path); It != Hashes.end())
      return It->second;
  }
  std::optional<uint64_t> Hash = contentHash(Path);
  std::lock_guard<std::mutex> Lock(HashesLock);
  Hashes[Path] = Hash;
  return Hash;
}

std::optional<CachedResult> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  std::optional<ParsedEntry> Entry;
  if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(Path))
    Entry = parseEntry((*Buffer)->getBuffer());
  bool Current = Entry && llvm::all_of(Entry->ReadFiles, [&](const FileHash &F) {
                   return currentHash(F.first) == F.second;
                 });
  if (!Current) {
    ++Misses;
    return std::nullopt;
  }
  ++Hits;
  // Used now: the last to be evicted.
  int FD;
  if (!llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                       llvm::sys::fs::OF_Append)) {
    llvm::sys::fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return std::move(Entry->Result);
}

void ResultCache::store(llvm::StringRef Key, const CachedResult &Result,
                        llvm::ArrayRef<FileHash> ReadFiles) {
  json::Array Files, Errors;
  for (const auto &[File, Hash] : ReadFiles)
    Files.push_back(json::Array{File, hex64(Hash)});
  json::Object ContentHashes;
  for (const auto &Entry : Result.ContentHashes)
    ContentHashes[Entry.getKey().str()] = hex64(Entry.getValue());
  for (const tidy::ClangTidyError &E : Result.Errors)
    Errors.push_back(toJson(E));
  std::string Body;
  llvm::raw_string_ostream(Body) << json::Value(json::Object{
      {"files", std::move(Files)},
      {"contentHashes", std::move(ContentHashes)},
      {"errors", std::move(Errors)},
      {"summaries", summariesToJson(Result.Summaries)}});

  // A unique temporary beside the entry, renamed over it: a reader in another
  // run sees the old entry or the new one, never half of one.
  std::string Final = entryPath(Key);
  llvm::SmallString<256> Temporary;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Final + ".tmp-%%%%%%%%", FD, Temporary))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Magic << hex64(llvm::xxh3_64bits(Body)) << '\n' << Body;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temporary);
      return;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Final))
    llvm::sys::fs::remove(Temporary);
}

void ResultCache::evict() {
  struct Stored {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Stored> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End; !EC && It != End;
       It.increment(EC)) {
    // Entries and the temporaries of runs that died before renaming theirs.
    if (!llvm::StringRef(It->path()).contains(EntrySuffix))
      continue;
    llvm::ErrorOr<llvm::sys::fs::basic_file_status> Status = It->status();
    if (!Status || Status->type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back({It->path(), Status->getSize(), Status->getLastModificationTime()});
    Total += Status->getSize();
  }
  if (Total <= MaxBytes)
    return;
  llvm::sort(Entries, [](const Stored &A, const Stored &B) { return A.Used < B.Used; });
  for (const Stored &Entry : Entries) {
    if (Total <= MaxBytes)
      break;
    // Another run may have removed or replaced it: its size is gone either way.
    llvm::sys::fs::remove(Entry.Path);
    Total -= Entry.Size;
  }
}

} // namespace corolint
