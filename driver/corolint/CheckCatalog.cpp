//===--- CheckCatalog.cpp - the checks the linked modules register --------===//

#include "CheckCatalog.h"
#include "DocPages.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

#include <algorithm>

namespace corolint {
namespace {

/// Instantiates every check once: the registry does not change while we run.
const clang::tidy::NamesAndOptions &catalogue() {
  static const clang::tidy::NamesAndOptions All = clang::tidy::getAllChecksAndOptions();
  return All;
}

/// The candidate nearest to \p Word within a few edits, as a typo would be.
std::optional<std::string> closest(llvm::StringRef Word,
                                   const std::vector<llvm::StringRef> &Candidates) {
  unsigned Allowed = std::max<unsigned>(2, Word.size() / 4);
  std::optional<std::string> Best;
  unsigned BestDistance = Allowed + 1;
  for (llvm::StringRef Candidate : Candidates) {
    unsigned Distance = Word.edit_distance(Candidate, /*AllowReplacements=*/true, Allowed);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Candidate.str();
    }
  }
  return Best;
}

} // namespace

std::optional<std::string> closestCheckName(llvm::StringRef Name) {
  std::vector<llvm::StringRef> Names(catalogue().Names.keys().begin(),
                                     catalogue().Names.keys().end());
  llvm::sort(Names); // the same answer on every run
  return closest(Name, Names);
}

std::optional<std::string> closestOptionKey(llvm::StringRef Key) {
  std::vector<llvm::StringRef> Keys;
  for (llvm::StringRef Option : catalogue().Options.keys())
    Keys.push_back(Key.contains('.') ? Option : Option.rsplit('.').second);
  llvm::sort(Keys);
  return closest(Key, Keys);
}

std::vector<std::string> asyncCheckNames() {
  std::vector<std::string> Names;
  for (llvm::StringRef Name : catalogue().Names.keys())
    if (Name.starts_with("async-"))
      Names.push_back(Name.str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

std::vector<Rule> asyncRules(llvm::StringRef DocsBaseUrl,
                             const std::optional<std::string> &DocsDirectory) {
  std::vector<Rule> Rules;
  for (const std::string &Name : asyncCheckNames()) {
    Rule R;
    R.Id = Name;
    if (!DocsBaseUrl.empty())
      R.HelpUri = (DocsBaseUrl + docPageName(Name) + ".md").str();
    if (DocsDirectory)
      if (std::optional<DocPage> Page = readDocPage(*DocsDirectory, Name)) {
        R.Summary = std::move(Page->Summary);
        R.Description = std::move(Page->Text);
      }
    R.DefaultLevel = Level::Warning; // clang-tidy checks warn unless WarningsAsErrors says otherwise
    Rules.push_back(std::move(R));
  }
  return Rules;
}

std::vector<std::string> unknownCheckPatterns(llvm::StringRef Checks) {
  const llvm::StringSet<> &Known = catalogue().Names;
  std::vector<std::string> Unknown;
  for (llvm::StringRef Pattern : llvm::split(Checks, ',')) {
    for (llvm::StringRef Line : llvm::split(Pattern, '\n')) {
      Line = Line.trim();
      if (Line.empty() || Line.starts_with("-"))
        continue;
      llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Line);
      if (!Glob) {
        llvm::consumeError(Glob.takeError());
        Unknown.push_back(Line.str());
        continue;
      }
      bool Matches = llvm::any_of(Known.keys(), [&](llvm::StringRef Name) { return Glob->match(Name); });
      if (!Matches)
        Unknown.push_back(Line.str());
    }
  }
  return Unknown;
}

std::vector<std::string> unknownOptionKeys(llvm::ArrayRef<std::string> Keys) {
  const llvm::StringSet<> &Options = catalogue().Options;
  std::vector<std::string> Unknown;
  for (const std::string &Key : Keys) {
    if (Options.contains(Key))
      continue;
    bool Global = !llvm::StringRef(Key).contains('.');
    if (Global && llvm::any_of(Options.keys(), [&](llvm::StringRef Option) {
          return Option.ends_with("." + Key);
        }))
      continue;
    Unknown.push_back(Key);
  }
  return Unknown;
}

} // namespace corolint
