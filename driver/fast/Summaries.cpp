//===--- Summaries.cpp - a file's part of the whole program, by name ------===//

#include "driver/fast/Summaries.h"

#include "driver/fast/FastCheck.h"
#include "driver/fast/NameLookup.h"

#include <algorithm>

namespace corolint::fast {

namespace {

bool isClassSpecifier(std::string_view Type) {
  return Type == "class_specifier" || Type == "struct_specifier" || Type == "union_specifier";
}

/// A call no summary has a body for: a cast (`static_cast<int>(x)` parses
/// as a call), the standard library's (`std::move`, in any namespace), or a
/// macro by its spelling (`CHECK(x)`, `LOG_ERROR(...)`: no lower-case letter).
bool isNeverSummarized(const WrittenName &Name) {
  std::string_view Last = Name.last();
  if (Name.Segments.size() == 1 && (Last == "static_cast" || Last == "dynamic_cast" ||
                                    Last == "const_cast" || Last == "reinterpret_cast"))
    return true;
  if (Name.Segments.front() == "std")
    return true;
  return std::none_of(Last.begin(), Last.end(), [](char C) { return C >= 'a' && C <= 'z'; });
}

/// `File#name`: Clang's USR of a static function names its file too.
std::string internalKey(std::string_view File, std::string_view Qualified) {
  return std::string(File) + "#" + std::string(Qualified);
}

} // namespace

std::optional<std::vector<std::string_view>>
SummaryNames::classesOf(const FunctionInfo &Function) const {
  std::vector<std::string_view> Classes;
  for (TSNode Node = parentOf(Function.Definition); !ts_node_is_null(Node);
       Node = parentOf(Node)) {
    std::string_view Type = nodeType(Node);
    if (Type == "function_definition" || Type == "lambda_expression")
      return std::nullopt;
    if (!isClassSpecifier(Type))
      continue;
    TSNode Name = childByField(Node, "name");
    if (nodeType(Name) == "template_type") // `template <> struct codec<int>`
      Name = childByField(Name, "name");
    if (ts_node_is_null(Name))
      return std::nullopt; // an unnamed struct's members have no name to call
    Classes.insert(Classes.begin(), nodeText(Name, Source));
  }
  return Classes;
}

bool SummaryNames::hasInternalLinkage(const FunctionInfo &Function) const {
  if (Function.QualifiedName.find("(anonymous)") != std::string::npos)
    return true;
  bool Static = false;
  forEachChild(Function.Definition, [&](TSNode Child, const char *) {
    Static |= nodeType(Child) == "storage_class_specifier" && nodeText(Child, Source) == "static";
  });
  // `static` on a member means something else.
  std::optional<std::vector<std::string_view>> Classes = classesOf(Function);
  return Static && Classes && Classes->empty();
}

std::string SummaryNames::key(const FunctionInfo &Function) const {
  if (Function.IsLambda || Function.Name.empty())
    return {};
  std::optional<std::vector<std::string_view>> Classes = classesOf(Function);
  if (!Classes)
    return {};
  // QualifiedName holds the namespaces (and the classes of `Foo::bar`
  // written out of line); a member defined in its class lacks the class.
  std::string_view Qualified = Function.QualifiedName;
  if (Qualified.size() < Function.Name.size() ||
      Qualified.substr(Qualified.size() - Function.Name.size()) != Function.Name)
    return {};
  std::string Key(Qualified.substr(0, Qualified.size() - Function.Name.size()));
  for (std::string_view Class : *Classes)
    Key += std::string(Class) + "::";
  Key += Function.Name;
  return hasInternalLinkage(Function) ? internalKey(File, Key) : Key;
}

std::string SummaryNames::name(const FunctionInfo &Function) const {
  std::optional<std::vector<std::string_view>> Classes = classesOf(Function);
  if (Classes && !Classes->empty())
    return std::string(Classes->back()) + "::" + Function.Name;
  // `Storage::flush` or `app::Storage::flush` out of line: `Storage::flush`.
  std::optional<WrittenName> Written = writtenName(Function.NameNode, Source);
  if (Written && Written->Segments.size() >= 2)
    return std::string(Written->Segments[Written->Segments.size() - 2]) + "::" +
           std::string(Written->last());
  return Function.Name;
}

std::string SummaryNames::keyOfName(const std::string &Qualified) const {
  auto Defined = Model.Definitions.find(Qualified);
  if (Defined != Model.Definitions.end())
    for (size_t Index : Defined->second)
      if (hasInternalLinkage(Model.Functions[Index]))
        return internalKey(File, Qualified);
  return Qualified;
}

std::optional<CalleeKeys> SummaryNames::callee(const CallSite &Call,
                                               const FunctionInfo *Caller) const {
  std::optional<WrittenName> Written = writtenName(Call.Callee, Source);
  if (!Written || Written->Segments.empty() || isNeverSummarized(*Written))
    return std::nullopt;
  std::vector<std::string> Keys;
  if (Call.CallsLocal)
    return std::nullopt;
  if (Call.Candidates.empty()) {
    // A member called from its class (the class's names hide the namespace's).
    std::string CallerKey = Caller ? key(*Caller) : std::string();
    size_t Scope = CallerKey.rfind("::");
    if (Scope == std::string::npos)
      return std::nullopt;
    Keys.push_back(CallerKey.substr(0, Scope + 2) + std::string(Written->last()));
  }
  for (const std::string &Candidate : Call.Candidates)
    if (Candidate.rfind("std::", 0) != 0) // the library's, never the user's
      Keys.push_back(keyOfName(Candidate));
  if (Keys.empty() || Keys.size() > 1 + MaxAlternatives)
    return std::nullopt;
  CalleeKeys Result;
  Result.Callee = std::move(Keys.front());
  Result.Alternatives.assign(std::make_move_iterator(Keys.begin() + 1),
                             std::make_move_iterator(Keys.end()));
  Result.Name = std::string(Written->last());
  return Result;
}

std::vector<const CallSite *> SummaryNames::callsInOrder(const FunctionInfo &Function) const {
  std::vector<const CallSite *> Calls;
  for (size_t Index : Function.Calls)
    Calls.push_back(&Model.Calls[Index]);
  for (size_t Index : Function.OtherCalls)
    Calls.push_back(&Model.OtherCalls[Index]);
  std::stable_sort(Calls.begin(), Calls.end(), [](const CallSite *A, const CallSite *B) {
    return ts_node_start_byte(A->Call) < ts_node_start_byte(B->Call);
  });
  return Calls;
}

std::optional<FunctionSummary> SummaryNames::function(const FunctionInfo &Function) const {
  FunctionSummary Summary;
  Summary.Key = key(Function);
  if (Summary.Key.empty())
    return std::nullopt;
  Summary.Name = name(Function);
  Summary.Offset = ts_node_start_byte(Function.NameNode);
  return Summary;
}

std::optional<OpenQuestion> SummaryNames::question(const CallSite &Call,
                                                   const FunctionInfo &Coroutine,
                                                   uint32_t Offset) const {
  std::optional<CalleeKeys> Keys = callee(Call, &Coroutine);
  if (!Keys)
    return std::nullopt;
  OpenQuestion Question;
  Question.Callee = std::move(Keys->Callee);
  Question.Alternatives = std::move(Keys->Alternatives);
  Question.CalleeName = std::move(Keys->Name);
  Question.Coroutine = std::string(displayName(Coroutine));
  Question.Offset = Offset;
  return Question;
}

void SummaryNames::summarizeFile(
    ProgramSummaries &Out,
    const std::function<bool(const FunctionInfo &, const std::string &Key)> &Enters,
    const std::function<std::vector<SummaryCall>(const FunctionInfo &)> &CallsOf) const {
  for (const FunctionInfo &Function : Model.Functions) {
    std::optional<FunctionSummary> Summary = function(Function);
    if (!Summary)
      continue;
    Summary->Enterable = !Function.IsCoroutine && Enters(Function, Summary->Key);
    if (Summary->Enterable)
      Summary->Calls = CallsOf(Function);
    Out.Functions.push_back(std::move(*Summary));
  }
}

std::optional<SummaryCall> SummaryNames::call(const CallSite &Call, const FunctionInfo &Caller,
                                              const NameList &Runners) const {
  SummaryCall Made;
  Made.Offset = ts_node_start_byte(Call.Callee);
  if (const std::string *Runner = calleeListed(Call, Runners)) {
    Made.Runs = *Runner; // async-nested-run's questions seek it
    return Made;
  }
  std::optional<CalleeKeys> Keys = callee(Call, &Caller);
  if (!Keys)
    return std::nullopt;
  Made.Callee = std::move(Keys->Callee);
  Made.Alternatives = std::move(Keys->Alternatives);
  Made.CalleeName = std::move(Keys->Name);
  return Made;
}

} // namespace corolint::fast
