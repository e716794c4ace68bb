//===--- FunctionModel.h - the functions of a file, as the checks see them -===//
//
// One walk over the syntax tree builds what the fast checks query: every
// function, method and lambda with a body, whether that body itself (not a
// nested lambda or local class) is a coroutine, the calls it makes with the
// qualified names each callee may denote, and the qualified names other
// requested names (types, namespaces) may denote where they are written.
// Checks are then loops over this model and short walks of single bodies.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_FUNCTIONMODEL_H
#define COROLINT_DRIVER_FAST_FUNCTIONMODEL_H

#include "driver/fast/SyntaxTree.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace corolint::fast {

inline constexpr size_t NoFunction = static_cast<size_t>(-1);

struct CallSite {
  TSNode Call{};                       ///< the call_expression
  TSNode Callee{};                     ///< its `function` child
  size_t Function = NoFunction;        ///< whose own body makes the call
  std::vector<std::string> Candidates; ///< qualified names the callee may denote
  /// The callee is a local or parameter of the caller (a callable object).
  bool CallsLocal = false;
};

struct FunctionInfo {
  std::string Name;          ///< unqualified ("bar" for Foo::bar); empty for a lambda
  std::string QualifiedName; ///< "ns::Foo::bar" as far as the file says; empty for a lambda
  bool IsLambda = false;
  /// Its own body contains co_await, co_yield or co_return (or a macro of
  /// this file that expands to one).
  bool IsCoroutine = false;
  /// Its own body contains co_await or co_yield (a suspension point).
  bool Suspends = false;
  /// Declared `virtual` or `override`/`final`: it implements an interface.
  bool IsVirtual = false;
  /// A member of a class template specialization (`template <> struct
  /// codec<int>`): its signature is dictated by the generic code using it.
  bool InSpecialization = false;
  TSNode Definition{}; ///< function_definition or lambda_expression
  TSNode Body{};
  TSNode NameNode{};   ///< the declarator's name; null for a lambda
  TSNode ReturnType{}; ///< the written return type (trailing one if any); may be null
  std::vector<size_t> Calls; ///< indices into FileModel::Calls, in source order
  std::vector<size_t> OtherCalls; ///< into FileModel::OtherCalls (ScanRequest::EveryCall)
};

/// Which names to resolve: those whose last written segment is one of
/// \p Names (resolving every name would cost time no check uses). The
/// names of functions the file declares are always added.
struct ScanRequest {
  std::unordered_set<std::string> Names;
  /// Also record the calls of every other name (whole-program summaries:
  /// what a helper calls may be defined in another file), apart from the
  /// requested ones so the checks see what they always saw.
  bool EveryCall = false;
};

struct FileModel {
  std::vector<FunctionInfo> Functions; ///< in the order their definitions start
  std::vector<CallSite> Calls;         ///< of requested callees, in source order
  std::vector<CallSite> OtherCalls;    ///< of the others, when EveryCall was asked
  /// Functions declared (or defined) in the file by qualified name, with
  /// whether one of those declarations has a task-like return type written
  /// (decided by the checks through ReturnTypes).
  std::unordered_map<std::string, std::vector<TSNode>> ReturnTypes;

  /// The qualified names the requested name node \p Name may denote; nullptr
  /// when it was not resolved.
  const std::vector<std::string> *resolved(TSNode Name) const;
  /// The function whose own body holds byte \p Offset; NoFunction if none.
  size_t functionAt(uint32_t Offset) const;

  std::unordered_map<uint64_t, std::vector<std::string>> ResolvedNames;
  /// Qualified name -> the functions (not lambdas) defined under it.
  std::unordered_map<std::string, std::vector<size_t>> Definitions;
  /// The last names of the functions the file declares or defines, members
  /// included (views of the source): calls of them are always recorded.
  std::unordered_set<std::string_view> FunctionNames;
};

/// Builds the model of \p Root.
FileModel scanFile(TSNode Root, std::string_view Source, const ScanRequest &Request);

/// Visits the nodes of \p Body that belong to its own function: nested
/// lambdas, local classes and unevaluated operands are skipped. \p Visit
/// returns whether to descend into the node; \p Leave(node) runs after the
/// children of every node reached (skipped ones included).
template <typename Visitor, typename Leaver>
void forEachOwnNode(TSNode Body, Visitor &&Visit, Leaver &&Leave) {
  traverse(
      Body,
      [&](TSNode Node) {
        if (!ts_node_eq(Node, Body)) {
          std::string_view Type = nodeType(Node);
          if (Type == "lambda_expression" || Type == "class_specifier" ||
              Type == "struct_specifier" || Type == "union_specifier" ||
              Type == "decltype" || Type == "sizeof_expression" ||
              Type == "requires_expression" || Type == "comment" || Type == "string_literal" ||
              Type == "raw_string_literal")
            return false;
        }
        return Visit(Node);
      },
      Leave);
}
template <typename Visitor> void forEachOwnNode(TSNode Body, Visitor &&Visit) {
  forEachOwnNode(Body, std::forward<Visitor>(Visit), [](TSNode) {});
}

/// The node's text with runs of whitespace shortened to one space, for messages.
std::string compactText(TSNode Node, std::string_view Source);

} // namespace corolint::fast

#endif
