//===--- Declarators.h - what a declaration declares, from its syntax -----===//
//
// tree-sitter nests a declared name under pointer, reference, array,
// function and parenthesized declarators, and writes a function's return
// type before it or after it (`-> task<>`). The pre-pass over a file and the
// walk that builds its FunctionModel both read declarations through these.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_DECLARATORS_H
#define COROLINT_DRIVER_FAST_DECLARATORS_H

#include "driver/fast/SyntaxTree.h"

#include <string>
#include <string_view>

namespace corolint::fast {

/// What a declarator declares: the identifier under pointer, reference,
/// array, function and parenthesized declarators; IsFunction when a function
/// declarator was on the way.
struct DeclaratorName {
  TSNode Name{};
  bool IsFunction = false;
};

/// The name \p Declarator declares, and whether it declares a function.
DeclaratorName declaratorName(TSNode Declarator);

/// The unqualified name of a declarator's name node, as Clang prints it.
std::string unqualifiedName(TSNode Name, std::string_view Source);

/// The simple names a declaration declares (none for `Foo::bar`, which
/// names something declared elsewhere).
template <typename Fn> void forEachDeclaredName(TSNode Declaration, std::string_view Source, Fn &&Use) {
  forEachChild(Declaration, [&](TSNode Child, const char *Field) {
    if (!Field || std::string_view(Field) != "declarator")
      return;
    DeclaratorName Declared = declaratorName(Child);
    std::string_view Type = nodeType(Declared.Name);
    if (Type == "structured_binding_declarator") {
      for (uint32_t I = 0; I < namedChildCount(Declared.Name); ++I)
        Use(nodeText(namedChild(Declared.Name, I), Source), false);
    } else if (Type == "identifier" || Type == "field_identifier") {
      Use(nodeText(Declared.Name, Source), Declared.IsFunction);
    }
  });
}

/// Where a function's return type is written: the trailing return type if
/// there is one, else the declaration's type.
TSNode returnTypeNode(TSNode Definition, TSNode Declarator);

/// The function \p Definition is declared `virtual`, or `override`/`final`
/// after its declarator: it implements an interface.
bool isVirtual(TSNode Definition);

} // namespace corolint::fast

#endif
