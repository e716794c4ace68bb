//===--- CompileDatabase.h - where the compile commands come from ---------===//
#ifndef COROLINT_DRIVER_COROLINT_COMPILEDATABASE_H
#define COROLINT_DRIVER_COROLINT_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Compilations;
  std::string Directory;                 ///< where compile_commands.json is; empty for `--` flags
  std::vector<std::string> ListedFiles;  ///< the database's files, absolute
};

/// The compile commands: from the flags after `--`, from -p \p BuildPath
/// (exactly that directory), or from the first database found upward from
/// \p SearchFrom (files or directories). Reports failures on \p Err.
std::optional<LoadedDatabase>
loadCompilations(std::unique_ptr<clang::tooling::CompilationDatabase> FromDashDash,
                 llvm::StringRef BuildPath, llvm::ArrayRef<std::string> SearchFrom,
                 llvm::StringRef ResourceDir, llvm::raw_ostream &Err);

} // namespace corolint

#endif
