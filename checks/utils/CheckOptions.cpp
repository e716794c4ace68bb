//===--- CheckOptions.cpp - list options with profile defaults ------------===//

#include "CheckOptions.h"

namespace corolint {

ListOption readListOption(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                          llvm::StringRef Name, std::string_view ProfileDefault) {
  ListOption Option;
  Option.Raw = Options.get(Name, llvm::StringRef(ProfileDefault.data(), ProfileDefault.size()))
                   .str();
  Option.Names = NameList(Option.Raw);
  return Option;
}

std::string firstSpelling(const ListOption &Option) {
  if (Option.Names.names().empty())
    return "";
  llvm::StringRef First = Option.Names.names().front();
  First.consume_front("::");
  return First.str();
}

} // namespace corolint
