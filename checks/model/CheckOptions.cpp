//===--- CheckOptions.cpp - each check's options, read and stored ----------===//

#include "checks/model/CheckOptions.h"

namespace corolint {

namespace {

ListOption readList(const OptionSource &Source, std::string_view Name, std::string_view Default) {
  ListOption Option;
  Option.Raw = Source.get(Name, Default);
  Option.Names = NameList(Option.Raw);
  return Option;
}

} // namespace

#define LIST(Name) Name = readList(Source, #Name, Source.Profile.Name);
#define LIST_FIXED(Name, Text) Name = readList(Source, #Name, Text);
#define TEXT(Name, Text) Name = Source.get(#Name, Text);
#define PROFILE_TEXT(Name) Name = Source.get(#Name, Source.Profile.Name);
#define GLOBAL_TEXT(Name) Name = Source.getLocalOrGlobal(#Name, Source.Profile.Name);
#define UNSIGNED(Name, Value) Name = Source.getUnsigned(#Name, Value);
#define BOOL(Name, Value) Name = Source.getBool(#Name, Value);
#define ASYNC_CHECK_OPTIONS(Stem, Members)                                                      \
  void Stem##Options::read(const OptionSource &Source) { Members }
#include "checks/model/CheckOptions.def"

#define LIST(Name) Store(#Name, Name.Raw);
#define LIST_FIXED(Name, Text) Store(#Name, Name.Raw);
#define TEXT(Name, Text) Store(#Name, Name);
#define PROFILE_TEXT(Name) Store(#Name, Name);
// Read here, stored by the check that owns it.
#define GLOBAL_TEXT(Name)
#define UNSIGNED(Name, Value) Store(#Name, std::to_string(Name));
#define BOOL(Name, Value) Store(#Name, Name ? "true" : "false");
#define ASYNC_CHECK_OPTIONS(Stem, Members)                                                      \
  void Stem##Options::store(const OptionStore &Store) const { Members }
#include "checks/model/CheckOptions.def"

} // namespace corolint
