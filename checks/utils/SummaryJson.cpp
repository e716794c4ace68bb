//===--- SummaryJson.cpp - whole-program summaries as JSON ----------------===//

#include "SummaryJson.h"

#include "llvm/ADT/StringExtras.h"

namespace json = llvm::json;

namespace corolint {
namespace {

/// The format's name and version, the first key of a summary file.
constexpr llvm::StringLiteral FormatKey = "corolintSummaries";
constexpr int FormatVersion = 1;

constexpr llvm::StringLiteral KeysField = "keys";

json::Array strings(const std::vector<std::string> &List) {
  json::Array Array;
  for (const std::string &S : List)
    Array.push_back(S);
  return Array;
}

json::Array numbers(const std::vector<unsigned> &List) {
  json::Array Array;
  for (unsigned N : List)
    Array.push_back(N);
  return Array;
}

/// \p Array's numbers into \p Out; false when one is not a small non-negative integer.
bool readNumbers(const json::Array &Array, std::vector<unsigned> &Out) {
  for (const json::Value &N : Array) {
    std::optional<int64_t> Number = N.getAsInteger();
    if (!Number || *Number < 0 || *Number > UINT32_MAX)
      return false;
    Out.push_back(static_cast<unsigned>(*Number));
  }
  return true;
}

/// \p Array's strings into \p Out; false when one is not a string.
bool readStrings(const json::Array &Array, std::vector<std::string> &Out) {
  for (const json::Value &S : Array) {
    if (!S.getAsString())
      return false;
    Out.push_back(S.getAsString()->str());
  }
  return true;
}

json::Value toJson(const FunctionSummary &F) {
  json::Array Calls;
  for (const SummaryCall &C : F.Calls) {
    json::Array Call{C.Offset, C.Callee, C.CalleeName, C.Blocks, static_cast<int>(C.Kind),
                     C.Virtual};
    // Written only when they say something: alternatives are the fast
    // engine's, and a runner comes after them.
    if (!C.Alternatives.empty() || !C.Runs.empty())
      Call.push_back(strings(C.Alternatives));
    if (!C.Runs.empty())
      Call.push_back(C.Runs);
    Calls.push_back(std::move(Call));
  }
  json::Object Function{{"key", F.Key},
                        {"name", F.Name},
                        {"file", F.File},
                        {"hash", llvm::utohexstr(F.FileHash, /*LowerCase=*/true, 16)},
                        {"offset", F.Offset},
                        {"enterable", F.Enterable},
                        {"calls", std::move(Calls)},
                        {"overrides", strings(F.Overrides)}};
  if (F.Semaphores)
    Function["semaphores"] = json::Object{{"shared", F.Semaphores->Shared},
                                          {"parameters", numbers(F.Semaphores->Parameters)}};
  return Function;
}

json::Value toJson(const OpenQuestion &Q) {
  json::Object Question{{"callee", Q.Callee},         {"calleeName", Q.CalleeName},
                        {"virtual", Q.Virtual},       {"coroutine", Q.Coroutine},
                        {"file", Q.File},             {"offset", Q.Offset},
                        {"awaited", Q.Awaited},       {"offload", Q.Offload},
                        {"depth", Q.Depth},           {"awaitsReadiness", Q.AwaitsReadiness}};
  if (!Q.Alternatives.empty())
    Question["alternatives"] = strings(Q.Alternatives);
  if (Q.AnyOverride)
    Question["anyOverride"] = true;
  if (Q.AsError)
    Question["asError"] = true;
  if (Q.Seeks == Sought::Runner)
    Question["seeks"] = "runner";
  if (Q.Seeks == Sought::Bound) {
    Question["seeks"] = "bound";
    Question["message"] = Q.Message;
    json::Array Notes;
    for (const PathNote &Note : Q.Notes)
      Notes.push_back(json::Array{Note.File, Note.Offset, Note.Called});
    Question["notes"] = std::move(Notes);
    Question["sharedArguments"] = numbers(Q.SharedArguments);
  }
  return Question;
}

/// Reads fields of one object; any missing or mistyped one makes it invalid.
class FieldReader {
public:
  explicit FieldReader(const json::Value &V) : O(V.getAsObject()), Valid(O != nullptr) {}
  bool valid() const { return Valid; }

  void read(llvm::StringRef Name, std::string &Out) {
    if (std::optional<llvm::StringRef> S = O ? O->getString(Name) : std::nullopt)
      Out = S->str();
    else
      Valid = false;
  }
  void read(llvm::StringRef Name, unsigned &Out) {
    std::optional<int64_t> N = O ? O->getInteger(Name) : std::nullopt;
    if (N && *N >= 0 && *N <= UINT32_MAX)
      Out = static_cast<unsigned>(*N);
    else
      Valid = false;
  }
  void read(llvm::StringRef Name, bool &Out) {
    if (std::optional<bool> B = O ? O->getBoolean(Name) : std::nullopt)
      Out = *B;
    else
      Valid = false;
  }
  void readHex(llvm::StringRef Name, uint64_t &Out) {
    std::optional<llvm::StringRef> S = O ? O->getString(Name) : std::nullopt;
    if (!S || S->getAsInteger(16, Out))
      Valid = false;
  }
  bool has(llvm::StringRef Name) const { return O && O->get(Name); }
  /// The field \p Name (present: has() said so) as it is.
  const json::Value *field(llvm::StringRef Name) const { return O->get(Name); }
  void check(bool Ok) { Valid &= Ok; }
  const json::Array *array(llvm::StringRef Name) {
    const json::Array *A = O ? O->getArray(Name) : nullptr;
    Valid &= A != nullptr;
    return A;
  }

private:
  const json::Object *O;
  bool Valid;
};

std::optional<SummaryCall> callFromJson(const json::Value &V) {
  const json::Array *Parts = V.getAsArray();
  if (!Parts || Parts->size() < 6 || Parts->size() > 8)
    return std::nullopt;
  std::vector<std::string> Alternatives;
  if (Parts->size() >= 7) {
    const json::Array *Listed = (*Parts)[6].getAsArray();
    if (!Listed || !readStrings(*Listed, Alternatives))
      return std::nullopt;
  }
  std::string Runs;
  if (Parts->size() == 8) {
    std::optional<llvm::StringRef> Runner = (*Parts)[7].getAsString();
    if (!Runner || Runner->empty())
      return std::nullopt;
    Runs = Runner->str();
  }
  std::optional<int64_t> Offset = (*Parts)[0].getAsInteger();
  std::optional<llvm::StringRef> Callee = (*Parts)[1].getAsString();
  std::optional<llvm::StringRef> Name = (*Parts)[2].getAsString();
  std::optional<llvm::StringRef> Blocks = (*Parts)[3].getAsString();
  std::optional<int64_t> Kind = (*Parts)[4].getAsInteger();
  std::optional<bool> Virtual = (*Parts)[5].getAsBoolean();
  if (!Offset || *Offset < 0 || *Offset > UINT32_MAX || !Callee || !Name || !Blocks || !Kind ||
      *Kind < 0 || *Kind > static_cast<int>(BlockingKind::AwaitableWait) || !Virtual)
    return std::nullopt;
  return SummaryCall{static_cast<unsigned>(*Offset), Callee->str(), Name->str(), *Virtual,
                     static_cast<BlockingKind>(*Kind), Blocks->str(), std::move(Runs),
                     std::move(Alternatives)};
}

/// A note of a unit's own finding, `[file, offset, text]`, appended to \p Out.
bool noteFromJson(const json::Value &V, std::vector<PathNote> &Out) {
  const json::Array *Parts = V.getAsArray();
  if (!Parts || Parts->size() != 3)
    return false;
  std::optional<llvm::StringRef> File = (*Parts)[0].getAsString();
  std::optional<int64_t> Offset = (*Parts)[1].getAsInteger();
  std::optional<llvm::StringRef> Text = (*Parts)[2].getAsString();
  if (!File || !Offset || *Offset < 0 || *Offset > UINT32_MAX || !Text)
    return false;
  Out.push_back({File->str(), static_cast<unsigned>(*Offset), "", Text->str(),
                 PathNote::Step::Said});
  return true;
}

std::optional<FunctionSummary> functionFromJson(const json::Value &V) {
  FunctionSummary F;
  FieldReader Fields(V);
  Fields.read("key", F.Key);
  Fields.read("name", F.Name);
  Fields.read("file", F.File);
  Fields.readHex("hash", F.FileHash);
  Fields.read("offset", F.Offset);
  Fields.read("enterable", F.Enterable);
  if (const json::Array *Overrides = Fields.array("overrides"))
    if (!readStrings(*Overrides, F.Overrides))
      return std::nullopt;
  if (const json::Array *Calls = Fields.array("calls"))
    for (const json::Value &Call : *Calls) {
      std::optional<SummaryCall> Parsed = callFromJson(Call);
      if (!Parsed)
        return std::nullopt;
      F.Calls.push_back(std::move(*Parsed));
    }
  if (Fields.has("semaphores")) {
    SemaphoreUse Use;
    FieldReader Semaphores(*Fields.field("semaphores"));
    Semaphores.read("shared", Use.Shared);
    if (const json::Array *Parameters = Semaphores.array("parameters"))
      Semaphores.check(readNumbers(*Parameters, Use.Parameters));
    Fields.check(Semaphores.valid());
    F.Semaphores = std::move(Use);
  }
  if (!Fields.valid())
    return std::nullopt;
  return F;
}

std::optional<OpenQuestion> questionFromJson(const json::Value &V) {
  OpenQuestion Q;
  FieldReader Fields(V);
  Fields.read("callee", Q.Callee);
  Fields.read("calleeName", Q.CalleeName);
  Fields.read("virtual", Q.Virtual);
  Fields.read("coroutine", Q.Coroutine);
  Fields.read("file", Q.File);
  Fields.read("offset", Q.Offset);
  Fields.read("awaited", Q.Awaited);
  Fields.read("offload", Q.Offload);
  Fields.read("depth", Q.Depth);
  Fields.read("awaitsReadiness", Q.AwaitsReadiness);
  // Written only when they say something (the fast engine's, an option's).
  if (Fields.has("alternatives"))
    if (const json::Array *Alternatives = Fields.array("alternatives"))
      Fields.check(readStrings(*Alternatives, Q.Alternatives));
  if (Fields.has("anyOverride"))
    Fields.read("anyOverride", Q.AnyOverride);
  if (Fields.has("asError"))
    Fields.read("asError", Q.AsError);
  if (Fields.has("seeks")) {
    std::string Seeks;
    Fields.read("seeks", Seeks);
    Fields.check(Seeks == "runner" || Seeks == "blocking" || Seeks == "bound");
    Q.Seeks = Seeks == "runner" ? Sought::Runner
              : Seeks == "bound" ? Sought::Bound
                                 : Sought::Blocking;
  }
  if (Q.Seeks == Sought::Bound) {
    Fields.read("message", Q.Message);
    if (const json::Array *Shared = Fields.array("sharedArguments"))
      Fields.check(readNumbers(*Shared, Q.SharedArguments));
    if (const json::Array *Notes = Fields.array("notes"))
      for (const json::Value &Note : *Notes)
        Fields.check(noteFromJson(Note, Q.Notes));
  }
  if (!Fields.valid())
    return std::nullopt;
  return Q;
}

} // namespace

json::Value summariesToJson(const ProgramSummaries &Summaries) {
  json::Array Functions, Questions;
  for (const FunctionSummary &F : Summaries.Functions)
    Functions.push_back(toJson(F));
  for (const OpenQuestion &Q : Summaries.Questions)
    Questions.push_back(toJson(Q));
  return json::Object{{FormatKey, FormatVersion},
                      {KeysField, Summaries.Keys == SummaryKeys::Names ? "names" : "usr"},
                      {"functions", std::move(Functions)},
                      {"questions", std::move(Questions)}};
}

bool isSummaryFile(const json::Value &Root) {
  const json::Object *O = Root.getAsObject();
  return O && O->get(FormatKey);
}

std::optional<ProgramSummaries> summariesFromJson(const json::Value &Value) {
  const json::Object *O = Value.getAsObject();
  const json::Array *Functions = O ? O->getArray("functions") : nullptr;
  const json::Array *Questions = O ? O->getArray("questions") : nullptr;
  if (!O || O->getInteger(FormatKey) != FormatVersion || !Functions || !Questions)
    return std::nullopt;
  ProgramSummaries Summaries;
  // Files written before the fast engine had summaries say nothing: USRs.
  std::optional<llvm::StringRef> Keys = O->getString(KeysField);
  if (Keys && *Keys != "usr" && *Keys != "names")
    return std::nullopt;
  Summaries.Keys = Keys == "names" ? SummaryKeys::Names : SummaryKeys::Usr;
  for (const json::Value &F : *Functions) {
    std::optional<FunctionSummary> Parsed = functionFromJson(F);
    if (!Parsed)
      return std::nullopt;
    Summaries.Functions.push_back(std::move(*Parsed));
  }
  for (const json::Value &Q : *Questions) {
    std::optional<OpenQuestion> Parsed = questionFromJson(Q);
    if (!Parsed)
      return std::nullopt;
    Summaries.Questions.push_back(std::move(*Parsed));
  }
  return Summaries;
}

} // namespace corolint
