//===--- Explain.cpp - `corolint --explain CHECK`: a check's doc page -----===//

#include "Explain.h"
#include "CheckCatalog.h"
#include "DocPages.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

namespace corolint {

int runExplain(llvm::StringRef Check, const char *Argv0, llvm::raw_fd_ostream &Out,
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
  Out.flush();
  if (Out.has_error()) {
    llvm::WithColor::error(Err, "corolint")
        << "cannot write the doc page: " << Out.error().message() << "\n";
    Out.clear_error(); // reported: raw_fd_ostream would otherwise abort at exit
    return 2;
  }
  return 0;
}

} // namespace corolint
