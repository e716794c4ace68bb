//===--- CheckCatalog.cpp - the checks the linked modules register --------===//

#include "CheckCatalog.h"
#include "Explain.h"

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

} // namespace

std::vector<std::string> asyncCheckNames() {
  std::vector<std::string> Names;
  for (llvm::StringRef Name : catalogue().Names.keys())
    if (Name.starts_with("async-"))
      Names.push_back(Name.str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

std::string docPageName(llvm::StringRef Check) {
  Check.consume_front("async-");
  return Check.str();
}

std::vector<Rule> asyncRules(llvm::StringRef DocsBaseUrl) {
  std::vector<Rule> Rules;
  for (const std::string &Name : asyncCheckNames()) {
    Rule R;
    R.Id = Name;
    R.HelpUri = (DocsBaseUrl + docPageName(Name) + ".md").str();
    R.Summary = docSummary(Name);
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
