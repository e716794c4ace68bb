//===--- FormatNames.cpp - the names of formats and levels ----------------===//

#include "Formats.h"

#include "llvm/ADT/StringSwitch.h"

namespace corolint {

std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<OutputFormat>>(Name)
      .Case("text", OutputFormat::Text)
      .Case("sarif", OutputFormat::Sarif)
      .Case("json", OutputFormat::Json)
      .Case("github", OutputFormat::Github)
      .Case("yaml", OutputFormat::Yaml)
      .Case("html", OutputFormat::Html)
      .Default(std::nullopt);
}

llvm::StringRef levelName(Level L) {
  switch (L) {
  case Level::Error:
    return "error";
  case Level::Warning:
    return "warning";
  case Level::Note:
    return "note";
  }
  llvm_unreachable("every level is named");
}

} // namespace corolint
