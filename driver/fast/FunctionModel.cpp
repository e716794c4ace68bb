//===--- FunctionModel.cpp - the functions of a file, as the checks see them -===//

#include "driver/fast/FunctionModel.h"

#include "driver/fast/Declarators.h"
#include "driver/fast/NameLookup.h"

#include "checks/model/Quoting.h"

#include <unordered_map>

namespace corolint::fast {

namespace {

using MemberNames = std::unordered_set<std::string>;

bool isClassSpecifier(std::string_view Type) {
  return Type == "class_specifier" || Type == "struct_specifier" || Type == "union_specifier";
}

bool isParameter(std::string_view Type) {
  return Type == "parameter_declaration" || Type == "optional_parameter_declaration" ||
         Type == "variadic_parameter_declaration";
}

/// Subtrees that contain no evaluated call of the function they sit in.
bool isOpaque(std::string_view Type) {
  return Type == "comment" || Type == "string_literal" || Type == "raw_string_literal" ||
         Type == "char_literal" || Type == "preproc_def" || Type == "preproc_function_def" ||
         Type == "decltype" || Type == "sizeof_expression" || Type == "alignof_expression" ||
         Type == "requires_expression" || Type == "requires_clause" ||
         Type == "operator_name"; // `operator co_await` is a name, not an await
}

/// The names a class body declares, wherever they appear in it: they hide
/// namespace-scope names in every member function body.
void collectMemberNames(TSNode Body, std::string_view Source, MemberNames &Members) {
  forEachChild(Body, [&](TSNode Member, const char *) {
    std::string_view Type = nodeType(Member);
    if (Type == "field_declaration" || Type == "declaration") {
      forEachDeclaredName(Member, Source,
                          [&](std::string_view Name, bool) { Members.emplace(Name); });
    } else if (Type == "function_definition") {
      TSNode Name = declaratorName(childByField(Member, "declarator")).Name;
      if (!ts_node_is_null(Name))
        Members.insert(unqualifiedName(Name, Source));
    } else if (Type == "using_declaration") {
      for (uint32_t I = 0; I < namedChildCount(Member); ++I)
        if (auto Written = writtenName(namedChild(Member, I), Source))
          Members.emplace(Written->last());
    } else if (Type == "template_declaration" || Type.substr(0, 7) == "preproc") {
      collectMemberNames(Member, Source, Members);
    }
  });
}

/// A keyword that makes the body that contains it a coroutine.
bool isCoroutineKeyword(std::string_view Word) {
  return Word == "co_await" || Word == "co_yield" || Word == "co_return";
}

/// Whether a macro's replacement text contains a coroutine keyword.
bool expandsToCoroutineKeyword(std::string_view Text) {
  for (size_t At = Text.find("co_"); At != std::string_view::npos; At = Text.find("co_", At + 1)) {
    if (At > 0 && isWordChar(Text[At - 1]))
      continue;
    size_t End = At;
    while (End < Text.size() && isWordChar(Text[End]))
      ++End;
    if (isCoroutineKeyword(Text.substr(At, End - At)))
      return true;
  }
  return false;
}

/// What the walk needs to know before it starts, gathered outside function
/// bodies: the members of each class, since out-of-line member definitions
/// (`Foo::bar`) look names up in them; and the macros of this file that
/// expand to co_await/co_yield/co_return (`CO_TRY(x)`), since a body using
/// one is a coroutine although the keyword is not written in it.
struct FileFacts {
  std::unordered_map<std::string, MemberNames> Classes;
  std::unordered_set<std::string_view> CoroutineMacros;
  /// The last names of the functions the file declares or defines.
  std::unordered_set<std::string_view> FunctionNames;
};

FileFacts collectFileFacts(TSNode Root, std::string_view Source) {
  FileFacts Facts;
  traverse(
      Root,
      [&](TSNode Node) {
        std::string_view Type = nodeType(Node);
        if (isClassSpecifier(Type)) {
          TSNode Name = childByField(Node, "name");
          TSNode Body = childByField(Node, "body");
          if (!ts_node_is_null(Name) && !ts_node_is_null(Body)) {
            auto Written = writtenName(Name, Source);
            if (Written)
              collectMemberNames(Body, Source, Facts.Classes[std::string(Written->last())]);
          }
          return true; // nested classes
        }
        if (Type == "function_definition" || Type == "declaration" ||
            Type == "field_declaration") {
          forEachChild(Node, [&](TSNode Child, const char *Field) {
            if (!Field || std::string_view(Field) != "declarator")
              return;
            DeclaratorName Declared = declaratorName(Child);
            if (Declared.IsFunction && !ts_node_is_null(Declared.Name))
              if (auto Written = writtenName(Declared.Name, Source))
                Facts.FunctionNames.insert(Written->last());
          });
          if (Type == "function_definition")
            return false;
        }
        if (Type == "preproc_def" || Type == "preproc_function_def") {
          TSNode Name = childByField(Node, "name");
          TSNode Value = childByField(Node, "value");
          if (!ts_node_is_null(Name) && !ts_node_is_null(Value) &&
              expandsToCoroutineKeyword(nodeText(Value, Source)))
            Facts.CoroutineMacros.insert(nodeText(Name, Source));
          return false;
        }
        return Type == "translation_unit" || Type == "namespace_definition" ||
               Type == "declaration_list" || Type == "template_declaration" ||
               Type == "linkage_specification" || Type == "field_declaration_list" ||
               Type == "field_declaration" || Type == "declaration" ||
               Type.substr(0, 7) == "preproc" || Type == "ERROR";
      },
      [](TSNode) {});
  return Facts;
}

bool isNameNode(std::string_view Type) {
  return Type == "identifier" || Type == "type_identifier" || Type == "qualified_identifier" ||
         Type == "template_type" || Type == "template_function";
}

uint64_t nodeKey(TSNode Node) {
  return (uint64_t(ts_node_start_byte(Node)) << 32) | ts_node_end_byte(Node);
}

/// The source-order walk that fills the model.
class Scanner {
public:
  Scanner(std::string_view Source, const ScanRequest &Request, TSNode Root)
      : Source(Source), Facts(collectFileFacts(Root, Source)) {
    for (const std::string &Name : Request.Names)
      Requested.insert(Name);
    Requested.insert(Facts.FunctionNames.begin(), Facts.FunctionNames.end());
    EveryCall = Request.EveryCall;
  }

  FileModel run(TSNode Root) {
    traverse(
        Root, [&](TSNode Node) { return enter(Node); },
        [&](TSNode Node) { leave(Node); });
    Model.FunctionNames = std::move(Facts.FunctionNames);
    return std::move(Model);
  }

private:
  /// A function being walked, or a class body (whose initializers belong to
  /// no enclosing function).
  struct Frame {
    size_t Function = NoFunction;
    TSNode Body{};
    bool InBody = false;
    bool Specialization = false; ///< a class frame of `struct X<Args>`
  };
  enum class UndoAction { PopScope, PopFrame };
  struct Undo {
    TSNode Node;
    UndoAction Action;
  };

  size_t activeFunction() const {
    if (Frames.empty() || !Frames.back().InBody)
      return NoFunction;
    return Frames.back().Function;
  }

  void pushScope(TSNode Owner, ScopeStack::Kind Kind, std::vector<std::string> Path = {}) {
    Scopes.push(Kind, std::move(Path));
    Undos.push_back({Owner, UndoAction::PopScope});
  }

  void pushFrame(TSNode Owner, Frame New) {
    Frames.push_back(New);
    Undos.push_back({Owner, UndoAction::PopFrame});
  }

  void markCoroutine(bool Suspends) {
    size_t Active = activeFunction();
    if (Active == NoFunction)
      return;
    Model.Functions[Active].IsCoroutine = true;
    Model.Functions[Active].Suspends |= Suspends;
  }

  bool enter(TSNode Node) {
    if (!Frames.empty() && !Frames.back().InBody && ts_node_eq(Node, Frames.back().Body))
      Frames.back().InBody = true;
    std::string_view Type = nodeType(Node);
    if (isOpaque(Type))
      return false;
    if (isCoroutineKeyword(Type)) {
      markCoroutine(Type != "co_return");
    } else if (Type == "ERROR" && nodeText(Node, Source) == "co_await") {
      // `for co_await (x : s)`: tree-sitter-cpp knows no such loop and makes
      // the keyword an error; the loop awaits begin() and every ++.
      markCoroutine(true);
    } else if (Type == "identifier" && Facts.CoroutineMacros.count(nodeText(Node, Source))) {
      markCoroutine(true); // CO_TRY(x) is most likely an await
    } else if (Type == "call_expression") {
      recordCall(Node);
    } else if (Type == "function_definition") {
      enterFunction(Node);
    } else if (Type == "lambda_expression") {
      enterLambda(Node);
    } else if (isClassSpecifier(Type)) {
      enterClass(Node);
    } else if (Type == "namespace_definition") {
      enterNamespace(Node);
    } else if (Type == "compound_statement" || Type == "for_statement" ||
               Type == "catch_clause") {
      pushScope(Node, ScopeStack::Kind::Block);
    } else if (Type == "for_range_loop") {
      pushScope(Node, ScopeStack::Kind::Block);
      TSNode Declared = declaratorName(childByField(Node, "declarator")).Name;
      if (nodeType(Declared) == "identifier")
        Scopes.declare(nodeText(Declared, Source));
    } else if (Type == "declaration") {
      recordDeclaredFunctions(Node);
      forEachDeclaredName(Node, Source, [&](std::string_view Name, bool IsFunction) {
        Scopes.declare(Name, IsFunction);
      });
    } else if (isParameter(Type)) {
      // Parameters of the function whose header is being walked.
      if (!Frames.empty() && !Frames.back().InBody)
        forEachDeclaredName(Node, Source,
                            [&](std::string_view Name, bool) { Scopes.declare(Name); });
    } else if (Type == "using_declaration") {
      enterUsing(Node);
      return false;
    } else if (Type == "namespace_alias_definition") {
      enterNamespaceAlias(Node);
      return false;
    } else if (isNameNode(Type)) {
      resolveName(Node, Type);
    }
    return true;
  }

  void leave(TSNode Node) {
    while (!Undos.empty() && ts_node_eq(Undos.back().Node, Node)) {
      if (Undos.back().Action == UndoAction::PopScope)
        Scopes.pop();
      else
        Frames.pop_back();
      Undos.pop_back();
    }
  }

  /// The last segment of a name node, cheaply: identifiers are their text.
  std::string_view lastSegment(TSNode Name, std::string_view Type) const {
    if (Type == "identifier" || Type == "type_identifier")
      return nodeText(Name, Source);
    for (;;) {
      TSNode Inner = childByField(Name, "name");
      if (ts_node_is_null(Inner))
        return nodeText(Name, Source);
      std::string_view InnerType = nodeType(Inner);
      if (InnerType == "identifier" || InnerType == "type_identifier")
        return nodeText(Inner, Source);
      Name = Inner;
    }
  }

  void resolveName(TSNode Name, std::string_view Type) {
    if (!Requested.count(lastSegment(Name, Type)))
      return;
    if (std::optional<WrittenName> Written = writtenName(Name, Source))
      Model.ResolvedNames.emplace(nodeKey(Name), Scopes.resolve(*Written));
  }

  void recordCall(TSNode Call) {
    TSNode Callee = childByField(Call, "function");
    if (ts_node_is_null(Callee))
      return;
    // Member calls (`obj.sleep()`, `p->sleep(1)`) are no free function: writtenName refuses them.
    std::optional<WrittenName> Name = writtenName(Callee, Source);
    if (!Name)
      return;
    bool IsRequested = Requested.count(Name->last()) != 0;
    if (!IsRequested && !EveryCall)
      return;
    size_t Function = activeFunction();
    std::vector<CallSite> &Calls = IsRequested ? Model.Calls : Model.OtherCalls;
    Calls.push_back({Call, Callee, Function, Scopes.resolve(*Name),
                     Name->Segments.size() == 1 && Scopes.isLocal(Name->last())});
    if (Function != NoFunction)
      (IsRequested ? Model.Functions[Function].Calls : Model.Functions[Function].OtherCalls)
          .push_back(Calls.size() - 1);
  }

  /// `aio::task<int> fetch(int);` at namespace scope: what it returns.
  void recordDeclaredFunctions(TSNode Declaration) {
    if (activeFunction() != NoFunction)
      return;
    TSNode Type = childByField(Declaration, "type");
    forEachChild(Declaration, [&](TSNode Child, const char *Field) {
      if (!Field || std::string_view(Field) != "declarator")
        return;
      DeclaratorName Declared = declaratorName(Child);
      if (!Declared.IsFunction || nodeType(Declared.Name) != "identifier")
        return;
      TSNode Written = returnTypeNode(Declaration, Child);
      Model.ReturnTypes[qualify(nodeText(Declared.Name, Source))].push_back(
          ts_node_is_null(Written) ? Type : Written);
    });
  }

  std::string qualify(std::string_view Name) const {
    std::string Qualified;
    for (const std::string &Segment : Scopes.namespacePath())
      Qualified += Segment + "::";
    return Qualified + std::string(Name);
  }

  void enterFunction(TSNode Definition) {
    TSNode Body = childByField(Definition, "body");
    if (ts_node_is_null(Body))
      return; // `= default`, `= delete`
    TSNode Declarator = childByField(Definition, "declarator");
    DeclaratorName Declared = declaratorName(Declarator);
    FunctionInfo Info;
    Info.Definition = Definition;
    Info.Body = Body;
    Info.NameNode = Declared.Name;
    Info.ReturnType = returnTypeNode(Definition, Declarator);
    Info.IsVirtual = isVirtual(Definition);
    Info.InSpecialization = !Frames.empty() && Frames.back().Function == NoFunction &&
                            Frames.back().Specialization;
    if (!ts_node_is_null(Declared.Name)) {
      Info.Name = unqualifiedName(Declared.Name, Source);
      std::string_view Written = nodeText(Declared.Name, Source);
      Info.QualifiedName = qualify(Written.find('<') == std::string_view::npos
                                       ? Written
                                       : std::string_view(Info.Name));
      if (nodeType(Declared.Name) == "qualified_identifier")
        enterQualifiedScope(Definition, Declared.Name);
      else
        Scopes.declare(Info.Name);
      if (Frames.empty() || Frames.back().Function == NoFunction)
        Model.ReturnTypes[Info.QualifiedName].push_back(Info.ReturnType);
      Model.Definitions[Info.QualifiedName].push_back(Model.Functions.size());
    }
    beginFunction(Definition, Body, std::move(Info));
  }

  /// The body of `A::B::f` looks names up in B (a class of this file, or a namespace).
  void enterQualifiedScope(TSNode Definition, TSNode QualifiedName) {
    std::vector<std::string> Qualifiers;
    for (TSNode Name = QualifiedName; nodeType(Name) == "qualified_identifier";
         Name = childByField(Name, "name")) {
      TSNode Scope = childByField(Name, "scope");
      if (nodeType(Scope) == "template_type")
        Scope = childByField(Scope, "name");
      if (!ts_node_is_null(Scope))
        Qualifiers.emplace_back(nodeText(Scope, Source));
    }
    if (Qualifiers.empty())
      return;
    if (auto Class = Facts.Classes.find(Qualifiers.back()); Class != Facts.Classes.end()) {
      Scopes.pushClass(Class->second);
      Undos.push_back({Definition, UndoAction::PopScope});
      return;
    }
    std::vector<std::string> Path = Scopes.namespacePath();
    Path.insert(Path.end(), Qualifiers.begin(), Qualifiers.end());
    pushScope(Definition, ScopeStack::Kind::Namespace, std::move(Path));
  }

  void enterLambda(TSNode Lambda) {
    TSNode Body = childByField(Lambda, "body");
    if (ts_node_is_null(Body))
      return;
    FunctionInfo Info;
    Info.IsLambda = true;
    Info.Definition = Lambda;
    Info.Body = Body;
    TSNode Declarator = childByField(Lambda, "declarator");
    if (!ts_node_is_null(Declarator))
      Info.ReturnType = returnTypeNode(Lambda, Declarator);
    beginFunction(Lambda, Body, std::move(Info));
  }

  void beginFunction(TSNode Owner, TSNode Body, FunctionInfo Info) {
    pushScope(Owner, ScopeStack::Kind::Block); // parameters
    Model.Functions.push_back(std::move(Info));
    pushFrame(Owner, {Model.Functions.size() - 1, Body, false});
  }

  void enterClass(TSNode Class) {
    TSNode Body = childByField(Class, "body");
    if (ts_node_is_null(Body))
      return; // `struct X *p;`
    MemberNames Members;
    collectMemberNames(Body, Source, Members);
    Scopes.pushClass(std::move(Members));
    Undos.push_back({Class, UndoAction::PopScope});
    pushFrame(Class, {NoFunction, Body, true,
                      nodeType(childByField(Class, "name")) == "template_type"});
  }

  void enterNamespace(TSNode Namespace) {
    std::vector<std::string> Path = Scopes.namespacePath();
    TSNode Name = childByField(Namespace, "name");
    if (ts_node_is_null(Name)) {
      Path.emplace_back("(anonymous)");
    } else if (auto Written = writtenName(Name, Source)) {
      Path.insert(Path.end(), Written->Segments.begin(), Written->Segments.end());
    }
    pushScope(Namespace, ScopeStack::Kind::Namespace, std::move(Path));
  }

  void enterUsing(TSNode Using) {
    bool IsDirective = false;
    std::optional<WrittenName> Target;
    forEachChild(Using, [&](TSNode Child, const char *) {
      if (nodeType(Child) == "namespace")
        IsDirective = true;
      else if (ts_node_is_named(Child) && !Target)
        Target = writtenName(Child, Source);
    });
    if (!Target)
      return;
    if (IsDirective)
      Scopes.addUsingDirective(*Target);
    else
      Scopes.addUsingDeclaration(*Target);
  }

  void enterNamespaceAlias(TSNode Alias) {
    TSNode Name = childByField(Alias, "name");
    std::optional<WrittenName> Target;
    forEachChild(Alias, [&](TSNode Child, const char *Field) {
      if (!Field && ts_node_is_named(Child) && !Target)
        Target = writtenName(Child, Source);
    });
    if (!ts_node_is_null(Name) && Target)
      Scopes.addNamespaceAlias(nodeText(Name, Source), *Target);
  }

  std::string_view Source;
  FileFacts Facts;
  std::unordered_set<std::string_view> Requested;
  bool EveryCall = false;
  ScopeStack Scopes;
  std::vector<Frame> Frames;
  std::vector<Undo> Undos;
  FileModel Model;
};

} // namespace

const std::vector<std::string> *FileModel::resolved(TSNode Name) const {
  auto Found = ResolvedNames.find(nodeKey(Name));
  return Found == ResolvedNames.end() ? nullptr : &Found->second;
}

size_t FileModel::functionAt(uint32_t Offset) const {
  size_t Innermost = NoFunction;
  for (size_t I = 0; I < Functions.size(); ++I)
    if (ts_node_start_byte(Functions[I].Body) <= Offset &&
        Offset < ts_node_end_byte(Functions[I].Body))
      Innermost = I;
  return Innermost;
}

FileModel scanFile(TSNode Root, std::string_view Source, const ScanRequest &Request) {
  return Scanner(Source, Request, Root).run(Root);
}

std::string compactText(TSNode Node, std::string_view Source) {
  return compactWhitespace(nodeText(Node, Source));
}

} // namespace corolint::fast
