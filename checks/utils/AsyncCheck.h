//===--- AsyncCheck.h - what every corolint clang-tidy check is -----------===//
//
// A check of C++20 code, matched as spelled in the source, whose options are
// its CheckOptions.def struct: read from clang-tidy's configuration (defaults
// from the AsyncProfile row) and stored back for --dump-config, with no
// option named twice.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_ASYNCCHECK_H
#define COROLINT_CHECKS_UTILS_ASYNCCHECK_H

#include "Names.h"
#include "Profiles.h"
#include "checks/model/CheckOptions.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace corolint {

/// clang-tidy's OptionsView as an OptionSource: invalid numbers and booleans
/// get clang-tidy's own configuration diagnostics.
class TidyOptionSource final : public OptionSource {
public:
  TidyOptionSource(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                   const ProfileData &Profile)
      : OptionSource(Profile), Options(Options) {}
  std::string get(std::string_view Name, std::string_view Default) const override {
    return Options.get(ref(Name), ref(Default)).str();
  }
  std::string getLocalOrGlobal(std::string_view Name, std::string_view Default) const override {
    return Options.getLocalOrGlobal(ref(Name), ref(Default)).str();
  }
  unsigned getUnsigned(std::string_view Name, unsigned Default) const override {
    return Options.get<unsigned>(ref(Name), Default);
  }
  bool getBool(std::string_view Name, bool Default) const override {
    return Options.get<bool>(ref(Name), Default);
  }

private:
  static llvm::StringRef ref(std::string_view S) { return llvm::StringRef(S.data(), S.size()); }
  const clang::tidy::ClangTidyCheck::OptionsView &Options;
};

/// Another check's options as this run configures them: the project's
/// summary file is async-blocking-call's to name, and every check that
/// answers from it reads it there.
template <class CheckOptions>
CheckOptions optionsOf(llvm::StringRef Check, clang::tidy::ClangTidyContext &Context,
                       const ProfileData &Profile) {
  clang::tidy::ClangTidyCheck::OptionsView View(Check, Context.getOptions().CheckOptions,
                                                &Context);
  CheckOptions Options;
  Options.read(TidyOptionSource(View, Profile));
  return Options;
}

template <class CheckOptions>
class AsyncCheck : public clang::tidy::ClangTidyCheck, protected CheckOptions {
public:
  AsyncCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Profile(readProfile(*this, Options)) {
    this->read(TidyOptionSource(Options, Profile));
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Map) override {
    this->store([&](std::string_view Name, const std::string &Value) {
      Options.store(Map, llvm::StringRef(Name.data(), Name.size()), Value);
    });
  }
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<clang::TraversalKind> getCheckTraversalKind() const override {
    return clang::TK_IgnoreUnlessSpelledInSource;
  }

protected:
  /// The AsyncProfile row the check was configured with.
  const ProfileData &Profile;
};

} // namespace corolint

#endif
