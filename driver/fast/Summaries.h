//===--- Summaries.h - a file's part of the whole program, by name --------===//
//
// The fast side of checks/model/ProgramSummary. Without types or includes,
// a function is keyed by its qualified name as written, with the classes it
// is defined in (`app::Storage::flush`), and a call by the names its callee
// may denote in its scope (`helper` in namespace app: `app::helper`, then
// `helper`): the whole-program step follows it only when exactly one of
// them is defined in the program, and drops a name defined at two places
// (overloads). Where names are ambiguous, the answer is silence. A function
// of internal linkage (`static`, an unnamed namespace) has its file in its
// key, as Clang's USR has.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_SUMMARIES_H
#define COROLINT_DRIVER_FAST_SUMMARIES_H

#include "driver/fast/FunctionModel.h"

#include "checks/model/NameList.h"
#include "checks/model/ProgramSummary.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

/// The keys a call may run, by name.
struct CalleeKeys {
  std::string Callee;                    ///< the first name it may denote
  std::vector<std::string> Alternatives; ///< the others
  std::string Name;                      ///< as written, last segment
};

/// Names the functions and calls of one file for its summaries.
class SummaryNames {
public:
  /// \p File: the file's absolute path, for keys of internal linkage.
  SummaryNames(const FileModel &Model, std::string_view Source, std::string_view File)
      : Model(Model), Source(Source), File(File) {}

  /// \p Function's key across files; empty for a lambda or a member of a
  /// local class (nobody calls those from another file).
  std::string key(const FunctionInfo &Function) const;

  /// \p Function as messages name it: `save_snapshot`, `Storage::flush`.
  std::string name(const FunctionInfo &Function) const;

  /// What \p Call (made in \p Caller, if any) may run; nothing when it names
  /// no function of user code (`std::` names) or too many to follow.
  std::optional<CalleeKeys> callee(const CallSite &Call, const FunctionInfo *Caller) const;

  /// The calls \p Function makes itself, requested and others, in source order.
  std::vector<const CallSite *> callsInOrder(const FunctionInfo &Function) const;

  /// \p Function's summary without its calls: key, name, place; nothing when
  /// it has no key.
  std::optional<FunctionSummary> function(const FunctionInfo &Function) const;

  /// \p Call (made in \p Caller) as a summary records what it runs: the loop
  /// runner of \p Runners it denotes, else the names it may run; nothing when
  /// neither (nothing a search follows).
  std::optional<SummaryCall> call(const CallSite &Call, const FunctionInfo &Caller,
                                  const NameList &Runners) const;

  /// The open question of \p Call, made by \p Coroutine at \p Offset, with
  /// what it may run filled in (the caller adds what it seeks); nothing when
  /// it names no function of user code.
  std::optional<OpenQuestion> question(const CallSite &Call, const FunctionInfo &Coroutine,
                                       uint32_t Offset) const;

  /// Appends a summary of every named function of the file to \p Out: whether
  /// a search goes through it (\p Enters: not a coroutine, and what the
  /// check adds), and the calls \p CallsOf lists for those it does.
  void summarizeFile(
      ProgramSummaries &Out,
      const std::function<bool(const FunctionInfo &, const std::string &Key)> &Enters,
      const std::function<std::vector<SummaryCall>(const FunctionInfo &)> &CallsOf) const;

  /// A call whose name may denote more functions than this is not followed.
  static constexpr size_t MaxAlternatives = 16;

private:
  /// The classes \p Function is written in, outermost first; std::nullopt
  /// inside a function body.
  std::optional<std::vector<std::string_view>> classesOf(const FunctionInfo &Function) const;
  bool hasInternalLinkage(const FunctionInfo &Function) const;
  /// \p Qualified, or its file's key when this file defines it with internal linkage.
  std::string keyOfName(const std::string &Qualified) const;

  const FileModel &Model;
  std::string_view Source;
  std::string_view File;
};

} // namespace corolint::fast

#endif
