//===--- DocPages.h - the check doc pages: where they are, what they say --===//
//
// One place reads docs/checks/<name>.md for --explain, the SARIF rules'
// descriptions and the links of SARIF and corolint-clangd.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_COROLINT_DOCPAGES_H
#define COROLINT_DRIVER_COROLINT_DOCPAGES_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace corolint {

/// The docs directory (holding checks/): the source tree beside a build tree
/// (bin/../../docs), an install (bin/../share/doc/corolint or the older
/// bin/../share/corolint/docs), or the source tree known at configure time.
std::optional<std::string> findDocsDirectory(const char *Argv0);

/// The doc page of a check: "async-blocking-call" -> "blocking-call".
std::string docPageName(llvm::StringRef Check);

struct DocPage {
  std::string Summary; ///< the first paragraph of prose, on one line
  std::string Text;    ///< the whole page (Markdown)
};

/// Reads \p DocsDirectory/checks/<page>.md; nullopt if there is none.
std::optional<DocPage> readDocPage(llvm::StringRef DocsDirectory, llvm::StringRef Check);

/// The first paragraph of a page that is neither a heading nor an italic
/// source line, whitespace collapsed to single spaces.
std::string summaryOf(llvm::StringRef Markdown);

/// \p BaseUrl when given, else the file:// URI of \p DocsDirectory/checks/
/// (empty when neither is known); always ends in '/'.
std::string docsBaseUrl(llvm::StringRef BaseUrl, const std::optional<std::string> &DocsDirectory);

/// RFC 3986 percent-encoding of a path, keeping '/'.
std::string encodeUriPath(llvm::StringRef Path);

/// "file://" and the encoded \p AbsolutePath.
std::string fileUri(llvm::StringRef AbsolutePath);

/// The path a file:// URI names (as fileUri writes them); none for another URI.
std::optional<std::string> pathOfFileUri(llvm::StringRef Uri);

} // namespace corolint

#endif
