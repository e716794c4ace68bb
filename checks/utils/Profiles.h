//===--- Profiles.h - the AsyncProfile option ------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_PROFILES_H
#define COROLINT_CHECKS_UTILS_PROFILES_H

#include "ProfileData.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace corolint {

/// Reads `AsyncProfile` with clang-tidy's local-or-global lookup, so
/// `CheckOptions: {AsyncProfile: asio}` sets it for every check and
/// `async-<check>.AsyncProfile` for one. An unknown name is reported as a
/// configuration error and the aio profile is used.
const ProfileData &readProfile(clang::tidy::ClangTidyCheck &Check,
                               const clang::tidy::ClangTidyCheck::OptionsView &Options);

} // namespace corolint

#endif
