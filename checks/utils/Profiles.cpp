//===--- Profiles.cpp - the AsyncProfile option ----------------------------===//

#include "Profiles.h"
#include "llvm/ADT/StringExtras.h"

namespace corolint {

const ProfileData &readProfile(clang::tidy::ClangTidyCheck &Check,
                               const clang::tidy::ClangTidyCheck::OptionsView &Options) {
  llvm::StringRef Name = Options.getLocalOrGlobal("AsyncProfile", AioProfile.Name.data());
  if (const ProfileData *Profile = findProfile(std::string_view(Name.data(), Name.size())))
    return *Profile;
  std::string Known;
  for (const ProfileData &Profile : Profiles)
    Known += (Known.empty() ? "'" : ", '") + std::string(Profile.Name) + "'";
  Check.configurationDiag("invalid AsyncProfile '%0'; expected one of %1",
                          clang::DiagnosticIDs::Error)
      << Name << Known;
  return AioProfile;
}

} // namespace corolint
