//===--- Inputs.cpp - which translation units a run lints -----------------===//

#include "Inputs.h"
#include "Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace corolint {
namespace {

bool isSourceFile(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return llvm::is_contained({".cpp", ".cc", ".cxx", ".c++", ".C", ".c"}, Ext);
}

/// The sources on disk under \p Dir, for runs with `--` flags.
std::vector<std::string> sourcesOnDisk(llvm::StringRef Dir) {
  std::vector<std::string> Found;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (isSourceFile(It->path()) && llvm::sys::fs::is_regular_file(It->path()))
      Found.push_back(It->path());
  return Found;
}

/// The directory part of a glob before its first wildcard.
std::string fixedPrefixDir(llvm::StringRef AbsoluteGlob) {
  llvm::StringRef Prefix = AbsoluteGlob.take_until([](char C) { return llvm::StringRef("*?[").contains(C); });
  return std::string(llvm::sys::path::parent_path(Prefix.str() + "x"));
}

bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  return Path.starts_with(Dir) &&
         (Path.size() == Dir.size() || Dir.ends_with("/") || Path[Dir.size()] == '/');
}

} // namespace

std::optional<Shard> parseShard(llvm::StringRef Text, std::string &Error) {
  auto [IndexText, CountText] = Text.split('/');
  Shard S;
  if (IndexText.getAsInteger(10, S.Index) || CountText.getAsInteger(10, S.Count) ||
      S.Count == 0 || S.Index == 0 || S.Index > S.Count) {
    Error = "invalid --shard '" + Text.str() + "': expected I/N with 1 <= I <= N, e.g. 2/4";
    return std::nullopt;
  }
  return S;
}

bool isGlob(llvm::StringRef Arg) { return Arg.find_first_of("*?[") != llvm::StringRef::npos; }

const std::string &startupDirectory() {
  static const std::string Directory = [] {
    llvm::SmallString<256> Current;
    if (llvm::sys::fs::current_path(Current))
      return std::string("/");
    return Current.str().str();
  }();
  return Directory;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(startupDirectory(), Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return Absolute.str().str();
}

bool expandInputs(llvm::ArrayRef<std::string> Args, llvm::ArrayRef<std::string> DatabaseFiles,
                  std::vector<std::string> &Files, llvm::raw_ostream &Err) {
  bool AllMatched = true;
  for (const std::string &Arg : Args) {
    std::string Absolute = absolutePath(Arg);
    if (!isGlob(Arg) && llvm::sys::fs::is_regular_file(Absolute)) {
      Files.push_back(Absolute);
      continue;
    }
    bool Directory = !isGlob(Arg) && llvm::sys::fs::is_directory(Absolute);
    if (!Directory && !isGlob(Arg)) {
      Err << "corolint: error: no such file: '" << Arg << "'\n";
      AllMatched = false;
      continue;
    }
    std::vector<std::string> Candidates(DatabaseFiles.begin(), DatabaseFiles.end());
    if (Candidates.empty())
      Candidates = sourcesOnDisk(Directory ? Absolute : fixedPrefixDir(Absolute));
    size_t Before = Files.size();
    if (Directory) {
      llvm::copy_if(Candidates, std::back_inserter(Files),
                    [&](const std::string &F) { return isUnder(F, Absolute); });
    } else {
      llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Absolute);
      if (!Glob) {
        Err << "corolint: error: invalid glob '" << Arg << "': " << llvm::toString(Glob.takeError())
            << "\n";
        AllMatched = false;
        continue;
      }
      llvm::copy_if(Candidates, std::back_inserter(Files),
                    [&](const std::string &F) { return Glob->match(F); });
    }
    if (Files.size() == Before) {
      Err << "corolint: error: no " << (DatabaseFiles.empty() ? "source files" : "files of the compile database")
          << (Directory ? " under '" : " match '") << Arg << "'\n";
      AllMatched = false;
    }
  }
  return AllMatched;
}

bool ExcludeFilter::add(llvm::StringRef Glob, llvm::raw_ostream &Err) {
  llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Glob);
  if (!Pattern) {
    Err << "corolint: error: invalid --exclude glob '" << Glob
        << "': " << llvm::toString(Pattern.takeError()) << "\n";
    return false;
  }
  Patterns.push_back(Glob.str());
  return true;
}

bool ExcludeFilter::excludes(llvm::StringRef AbsolutePath, llvm::StringRef SourceRoot) const {
  std::string FromWorkingDirectory = relativeToRoot(AbsolutePath, startupDirectory());
  std::string FromRoot = relativeToRoot(AbsolutePath, SourceRoot);
  for (const std::string &Text : Patterns) {
    llvm::GlobPattern Glob = llvm::cantFail(llvm::GlobPattern::create(Text));
    if (Glob.match(AbsolutePath) || Glob.match(FromWorkingDirectory) || Glob.match(FromRoot))
      return true;
  }
  return false;
}

std::vector<std::string> selectShard(std::vector<std::string> Files, Shard S) {
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  std::vector<std::string> Slice;
  for (size_t K = 0; K < Files.size(); ++K)
    if (K % S.Count == S.Index - 1)
      Slice.push_back(Files[K]);
  return Slice;
}

std::string commonRoot(llvm::ArrayRef<std::string> Paths) {
  if (Paths.empty())
    return "/";
  std::string Root = Paths.front();
  for (const std::string &Path : Paths)
    while (!isUnder(Path, Root))
      Root = llvm::sys::path::parent_path(Root).str();
  if (!Paths.empty() && Root == Paths.front() && !llvm::sys::fs::is_directory(Root))
    Root = llvm::sys::path::parent_path(Root).str();
  return Root.empty() ? "/" : Root;
}

} // namespace corolint
