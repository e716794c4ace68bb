//===--- BlockingCallCheck.cpp - async-blocking-call, by name -------------===//
//
// Syntactically, a coroutine is a body containing co_await, co_yield or
// co_return, and a blocking call is a call whose written name may denote a
// function of the BlockingFunctions table (see NameLookup.h), made by the
// coroutine itself or by a plain helper it calls that this file defines.
// Lambdas are their own functions: a plain lambda inside a coroutine (the
// callable handed to std::thread or aio::to_thread) is left alone.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastCheck.h"

#include "checks/utils/BlockingFunctions.h"
#include "checks/utils/Messages.h"

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-blocking-call";

class BlockingCallCheck : public FastCheck {
public:
  BlockingCallCheck(std::vector<BlockingFunction> Table, NameList Blocking, NameList Runners,
                    std::string Offload, unsigned HelperDepth)
      : Table(std::move(Table)), Blocking(std::move(Blocking)), Runners(std::move(Runners)),
        Offload(std::move(Offload)), HelperDepth(HelperDepth) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Blocking); }

  void check(const CheckContext &Context) const override {
    auto IsBlocking = [&](const CallSite &Call) { return blocking(Call) != nullptr; };
    for (const FunctionInfo &Function : Context.Model.Functions) {
      if (!Function.IsCoroutine)
        continue;
      for (size_t Index : Function.Calls) {
        const CallSite &Call = Context.Model.Calls[Index];
        if (const std::string *Callee = blocking(Call)) {
          if (readsFromMemory(Context, Function, Call))
            continue;
          Context.report(Name, Call.Callee,
                         messages::blockingCall(*Callee, displayName(Function),
                                                replacementOf(*Callee), Offload));
          continue;
        }
        HelperPath Path = reachedThroughHelper(Context.Model, Call, HelperDepth, IsBlocking,
                                               Context.Source, Context.Budget);
        if (!Path.Helper)
          continue;
        const std::string *Reached = blocking(*Path.Target);
        Finding &Found = Context.report(
            Name, Call.Callee,
            messages::blockingHelper(Path.Helper->Name, displayName(Function), *Reached, Offload));
        Context.note(Found, Path.Target->Callee, "'" + *Reached + "' blocks here");
      }
    }
  }

private:
  /// `std::getline(in, line)` where `in` is declared here as a string stream:
  /// no I/O happens.
  static bool readsFromMemory(const CheckContext &Context, const FunctionInfo &Function,
                              const CallSite &Call) {
    if (nodeText(Call.Callee, Context.Source).find("getline") == std::string_view::npos)
      return false;
    std::string_view Stream =
        nodeText(namedChild(childByField(Call.Call, "arguments"), 0), Context.Source);
    bool InMemory = false;
    traverse(
        Function.Definition,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          if (Type == "declaration" || Type == "parameter_declaration") {
            std::string_view Declared = nodeText(Node, Context.Source);
            if (nodeText(childByField(Node, "type"), Context.Source).find("stringstream") !=
                    std::string_view::npos &&
                containsWord(Declared, Stream))
              InMemory = true;
            return false;
          }
          return !InMemory;
        },
        [](TSNode) {});
    return InMemory;
  }

  /// The table's name for the callee, or nullptr; runners are async-nested-run's.
  const std::string *blocking(const CallSite &Call) const {
    if (Runners.firstListed(Call.Candidates))
      return nullptr;
    if (const std::string *Listed = Blocking.firstListed(Call.Candidates))
      return Listed;
    // <cstdio> and friends declare the C library in std:: too: std::fopen is ::fopen.
    for (const std::string &Candidate : Call.Candidates)
      if (Candidate.compare(0, 5, "std::") == 0 && Candidate.find("::", 5) == std::string::npos)
        for (const std::string &Name : Blocking.names())
          if (Name == std::string_view(Candidate).substr(5))
            return &Name;
    return nullptr;
  }

  std::string_view replacementOf(std::string_view Callee) const {
    for (const BlockingFunction &Function : Table)
      if (Function.displayName() == Callee)
        return Function.Replacement;
    for (const BlockingFunction &Function : Table) {
      std::string_view Entry = Function.displayName();
      if (Entry.size() > 1 && Entry.substr(Entry.size() - 1) == "*" &&
          Callee.substr(0, Entry.size() - 1) == Entry.substr(0, Entry.size() - 1))
        return Function.Replacement;
    }
    return {};
  }

  std::vector<BlockingFunction> Table;
  NameList Blocking, Runners;
  std::string Offload;
  unsigned HelperDepth;
};

} // namespace

std::unique_ptr<FastCheck> makeBlockingCallCheck(const Options &Opts) {
  const ProfileData *Profile = Opts.profile(Name);
  std::string Raw = Opts.get(Name, "BlockingFunctions", Profile->BlockingFunctions);
  std::string Error;
  std::vector<BlockingFunction> Table = parseBlockingFunctions(Raw, Error).value_or(
      std::vector<BlockingFunction>{});
  // The names alone (with `ns::*` and `-name` entries) decide what matches.
  std::string Names;
  for (std::string_view Rest = Raw; !Rest.empty();) {
    size_t End = Rest.find(';');
    std::string_view Item = Rest.substr(0, End);
    Names += std::string(Item.substr(0, Item.find('='))) + ";";
    Rest = End == std::string_view::npos ? std::string_view() : Rest.substr(End + 1);
  }
  NameList Offloads = listOption(Opts, Name, "OffloadFunctions", &ProfileData::OffloadFunctions);
  return std::make_unique<BlockingCallCheck>(
      std::move(Table), NameList(Names),
      listOption(Opts, Name, "RunFunctions", &ProfileData::RunFunctions),
      Offloads.firstSpelling(), Opts.getUnsigned(Name, "HelperDepth", 3).value_or(3));
}

} // namespace corolint::fast
