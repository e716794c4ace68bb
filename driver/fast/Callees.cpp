//===--- Callees.cpp - what a call runs, as far as this file says --------===//

#include "driver/fast/Callees.h"

#include "driver/fast/FastCheck.h"

#include <algorithm>

namespace corolint::fast {

const CallSite *callSiteOf(const FileModel &Model, TSNode Call) {
  // Calls are recorded in source order: those starting where Call does are together.
  uint32_t Start = ts_node_start_byte(Call);
  auto At = std::lower_bound(Model.Calls.begin(), Model.Calls.end(), Start,
                             [](const CallSite &Site, uint32_t Offset) {
                               return ts_node_start_byte(Site.Call) < Offset;
                             });
  for (; At != Model.Calls.end() && ts_node_start_byte(At->Call) == Start; ++At)
    if (ts_node_eq(At->Call, Call))
      return &*At;
  return nullptr;
}

const std::string *taskProducer(const CallSite &Call, const FileModel &Model,
                                const NameList &TaskTypes, std::string_view Source) {
  for (const std::string &Candidate : Call.Candidates) {
    auto Declared = Model.ReturnTypes.find(Candidate);
    if (Declared == Model.ReturnTypes.end())
      continue;
    for (TSNode Type : Declared->second)
      if (typeListed(Type, Model, TaskTypes))
        return &Candidate;
    return nullptr; // declared here with another type: not a task
  }
  if (Call.Candidates.empty()) // a member called from its class
    for (size_t Index : calleeDefinitions(Model, Call, Source))
      if (typeListed(Model.Functions[Index].ReturnType, Model, TaskTypes))
        return &Model.Functions[Index].Name;
  return nullptr;
}

std::vector<size_t> methodDefinitions(const FileModel &Model, std::string_view Method) {
  std::vector<size_t> Found;
  for (size_t I = 0; I < Model.Functions.size(); ++I)
    if (!Model.Functions[I].IsLambda && Model.Functions[I].Name == Method)
      Found.push_back(I);
  return Found;
}

namespace {

/// The parameter_list of a function definition, or a null node.
TSNode parameterList(TSNode Definition) {
  for (TSNode D = childByField(Definition, "declarator"); !ts_node_is_null(D);
       D = childByField(D, "declarator"))
    if (nodeType(D) == "function_declarator")
      return childByField(D, "parameters");
  return {};
}

/// `T f() const`: a method that changes nothing of its object.
bool isConstMethod(TSNode Definition, std::string_view Source) {
  for (TSNode D = childByField(Definition, "declarator"); !ts_node_is_null(D);
       D = childByField(D, "declarator")) {
    if (nodeType(D) != "function_declarator")
      continue;
    bool Const = false;
    forEachChild(D, [&](TSNode Child, const char *) {
      Const |= nodeType(Child) == "type_qualifier" && nodeText(Child, Source) == "const";
    });
    return Const;
  }
  return false;
}

/// `T &x` or `T *x` with no `const` on T: the callee may change what it is handed.
bool changesThrough(TSNode Parameter, std::string_view Source) {
  std::string_view Type = nodeType(Parameter);
  if (Type == "variadic_parameter_declaration")
    return true;
  TSNode Declarator = childByField(Parameter, "declarator");
  std::string_view DeclaratorType = nodeType(Declarator);
  bool LvalueReference = DeclaratorType == "reference_declarator" &&
                         nodeType(ts_node_child(Declarator, 0)) == "&";
  if (!LvalueReference && DeclaratorType != "pointer_declarator")
    return false;
  bool Const = false;
  forEachChild(Parameter, [&](TSNode Child, const char *) {
    Const |= nodeType(Child) == "type_qualifier" && nodeText(Child, Source) == "const";
  });
  return !Const;
}

} // namespace

bool mayChangeArgument(const FileModel &Model, TSNode Call, uint32_t Index,
                       std::string_view Source) {
  TSNode Callee = childByField(Call, "function");
  std::vector<size_t> Functions;
  if (nodeType(Callee) == "field_expression")
    Functions = methodDefinitions(Model, nodeText(childByField(Callee, "field"), Source));
  else if (const CallSite *Site = callSiteOf(Model, Call))
    Functions = calleeDefinitions(Model, *Site, Source);
  if (Functions.empty())
    return true;
  for (size_t Function : Functions) {
    if (Index == ObjectArgument) {
      if (!isConstMethod(Model.Functions[Function].Definition, Source))
        return true;
      continue;
    }
    TSNode Parameters = parameterList(Model.Functions[Function].Definition);
    uint32_t Count = namedChildCount(Parameters), Seen = 0;
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode Parameter = namedChild(Parameters, I);
      std::string_view Type = nodeType(Parameter);
      if (Type == "comment")
        continue;
      if (Type == "variadic_parameter_declaration" || (Seen == Index && changesThrough(Parameter, Source)))
        return true;
      if (Seen++ == Index)
        break;
    }
  }
  return false;
}

} // namespace corolint::fast
