//===--- Explain.cpp - `corolint --explain CHECK`: a check's doc page -----===//

#include "Explain.h"
#include "CheckCatalog.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#ifndef COROLINT_SOURCE_DOCS_DIR
#error "the build must define COROLINT_SOURCE_DOCS_DIR"
#endif

namespace corolint {

std::optional<std::string> findDocsDirectory(const char *Argv0) {
  static int Anchor;
  std::string Executable = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  llvm::SmallString<256> BinDir(llvm::sys::path::parent_path(Executable));
  llvm::SmallVector<llvm::SmallString<256>, 3> Candidates;
  Candidates.emplace_back(BinDir);
  llvm::sys::path::append(Candidates.back(), "..", "..", "docs");
  Candidates.emplace_back(BinDir);
  llvm::sys::path::append(Candidates.back(), "..", "share", "doc", "corolint");
  Candidates.emplace_back(COROLINT_SOURCE_DOCS_DIR);
  for (llvm::SmallString<256> &Dir : Candidates) {
    llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
    llvm::SmallString<256> Checks(Dir);
    llvm::sys::path::append(Checks, "checks");
    if (llvm::sys::fs::is_directory(Checks))
      return Dir.str().str();
  }
  return std::nullopt;
}

std::string docSummary(llvm::StringRef Check) {
  // Linux finds our executable through /proc/self/exe; argv[0] is not needed.
  static const std::optional<std::string> Docs = findDocsDirectory("corolint");
  if (!Docs)
    return "";
  llvm::SmallString<256> Page(*Docs);
  llvm::sys::path::append(Page, "checks", docPageName(Check) + ".md");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Page);
  if (!Text)
    return "";
  // Paragraphs are separated by blank lines; the title, the italic source line and
  // headings are not the summary.
  std::string Summary;
  bool Skipping = false;
  for (llvm::StringRef Line : llvm::split((*Text)->getBuffer(), '\n')) {
    Line = Line.trim();
    if (Line.empty()) {
      if (!Summary.empty())
        break;
      Skipping = false;
      continue;
    }
    if (Summary.empty() && !Skipping &&
        (Line.starts_with("#") || Line.starts_with("*") || Line.starts_with("```")))
      Skipping = true;
    if (Skipping)
      continue;
    if (!Summary.empty())
      Summary += ' ';
    Summary += Line.str();
  }
  return Summary;
}

int runExplain(llvm::StringRef Check, const char *Argv0, llvm::raw_ostream &Out,
               llvm::raw_ostream &Err) {
  std::string Name = Check.starts_with("async-") ? Check.str() : "async-" + Check.str();
  if (!llvm::is_contained(asyncCheckNames(), Name)) {
    llvm::WithColor::error(Err, "corolint")
        << "unknown check '" << Check << "'; corolint --checks='async-*' --list-checks lists them\n";
    return 2;
  }
  std::optional<std::string> Docs = findDocsDirectory(Argv0);
  if (!Docs) {
    llvm::WithColor::error(Err, "corolint") << "cannot find the documentation directory\n";
    return 2;
  }
  llvm::SmallString<256> Page(*Docs);
  llvm::sys::path::append(Page, "checks", docPageName(Name) + ".md");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Page);
  if (!Text) {
    llvm::WithColor::error(Err, "corolint")
        << "no doc page for '" << Name << "' at '" << Page << "': " << Text.getError().message()
        << "\n";
    return 2;
  }
  Out << (*Text)->getBuffer();
  return 0;
}

} // namespace corolint
