//===--- CheckOptions.h - list options with profile defaults --------------===//
#ifndef COROLINT_CHECKS_UTILS_CHECKOPTIONS_H
#define COROLINT_CHECKS_UTILS_CHECKOPTIONS_H

#include "Names.h"
#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <string_view>

namespace corolint {

/// A `;`-separated name-list option: its text (to store back) and its names.
struct ListOption {
  std::string Raw;
  NameList Names;
};

/// Reads option \p Name, defaulting to \p ProfileDefault (a ProfileData column).
ListOption readListOption(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                          llvm::StringRef Name, std::string_view ProfileDefault);

/// The first name of a list option without its leading "::", or "" — what a
/// message or fix-it writes.
std::string firstSpelling(const ListOption &Option);

} // namespace corolint

#endif
