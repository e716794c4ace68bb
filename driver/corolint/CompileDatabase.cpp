//===--- CompileDatabase.cpp - where the compile commands come from -------===//

#include "CompileDatabase.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Path.h"

namespace corolint {
namespace {

/// Why \p Dir/compile_commands.json, which exists, does not load: the JSON
/// error as file:line:col, or what the database loader says.
std::string brokenDatabaseMessage(llvm::StringRef Dir, llvm::StringRef LoaderError) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return ("cannot read '" + Path + "': " + Text.getError().message()).str();
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer());
  if (Parsed)
    return ("'" + Path + "' is not a compile database: " + LoaderError).str();
  // llvm::json reports "[line:column, byte=N]: what".
  std::string Message = llvm::toString(Parsed.takeError());
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  static const llvm::Regex Position(R"(^\[([0-9]+):([0-9]+), byte=[0-9]+\]: (.*)$)");
  if (Position.match(Message, &Parts))
    return (Path + ":" + Parts[1] + ":" + Parts[2] + ": invalid JSON: " + Parts[3]).str();
  return ("'" + Path + "' is not valid JSON: " + Message).str();
}

bool hasDatabaseFile(llvm::StringRef Dir) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  return llvm::sys::fs::exists(Path);
}

/// The first directory at or above \p Start with a database; a broken
/// compile_commands.json stops the search with \p Broken set.
std::unique_ptr<clang::tooling::CompilationDatabase>
searchUpward(llvm::StringRef Start, std::string &Directory, std::string &Broken) {
  llvm::SmallString<256> Dir(Start);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  for (llvm::StringRef Current = Dir; !Current.empty();
       Current = llvm::sys::path::parent_path(Current)) {
    std::string Error;
    if (auto Found = clang::tooling::CompilationDatabase::loadFromDirectory(Current, Error)) {
      Directory = Current.str();
      return Found;
    }
    if (hasDatabaseFile(Current)) {
      Broken = brokenDatabaseMessage(Current, Error);
      return nullptr;
    }
  }
  return nullptr;
}

std::unique_ptr<clang::tooling::CompilationDatabase>
adjust(std::unique_ptr<clang::tooling::CompilationDatabase> Found, llvm::StringRef ResourceDir) {
  // Files missing from the database borrow the flags of their nearest neighbour.
  Found = clang::tooling::inferMissingCompileCommands(std::move(Found));
  auto Adjusted =
      std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(std::move(Found));
  // Our binaries do not live in the LLVM prefix, so clang would miss its own headers.
  std::string ResourceFlag = ("-resource-dir=" + ResourceDir).str();
  Adjusted->appendArgumentsAdjuster(
      [ResourceFlag](const clang::tooling::CommandLineArguments &Args, llvm::StringRef) {
        for (const std::string &Arg : Args)
          if (llvm::StringRef(Arg).starts_with("-resource-dir"))
            return Args;
        return clang::tooling::getInsertArgumentAdjuster(
            ResourceFlag.c_str(), clang::tooling::ArgumentInsertPosition::BEGIN)(Args, "");
      });
  // Our reporter prints the findings; the compiler's "N warnings generated." is noise.
  Adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", clang::tooling::ArgumentInsertPosition::END));
  return Adjusted;
}

} // namespace

std::optional<LoadedDatabase>
loadCompilations(std::unique_ptr<clang::tooling::CompilationDatabase> FromDashDash,
                 llvm::StringRef BuildPath, llvm::ArrayRef<std::string> SearchFrom,
                 llvm::StringRef ResourceDir, llvm::raw_ostream &Err) {
  LoadedDatabase Loaded;
  std::unique_ptr<clang::tooling::CompilationDatabase> Found = std::move(FromDashDash);
  if (!Found && !BuildPath.empty()) {
    // -p names the build directory exactly: no search above it.
    std::string Error;
    Found = clang::tooling::CompilationDatabase::loadFromDirectory(BuildPath, Error);
    if (!Found) {
      if (!llvm::sys::fs::is_directory(BuildPath))
        Err << "corolint: error: no usable compile database in '" << BuildPath
            << "': no such directory\n";
      else if (hasDatabaseFile(BuildPath))
        Err << "corolint: error: " << brokenDatabaseMessage(BuildPath, Error) << "\n";
      else
        Err << "corolint: error: no compile_commands.json in '" << BuildPath
            << "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)\n";
      return std::nullopt;
    }
    llvm::SmallString<256> Dir(BuildPath);
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
    Loaded.Directory = Dir.str().str();
  }
  std::string Broken;
  for (size_t I = 0; !Found && Broken.empty() && I < SearchFrom.size(); ++I)
    Found = searchUpward(SearchFrom[I], Loaded.Directory, Broken);
  if (!Broken.empty()) {
    Err << "corolint: error: " << Broken << "\n";
    return std::nullopt;
  }
  if (!Found) {
    Err << "corolint: error: no compile database: pass -p <build-dir> with "
           "compile_commands.json, compile flags after '--', or use --fast\n";
    return std::nullopt;
  }
  for (std::string File : Found->getAllFiles()) {
    llvm::SmallString<256> Path(File);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Loaded.ListedFiles.push_back(Path.str().str());
  }
  Loaded.Compilations = adjust(std::move(Found), ResourceDir);
  return Loaded;
}

} // namespace corolint
