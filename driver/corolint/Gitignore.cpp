//===--- Gitignore.cpp - which paths .gitignore files ignore --------------===//

#include "Gitignore.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace corolint {

namespace {

/// `[...]` at \p P (just after '['): whether \p C is in the class; sets
/// \p End just past the ']'. False with End = npos for an unterminated class.
bool matchClass(llvm::StringRef P, size_t Start, char C, size_t &End) {
  size_t I = Start;
  bool Negate = I < P.size() && (P[I] == '!' || P[I] == '^');
  if (Negate)
    ++I;
  bool Matched = false;
  bool First = true;
  for (; I < P.size() && (First || P[I] != ']'); First = false) {
    char Low = P[I];
    if (Low == '\\' && I + 1 < P.size())
      Low = P[++I];
    if (I + 2 < P.size() && P[I + 1] == '-' && P[I + 2] != ']') {
      char High = P[I + 2];
      if (High == '\\' && I + 3 < P.size())
        High = P[++I + 2];
      Matched |= Low <= C && C <= High;
      I += 3;
    } else {
      Matched |= Low == C;
      ++I;
    }
  }
  if (I >= P.size()) {
    End = llvm::StringRef::npos;
    return false;
  }
  End = I + 1;
  return Matched != Negate;
}

bool match(llvm::StringRef P, llvm::StringRef S) {
  size_t Pi = 0, Si = 0;
  while (Pi < P.size()) {
    char C = P[Pi];
    if (C == '*') {
      bool DoubleStar = Pi + 1 < P.size() && P[Pi + 1] == '*';
      if (DoubleStar) {
        size_t After = Pi + 2;
        bool AtSegmentStart = Pi == 0 || P[Pi - 1] == '/';
        bool AtSegmentEnd = After == P.size() || P[After] == '/';
        if (AtSegmentStart && AtSegmentEnd) {
          if (After == P.size())
            return true; // `foo/**`: everything below
          // `**/`: zero or more whole segments.
          llvm::StringRef Rest = P.substr(After + 1);
          for (size_t K = Si;; ) {
            if (match(Rest, S.substr(K)))
              return true;
            size_t Slash = S.find('/', K);
            if (Slash == llvm::StringRef::npos)
              return false;
            K = Slash + 1;
          }
        }
        // Otherwise `**` is an ordinary `*`.
        ++Pi;
      }
      llvm::StringRef Rest = P.substr(Pi + 1);
      for (size_t K = Si; K <= S.size(); ++K) {
        if (match(Rest, S.substr(K)))
          return true;
        if (K < S.size() && S[K] == '/')
          return false;
      }
      return false;
    }
    if (Si >= S.size())
      return false;
    if (C == '?') {
      if (S[Si] == '/')
        return false;
    } else if (C == '[') {
      size_t End;
      bool In = matchClass(P, Pi + 1, S[Si], End);
      if (End == llvm::StringRef::npos) {
        if (S[Si] != '[') // an unterminated class is a literal '['
          return false;
      } else {
        if (!In || S[Si] == '/')
          return false;
        Pi = End;
        ++Si;
        continue;
      }
    } else {
      if (C == '\\' && Pi + 1 < P.size())
        C = P[++Pi];
      if (S[Si] != C)
        return false;
    }
    ++Pi;
    ++Si;
  }
  return Si == S.size();
}

} // namespace

bool wildmatch(llvm::StringRef Pattern, llvm::StringRef Path) { return match(Pattern, Path); }

void GitignoreRules::addFile(llvm::StringRef Base, llvm::StringRef Text) {
  std::string BaseDir = Base.str();
  if (!BaseDir.empty() && BaseDir.back() != '/')
    BaseDir += '/';
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line.consume_back("\r");
    if (Line.empty() || Line.starts_with("#"))
      continue;
    // Trailing spaces go unless escaped with a backslash.
    while (Line.ends_with(" ") && !Line.ends_with("\\ "))
      Line = Line.drop_back();
    if (Line.empty())
      continue;
    Pattern P;
    P.Base = BaseDir;
    if (Line.starts_with("!")) {
      P.Negated = true;
      Line = Line.drop_front();
    } else if (Line.starts_with("\\!") || Line.starts_with("\\#")) {
      Line = Line.drop_front();
    }
    if (Line.ends_with("/")) {
      P.DirectoryOnly = true;
      Line = Line.drop_back();
    }
    P.Anchored = Line.contains('/');
    Line.consume_front("/");
    if (Line.empty())
      continue;
    P.Glob = Line.str();
    Patterns.push_back(std::move(P));
  }
}

bool GitignoreRules::ignores(llvm::StringRef Path, bool IsDirectory) const {
  llvm::StringRef Name = Path.substr(Path.rfind('/') + 1);
  for (auto It = Patterns.rbegin(); It != Patterns.rend(); ++It) {
    const Pattern &P = *It;
    if (P.DirectoryOnly && !IsDirectory)
      continue;
    if (!Path.starts_with(P.Base))
      continue;
    bool Matched = P.Anchored ? match(P.Glob, Path.substr(P.Base.size())) : match(P.Glob, Name);
    if (Matched)
      return !P.Negated;
  }
  return false;
}

bool isCppSource(llvm::StringRef Path) {
  llvm::StringRef Extension = llvm::sys::path::extension(Path);
  return llvm::StringSwitch<bool>(Extension.lower())
      .Cases(".c", ".cc", ".cpp", ".cxx", ".c++", true)
      .Cases(".h", ".hh", ".hpp", ".hxx", ".h++", true)
      .Cases(".ipp", ".inl", ".tpp", ".ixx", ".cppm", true)
      .Default(false);
}

namespace {

std::string readFile(const llvm::Twine &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

void walk(const std::string &Root, const std::string &Relative, GitignoreRules &Rules,
          std::vector<std::string> &Files, llvm::raw_ostream &Err) {
  std::string Directory = Relative.empty() ? Root : Root + "/" + Relative;
  size_t Before = Rules.size();
  std::string Ignore = readFile(Directory + "/.gitignore");
  if (!Ignore.empty())
    Rules.addFile(Relative, Ignore);
  std::error_code EC;
  std::vector<std::pair<std::string, bool>> Entries;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    llvm::ErrorOr<llvm::sys::fs::basic_file_status> Status = It->status();
    if (!Status)
      continue;
    bool IsDirectory = Status->type() == llvm::sys::fs::file_type::directory_file;
    if (IsDirectory && Name == ".git")
      continue;
    Entries.emplace_back(Name.str(), IsDirectory);
  }
  if (EC)
    Err << "corolint: warning: cannot list '" << Directory << "': " << EC.message() << "\n";
  std::sort(Entries.begin(), Entries.end());
  for (const auto &[Name, IsDirectory] : Entries) {
    std::string Path = Relative.empty() ? Name : Relative + "/" + Name;
    if (Rules.ignores(Path, IsDirectory))
      continue;
    if (IsDirectory)
      walk(Root, Path, Rules, Files, Err);
    else if (isCppSource(Name))
      Files.push_back(Root + "/" + Path);
  }
  Rules.truncate(Before);
}

} // namespace

std::vector<std::string> sourcesUnder(llvm::StringRef Directory, llvm::raw_ostream &Err) {
  std::string Root = Directory.rtrim('/').str();
  if (Root.empty())
    Root = "/";
  // The .gitignore files above the directory, up to the repository root,
  // apply too: `build/` in the root's file hides build/ when linting a subdirectory.
  GitignoreRules Rules;
  std::vector<std::string> Ancestors; // innermost first
  for (llvm::StringRef Parent = llvm::sys::path::parent_path(Root); !Parent.empty();
       Parent = llvm::sys::path::parent_path(Parent)) {
    Ancestors.push_back(Parent.str());
    if (llvm::sys::fs::exists(Parent + "/.git"))
      break;
    if (Parent == "/")
      break;
  }
  bool InRepository = llvm::sys::fs::exists(Root + "/.git") ||
                      (!Ancestors.empty() && llvm::sys::fs::exists(Ancestors.back() + "/.git"));
  if (InRepository && !llvm::sys::fs::exists(Root + "/.git")) {
    // Paths are relative to the repository root, where its patterns apply.
    std::string RepoRoot = Ancestors.back();
    std::string Prefix = llvm::StringRef(Root).drop_front(RepoRoot.size()).ltrim('/').str();
    for (auto It = Ancestors.rbegin(); It != Ancestors.rend(); ++It) {
      std::string Ignore = readFile(*It + "/.gitignore");
      std::string Base = llvm::StringRef(*It).drop_front(RepoRoot.size()).ltrim('/').str();
      if (!Ignore.empty())
        Rules.addFile(Base, Ignore);
    }
    // A directory named on the command line is walked even if it is ignored
    // itself (as ripgrep does); the patterns still apply to what is inside.
    std::vector<std::string> Found;
    // Walk with paths relative to the repository root.
    walk(RepoRoot, Prefix, Rules, Found, Err);
    return Found;
  }
  std::vector<std::string> Files;
  walk(Root, "", Rules, Files, Err);
  return Files;
}

} // namespace corolint
