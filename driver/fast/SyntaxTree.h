//===--- SyntaxTree.h - tree-sitter parsing and node helpers --------------===//
//
// A thin C++ layer over tree-sitter's C API: owning handles for the parser
// and the tree, and the few node queries the fast engine needs. Field names
// are read through a tree cursor because ts_node_field_name_for_child is
// off by one in libtree-sitter 0.20.7 (Debian 12).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_SYNTAXTREE_H
#define COROLINT_DRIVER_FAST_SYNTAXTREE_H

#include "checks/model/Words.h"

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>
#include <type_traits>

extern "C" const TSLanguage *tree_sitter_cpp(void);

namespace corolint::fast {

/// One parsed buffer. The tree points into nothing: \p Source must outlive
/// the text queries made through it, not the tree.
class SyntaxTree {
public:
  /// Parses \p Source as C++ with a parser of its own (thread-safe).
  static SyntaxTree parse(std::string_view Source);

  TSNode root() const { return ts_tree_root_node(Tree.get()); }
  bool valid() const { return Tree != nullptr; }

private:
  struct TreeDeleter {
    void operator()(TSTree *T) const { ts_tree_delete(T); }
  };
  std::unique_ptr<TSTree, TreeDeleter> Tree;
};

/// The node's grammar type; "" for a null node (tree-sitter 0.20.7 crashes on those).
inline std::string_view nodeType(TSNode Node) {
  return ts_node_is_null(Node) ? std::string_view() : std::string_view(ts_node_type(Node));
}

inline std::string_view nodeText(TSNode Node, std::string_view Source) {
  if (ts_node_is_null(Node))
    return {};
  uint32_t Begin = ts_node_start_byte(Node), End = ts_node_end_byte(Node);
  if (Begin > Source.size() || End > Source.size() || Begin > End)
    return {};
  return Source.substr(Begin, End - Begin);
}

// Null-safe forms of tree-sitter's accessors: 0.20.7 dereferences a null node.
inline uint32_t namedChildCount(TSNode Node) {
  return ts_node_is_null(Node) ? 0 : ts_node_named_child_count(Node);
}
inline TSNode namedChild(TSNode Node, uint32_t Index) {
  return Index < namedChildCount(Node) ? ts_node_named_child(Node, Index) : TSNode{};
}
inline uint32_t childCount(TSNode Node) { return ts_node_is_null(Node) ? 0 : ts_node_child_count(Node); }
inline TSNode parentOf(TSNode Node) { return ts_node_is_null(Node) ? TSNode{} : ts_node_parent(Node); }

/// Calls \p Visit(child, fieldName-or-nullptr) for every child of \p Node,
/// named or not, in source order.
template <typename Visitor> void forEachChild(TSNode Node, Visitor &&Visit) {
  if (ts_node_is_null(Node))
    return;
  TSTreeCursor Cursor = ts_tree_cursor_new(Node);
  if (ts_tree_cursor_goto_first_child(&Cursor)) {
    do
      Visit(ts_tree_cursor_current_node(&Cursor), ts_tree_cursor_current_field_name(&Cursor));
    while (ts_tree_cursor_goto_next_sibling(&Cursor));
  }
  ts_tree_cursor_delete(&Cursor);
}

/// The grammar's id of the field \p Name (0 when it has none), looked up once.
TSFieldId fieldId(std::string_view Name);

/// Nodes whose fields only a cursor reads right: libtree-sitter 0.20.7's
/// ts_node_child_by_field_id also returns the fields of the expression inside
/// `(a = b)`, and misses some inside ERROR nodes.
bool fieldsNeedCursor(TSNode Node);

/// The first child of \p Node stored under \p Field, or a null node.
inline TSNode childByField(TSNode Node, std::string_view Field) {
  if (ts_node_is_null(Node))
    return {};
  if (!fieldsNeedCursor(Node))
    return ts_node_child_by_field_id(Node, fieldId(Field));
  TSNode Found{};
  bool Done = false;
  forEachChild(Node, [&](TSNode Child, const char *Name) {
    if (!Done && Name && Field == Name) {
      Found = Child;
      Done = true;
    }
  });
  return Found;
}

/// Visits \p Root and its descendants in source order without recursion
/// (deeply nested expressions must not exhaust the stack). \p Enter(node)
/// or \p Enter(node, field) returns whether to visit the node's children
/// (the field name costs a lookup per node: only visitors that take it get
/// it); \p Leave(node) runs once for every entered node, after its children.
template <typename EnterFn, typename LeaveFn>
void traverse(TSNode Root, EnterFn &&Enter, LeaveFn &&Leave) {
  if (ts_node_is_null(Root))
    return;
  auto Visit = [&](TSNode Node, const TSTreeCursor *Cursor) -> bool {
    if constexpr (std::is_invocable_v<EnterFn &, TSNode, const char *>)
      return Enter(Node, Cursor ? ts_tree_cursor_current_field_name(Cursor) : nullptr);
    else
      return Enter(Node);
  };
  TSTreeCursor Cursor = ts_tree_cursor_new(Root);
  bool Descend = Visit(Root, nullptr);
  for (;;) {
    if (Descend && ts_tree_cursor_goto_first_child(&Cursor)) {
      Descend = Visit(ts_tree_cursor_current_node(&Cursor), &Cursor);
      continue;
    }
    // The current node is finished: leave it and every ancestor that has no
    // next sibling, then enter the next sibling.
    for (;;) {
      Leave(ts_tree_cursor_current_node(&Cursor));
      if (ts_tree_cursor_goto_next_sibling(&Cursor)) {
        Descend = Visit(ts_tree_cursor_current_node(&Cursor), &Cursor);
        break;
      }
      if (!ts_tree_cursor_goto_parent(&Cursor)) {
        ts_tree_cursor_delete(&Cursor);
        return;
      }
    }
  }
}

} // namespace corolint::fast

#endif
