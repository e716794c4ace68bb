//===--- NameLookup.h - which entity a written name may denote ------------===//
//
// Without a compiler, the fast engine still has to know that `sleep_for(1s)`
// after `using std::this_thread::sleep_for;` is the standard function, and
// that `sleep(1)` in a class with a member `sleep` is not ::sleep. This is a
// syntactic approximation of C++ unqualified lookup over the scopes of one
// file: it yields every fully qualified name a written name may denote, and
// stops early where the file itself declares the name.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_NAMELOOKUP_H
#define COROLINT_DRIVER_FAST_NAMELOOKUP_H

#include "driver/fast/SyntaxTree.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace corolint::fast {

/// A name as written: `::std::this_thread::sleep_for<X>` is
/// {Global, {"std", "this_thread", "sleep_for"}} (template arguments dropped).
struct WrittenName {
  bool Global = false;
  std::vector<std::string_view> Segments;

  std::string_view last() const { return Segments.empty() ? std::string_view() : Segments.back(); }
};

/// The written name of an identifier, qualified identifier, template
/// function or namespace specifier; std::nullopt for anything else
/// (member accesses, decltype scopes, calls through expressions).
std::optional<WrittenName> writtenName(TSNode Node, std::string_view Source);

/// The scopes enclosing the current point of a source-order walk.
class ScopeStack {
public:
  enum class Kind { Namespace, Class, Block };

  ScopeStack(); ///< Starts at the global namespace.

  /// A namespace (its fully qualified path) or a block.
  void push(Kind ScopeKind, std::vector<std::string> NamespacePath = {});
  /// A class whose members (declared anywhere in its body) hide outer names.
  void pushClass(std::unordered_set<std::string> MemberNames);
  void pop();

  /// The path of the innermost enclosing namespace.
  const std::vector<std::string> &namespacePath() const;

  /// Records a declaration of \p Name in the innermost scope; a block-scope
  /// function declaration names the enclosing namespace's function instead.
  void declare(std::string_view Name, bool IsFunction = false);
  /// `using namespace N;`
  void addUsingDirective(const WrittenName &Namespace);
  /// `using N::name;`
  void addUsingDeclaration(const WrittenName &Entity);
  /// `namespace Alias = N;`
  void addNamespaceAlias(std::string_view Alias, const WrittenName &Target);

  /// Every fully qualified name (no leading "::", segments joined by "::")
  /// that \p Name may denote at this point.
  std::vector<std::string> resolve(const WrittenName &Name) const;

private:
  struct Scope {
    Kind ScopeKind;
    std::vector<std::string> NamespacePath; ///< for namespaces: the full path
    std::unordered_set<std::string> Declared;
    std::vector<std::string> UsingDirectives; ///< resolved namespace names
    /// name -> the qualified names it was brought in from (using
    /// declarations and namespace aliases both behave so for lookup).
    std::unordered_map<std::string, std::vector<std::string>> Introduced;
  };
  std::vector<Scope> Scopes;
};

} // namespace corolint::fast

#endif
