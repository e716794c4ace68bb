//===--- DocPages.cpp - the check doc pages: where they are, what they say -===//

#include "DocPages.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#ifndef COROLINT_SOURCE_DOCS_DIR
#error "the build must define COROLINT_SOURCE_DOCS_DIR"
#endif

namespace corolint {

std::optional<std::string> findDocsDirectory(const char *Argv0) {
  static int Anchor;
  std::string Executable = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  llvm::SmallString<256> BinDir(llvm::sys::path::parent_path(Executable));
  llvm::SmallVector<llvm::SmallString<256>, 4> Candidates;
  Candidates.emplace_back(BinDir);
  llvm::sys::path::append(Candidates.back(), "..", "..", "docs");
  Candidates.emplace_back(BinDir);
  llvm::sys::path::append(Candidates.back(), "..", "share", "doc", "corolint");
  Candidates.emplace_back(BinDir);
  llvm::sys::path::append(Candidates.back(), "..", "share", "corolint", "docs");
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

std::string docPageName(llvm::StringRef Check) {
  Check.consume_front("async-");
  return Check.str();
}

std::string summaryOf(llvm::StringRef Markdown) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Markdown.split(Lines, '\n');
  std::string Paragraph;
  bool Skipping = false; // inside a paragraph that is not prose
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty()) {
      if (!Paragraph.empty())
        return Paragraph;
      Skipping = false;
      continue;
    }
    bool StartsParagraph = Paragraph.empty() && !Skipping;
    // Headings, the italic "*Guide: ...*" line, code fences and lists are not the summary.
    if (StartsParagraph && (Line.starts_with("#") || Line.starts_with("```") ||
                            Line.starts_with("- ") || Line.starts_with("* ") ||
                            (Line.starts_with("*") && !Line.starts_with("**")))) {
      Skipping = true;
      continue;
    }
    if (Skipping)
      continue;
    if (!Paragraph.empty())
      Paragraph += ' ';
    Paragraph += llvm::join(llvm::split(Line, ' '), " ");
  }
  return Paragraph;
}

std::optional<DocPage> readDocPage(llvm::StringRef DocsDirectory, llvm::StringRef Check) {
  llvm::SmallString<256> Path(DocsDirectory);
  llvm::sys::path::append(Path, "checks", docPageName(Check) + ".md");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Read = llvm::MemoryBuffer::getFile(Path);
  if (!Read)
    return std::nullopt;
  DocPage Page;
  Page.Text = (*Read)->getBuffer().str();
  Page.Summary = summaryOf(Page.Text);
  return Page;
}

std::string encodeUriPath(llvm::StringRef Path) {
  std::string Encoded;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Encoded += C;
    else
      Encoded += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Encoded;
}

std::string fileUri(llvm::StringRef AbsolutePath) { return "file://" + encodeUriPath(AbsolutePath); }

std::optional<std::string> pathOfFileUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] != '%') {
      Path += Uri[I];
    } else if (I + 2 < Uri.size() && !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      return std::nullopt;
    }
  }
  return Path;
}

std::string docsBaseUrl(llvm::StringRef BaseUrl, const std::optional<std::string> &DocsDirectory) {
  std::string Url;
  if (!BaseUrl.empty()) {
    Url = BaseUrl.str();
  } else if (DocsDirectory) {
    llvm::SmallString<256> Checks(*DocsDirectory);
    llvm::sys::path::append(Checks, "checks");
    Url = fileUri(Checks);
  } else {
    return "";
  }
  if (!llvm::StringRef(Url).ends_with("/"))
    Url += '/';
  return Url;
}

} // namespace corolint
