//===--- Init.cpp - `corolint init [DIR]`: a project's configuration ------===//

#include "Init.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

namespace corolint {
namespace {

constexpr llvm::StringLiteral ClangTidyConfig =
    "# corolint: the async-* checks (corolint --list-checks; corolint --explain CHECK).\n"
    "# async-no-await (a coroutine that never suspends) is opt-in: add it to enable it.\n"
    "Checks: '-*,async-*,-async-no-await'\n"
    "CheckOptions:\n"
    "  # Runtime library the checks assume: aio (default), cppcoro, libcoro, folly,\n"
    "  # asio, async_simple, qcoro, stdexec.\n"
    "  # AsyncProfile: aio\n"
    "  # Blocking helpers in other files, in the editor and the clang-tidy plugin: the\n"
    "  # summaries `corolint -p build --summaries-out .corolint/summaries.json` writes\n"
    "  # (docs/integration/whole-program.md). Without the file, each file on its own.\n"
    "  async-blocking-call.SummaryFile: .corolint/summaries.json\n";

constexpr llvm::StringLiteral ClangdConfig =
    "# corolint-clangd: clangd 19 runs only the checks it knows to be fast\n"
    "# unless told otherwise; the async-* checks come from .clang-tidy.\n"
    "Diagnostics:\n"
    "  ClangTidy:\n"
    "    FastCheckFilter: Loose\n";

} // namespace

int runInit(llvm::StringRef Directory, bool Force, llvm::raw_ostream &Out,
            llvm::raw_ostream &Err) {
  if (!llvm::sys::fs::is_directory(Directory)) {
    llvm::WithColor::error(Err, "corolint") << "no such directory: '" << Directory << "'\n";
    return 2;
  }
  int Exit = 0;
  for (auto [Name, Text] : {std::pair{".clang-tidy", ClangTidyConfig},
                            std::pair{".clangd", ClangdConfig}}) {
    llvm::SmallString<256> Path(Directory);
    llvm::sys::path::append(Path, Name);
    if (llvm::sys::fs::exists(Path) && !Force) {
      llvm::WithColor::error(Err, "corolint")
          << "'" << Path << "' exists; left unchanged (--force overwrites it)\n";
      Exit = 2;
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
    if (!EC)
      OS << Text;
    if (EC || (OS.close(), OS.has_error())) {
      llvm::WithColor::error(Err, "corolint")
          << "cannot write '" << Path << "': " << (EC ? EC : OS.error()).message() << "\n";
      OS.clear_error();
      Exit = 2;
      continue;
    }
    Out << "wrote " << Path << "\n";
  }
  return Exit;
}

} // namespace corolint
