//===--- Declarators.cpp - what a declaration declares, from its syntax ---===//

#include "driver/fast/Declarators.h"

#include <cctype>

namespace corolint::fast {

DeclaratorName declaratorName(TSNode Declarator) {
  DeclaratorName Result;
  for (;;) {
    std::string_view Type = nodeType(Declarator);
    if (Type == "function_declarator")
      Result.IsFunction = true;
    else if (Type != "init_declarator" && Type != "pointer_declarator" &&
             Type != "reference_declarator" && Type != "parenthesized_declarator" &&
             Type != "attributed_declarator" && Type != "array_declarator")
      break;
    TSNode Inner = childByField(Declarator, "declarator");
    if (ts_node_is_null(Inner)) {
      uint32_t Count = namedChildCount(Declarator);
      if (Count == 0)
        break;
      Inner = namedChild(Declarator, Count - 1);
    }
    Declarator = Inner;
  }
  Result.Name = Declarator;
  return Result;
}

/// The unqualified name of a declarator's name node, as Clang prints it.
std::string unqualifiedName(TSNode Name, std::string_view Source) {
  for (;;) {
    std::string_view Type = nodeType(Name);
    TSNode Inner{};
    if (Type == "qualified_identifier" || Type == "template_function")
      Inner = childByField(Name, "name");
    if (ts_node_is_null(Inner))
      break;
    Name = Inner;
  }
  // `operator ()` is printed `operator()`: keep a space only between words.
  std::string Compact;
  std::string_view Text = nodeText(Name, Source);
  for (size_t I = 0; I < Text.size(); ++I) {
    if (std::isspace(static_cast<unsigned char>(Text[I]))) {
      if (!Compact.empty() && isWordChar(Compact.back()) && I + 1 < Text.size() &&
          isWordChar(Text[I + 1]))
        Compact += ' ';
      continue;
    }
    Compact += Text[I];
  }
  return Compact;
}

/// Where a function's return type is written: the trailing return type if
/// there is one, else the declaration's type.
TSNode returnTypeNode(TSNode Definition, TSNode Declarator) {
  TSNode Trailing{};
  for (TSNode D = Declarator; !ts_node_is_null(D) && ts_node_is_null(Trailing);) {
    // A lambda's `-> task<>` is on an abstract declarator.
    if (nodeType(D) == "function_declarator" || nodeType(D) == "abstract_function_declarator") {
      forEachChild(D, [&](TSNode Child, const char *) {
        if (nodeType(Child) == "trailing_return_type")
          Trailing = Child;
      });
      break;
    }
    // `task<>& current()`: it returns a reference (or pointer) to a task, not one.
    if (nodeType(D) == "reference_declarator" || nodeType(D) == "pointer_declarator")
      return {};
    TSNode Inner = childByField(D, "declarator");
    D = Inner;
  }
  if (!ts_node_is_null(Trailing)) {
    TSNode Descriptor = namedChild(Trailing, 0);
    if (!ts_node_is_null(childByField(Descriptor, "declarator")))
      return {}; // `-> task<>&`
    TSNode Type = childByField(Descriptor, "type");
    return ts_node_is_null(Type) ? Descriptor : Type;
  }
  return childByField(Definition, "type");
}

/// `virtual` before it or `override`/`final` after it.
bool isVirtual(TSNode Definition) {
  bool Found = false;
  traverse(
      Definition,
      [&](TSNode Node, const char *Field) {
        std::string_view Type = nodeType(Node);
        if (Type == "virtual" || Type == "virtual_specifier")
          Found = true;
        if (Field && std::string_view(Field) == "body")
          return false;
        return !Found && (ts_node_eq(Node, Definition) || Type == "function_declarator" ||
                          Type == "reference_declarator" || Type == "pointer_declarator");
      },
      [](TSNode) {});
  return Found;
}

} // namespace corolint::fast
