//===--- LoopDependence.cpp - could a loop's iterations run at once? (syntax) ===//

#include "driver/fast/LoopDependence.h"

#include "driver/fast/FastCheck.h"
#include "driver/fast/FunctionModel.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace corolint::fast {

namespace {

/// Methods that read their object (the standard containers' and
/// optional's accessors): calling them changes nothing.
bool isAccessor(std::string_view Method) {
  static constexpr std::string_view Accessors[] = {
      "size",  "empty", "length", "begin", "end",  "cbegin", "cend",      "rbegin", "rend",
      "find",  "count", "contains", "at",  "front", "back",  "data",      "c_str",  "str",
      "value", "has_value", "starts_with", "ends_with", "substr", "key", "first", "second"};
  return std::find(std::begin(Accessors), std::end(Accessors), Method) != std::end(Accessors);
}

TSNode stripParentheses(TSNode Node) {
  while (nodeType(Node) == "parenthesized_expression")
    Node = namedChild(Node, 0);
  return Node;
}

/// The names a declarator declares (`x`, `&x`, `[a, b]`, `x = v`), with the
/// node that initializes them (null when none).
template <typename Fn> void forEachDeclared(TSNode Declarator, Fn &&Use) {
  TSNode Value = childByField(Declarator, "value");
  for (int Depth = 0; Depth < 8 && !ts_node_is_null(Declarator); ++Depth) {
    std::string_view Type = nodeType(Declarator);
    if (Type == "identifier") {
      Use(Declarator, Value);
      return;
    }
    if (Type == "structured_binding_declarator") {
      for (uint32_t I = 0; I < namedChildCount(Declarator); ++I)
        if (nodeType(namedChild(Declarator, I)) == "identifier")
          Use(namedChild(Declarator, I), Value);
      return;
    }
    TSNode Inner = childByField(Declarator, "declarator");
    if (ts_node_is_null(Inner) && Type == "reference_declarator")
      Inner = namedChild(Declarator, namedChildCount(Declarator) - 1);
    Declarator = Inner;
  }
}

template <typename Fn> void forEachDeclarator(TSNode Declaration, Fn &&Use) {
  forEachChild(Declaration, [&](TSNode Child, const char *Field) {
    if (Field && std::string_view(Field) == "declarator")
      Use(Child);
  });
}

} // namespace

LoopDependence::LoopDependence(TSNode Loop, std::string_view Source, const ChangesArgument &Changes)
    : Loop(Loop), Body(loopBody(Loop)), Source(Source) {
  std::string_view LoopType = nodeType(Loop);
  if (LoopType == "for_statement") {
    TSNode Init = childByField(Loop, "initializer");
    if (nodeType(Init) == "declaration") {
      bool First = true;
      forEachDeclarator(Init, [&](TSNode Declarator) {
        forEachDeclared(Declarator, [&](TSNode Name, TSNode) {
          LoopNames.insert(nodeText(Name, Source));
          if (First)
            Counter = nodeText(Name, Source);
          First = false;
        });
      });
    } else if (nodeType(Init) == "assignment_expression" &&
               nodeType(childByField(Init, "left")) == "identifier") {
      Counter = nodeText(childByField(Init, "left"), Source);
    }
  } else if (LoopType == "for_range_loop") {
    forEachDeclared(childByField(Loop, "declarator"),
                    [&](TSNode Name, TSNode) { LoopNames.insert(nodeText(Name, Source)); });
  }
  if (ts_node_is_null(Body))
    return;

  std::vector<std::string_view> Written;
  forEachOwnNode(Body, [&](TSNode Node) {
    std::string_view Type = nodeType(Node);
    if (Type == "declaration" || Type == "condition_clause") {
      forEachDeclarator(Node, [&](TSNode Declarator) {
        forEachDeclared(Declarator, [&](TSNode Name, TSNode Value) {
          LoopNames.insert(nodeText(Name, Source));
          BodyLocals[nodeText(Name, Source)] = Value;
        });
      });
    } else if (Type == "assignment_expression") {
      collectWritten(childByField(Node, "left"), Written);
    } else if (Type == "update_expression") {
      collectWritten(childByField(Node, "argument"), Written);
    } else if (Type == "call_expression") {
      TSNode Callee = childByField(Node, "function");
      if (nodeType(Callee) == "field_expression" &&
          !isAccessor(nodeText(childByField(Callee, "field"), Source)) &&
          Changes(Node, ObjectArgument))
        collectWritten(childByField(Callee, "argument"), Written);
      TSNode Arguments = childByField(Node, "arguments");
      for (uint32_t I = 0; I < namedChildCount(Arguments); ++I) {
        TSNode Argument = stripParentheses(namedChild(Arguments, I));
        std::string_view ArgumentType = nodeType(Argument);
        if (ArgumentType == "pointer_expression" &&
            nodeType(childByField(Argument, "operator")) == "&")
          collectWritten(childByField(Argument, "argument"), Written);
        else if ((ArgumentType == "identifier" || ArgumentType == "field_expression" ||
                  ArgumentType == "subscript_expression") &&
                 Changes(Node, I))
          collectWritten(Argument, Written);
      }
    }
    return true;
  });
  // Locals of the body start afresh each iteration.
  for (std::string_view Name : Written)
    if (!BodyLocals.count(Name) && !(LoopNames.count(Name) && Name != Counter))
      Changed.insert(Name);
}

void LoopDependence::collectWritten(TSNode Target, std::vector<std::string_view> &Out) const {
  for (int Depth = 0; Depth < 16; ++Depth) {
    Target = stripParentheses(Target);
    std::string_view Type = nodeType(Target);
    if (Type == "identifier") {
      Out.push_back(nodeText(Target, Source));
      return;
    }
    if (Type == "field_expression") {
      // `cursor_ = ...` through `this->`, or `p.next = ...`: the member, and its object.
      Out.push_back(nodeText(childByField(Target, "field"), Source));
      Target = childByField(Target, "argument");
    } else if (Type == "subscript_expression") {
      // `results[i] = ...` changes one element per iteration.
      if (mentionsCounter(childByField(Target, "indices")))
        return;
      Target = childByField(Target, "argument");
    } else if (Type == "pointer_expression") {
      Target = childByField(Target, "argument");
    } else {
      return;
    }
  }
}

bool LoopDependence::mentionsCounter(TSNode Expression) const {
  if (Counter.empty())
    return false;
  bool Found = false;
  traverse(
      Expression,
      [&](TSNode Node) {
        Found |= nodeType(Node) == "identifier" && nodeText(Node, Source) == Counter;
        return !Found;
      },
      [](TSNode) {});
  return Found;
}

bool LoopDependence::readsCarried(TSNode Expression, unsigned Depth) const {
  bool Found = false;
  traverse(
      Expression,
      [&](TSNode Node) {
        if (Found)
          return false;
        std::string_view Type = nodeType(Node);
        if (Type != "identifier" && Type != "field_identifier")
          return true;
        std::string_view Name = nodeText(Node, Source);
        if (Changed.count(Name))
          Found = true;
        // `auto next = cursor; co_await fetch(next);`
        else if (auto Local = BodyLocals.find(Name);
                 Type == "identifier" && Depth < 3 && Local != BodyLocals.end())
          Found = readsCarried(Local->second, Depth + 1);
        return false;
      },
      [](TSNode) {});
  return Found;
}

bool LoopDependence::continuationDependsOnBody() const {
  std::string_view Type = nodeType(Loop);
  if (Type == "for_statement")
    return readsCarried(childByField(Loop, "condition"), 0) ||
           readsCarried(childByField(Loop, "update"), 0);
  if (Type == "for_range_loop")
    return readsCarried(childByField(Loop, "right"), 0);
  return readsCarried(childByField(Loop, "condition"), 0);
}

bool LoopDependence::exitsEarly() const {
  bool Found = false;
  unsigned Nesting = 0; // loops and switches inside the body own their breaks
  auto Owns = [](std::string_view Type) { return isLoop(Type) || Type == "switch_statement"; };
  traverse(
      Body,
      [&](TSNode Node) {
        std::string_view Type = nodeType(Node);
        if (Found || Type == "lambda_expression" || Type == "class_specifier" ||
            Type == "struct_specifier")
          return false;
        if (Owns(Type))
          ++Nesting;
        Found |= (Type == "break_statement" && Nesting == 0) || Type == "return_statement" ||
                 Type == "co_return_statement" || Type == "goto_statement";
        return !Found;
      },
      [&](TSNode Node) {
        if (Owns(nodeType(Node)))
          --Nesting;
      });
  return Found;
}

bool LoopDependence::isPerIteration(TSNode Expression) const {
  TSNode Object = stripParentheses(Expression);
  std::string_view Type = nodeType(Object);
  auto UsesCounter = [&](TSNode Index) {
    return !ts_node_is_null(Index) && (mentionsCounter(Index) || isPerIteration(Index));
  };
  if (Type == "identifier") {
    std::string_view Name = nodeText(Object, Source);
    return Name != Counter && LoopNames.count(Name);
  }
  if (Type == "field_expression")
    return isPerIteration(childByField(Object, "argument"));
  // `workers[i]`, `*it`, `&items[i]`: indexed or reached by the loop's counter.
  if (Type == "subscript_expression")
    return UsesCounter(childByField(Object, "indices"));
  if (Type == "pointer_expression")
    return UsesCounter(childByField(Object, "argument"));
  if (Type == "subscript_argument_list")
    return namedChildCount(Object) == 1 && UsesCounter(namedChild(Object, 0));
  return false;
}

} // namespace corolint::fast
