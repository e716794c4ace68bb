//===--- CheckOptions.h - each check's options, declared once --------------===//
//
// CheckOptions.def lists every option of every check; this header makes of
// each check's list a struct `<Stem>Options` with one member per option. Both
// engines fill it through an OptionSource over their configuration, so a
// default, a profile column or an option's spelling is written in one place.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_CHECKOPTIONS_H
#define COROLINT_CHECKS_MODEL_CHECKOPTIONS_H

#include "checks/model/NameList.h"
#include "checks/utils/ProfileData.h"

#include <functional>
#include <string>
#include <string_view>

namespace corolint {

/// A `;`-separated name-list option: its text (to store back) and its names.
struct ListOption {
  std::string Raw;
  NameList Names;
  /// The first name, as a message or fix-it writes it ("" if none).
  std::string firstSpelling() const { return Names.firstSpelling(); }
};

/// One check's configuration, as an engine reads it.
class OptionSource {
public:
  explicit OptionSource(const ProfileData &Profile) : Profile(Profile) {}
  virtual ~OptionSource() = default;
  /// `<check>.Name`, else \p Default.
  virtual std::string get(std::string_view Name, std::string_view Default) const = 0;
  /// `<check>.Name`, else the global `Name`, else \p Default.
  virtual std::string getLocalOrGlobal(std::string_view Name, std::string_view Default) const = 0;
  /// A number; \p Default (and the engine's complaint) when the text is not one.
  virtual unsigned getUnsigned(std::string_view Name, unsigned Default) const = 0;
  /// true or false; \p Default (and the engine's complaint) when the text is neither.
  virtual bool getBool(std::string_view Name, bool Default) const = 0;

  /// The AsyncProfile row the check uses: the defaults of most options.
  const ProfileData &Profile;
};

/// Receives each option's name and text, to write a configuration back.
using OptionStore = std::function<void(std::string_view Name, const std::string &Value)>;

#define LIST(Name) ListOption Name;
#define LIST_FIXED(Name, Text) ListOption Name;
/* A default of its own, also what a check falls back to on a bad value. */
#define TEXT(Name, Text) std::string Name = Text;
#define PROFILE_TEXT(Name) std::string Name;
#define GLOBAL_TEXT(Name) std::string Name;
#define UNSIGNED(Name, Value) unsigned Name = Value;
#define BOOL(Name, Value) bool Name = Value;
#define ASYNC_CHECK_OPTIONS(Stem, Members)                                                      \
  struct Stem##Options {                                                                       \
    Members                                                                                    \
    void read(const OptionSource &Source);                                                     \
    void store(const OptionStore &Store) const;                                                \
  };
#include "checks/model/CheckOptions.def"

} // namespace corolint

#endif
