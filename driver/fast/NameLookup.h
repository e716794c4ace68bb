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
  /// `using namespace N;`. N is looked up like any name, except that it
  /// goes through the directives in scope only as they were written: after
  /// `using namespace a; using namespace b;`, `using namespace c` may be c,
  /// a::c or b::c, never a::b::c. Each directive thus adds at most one name
  /// per written directive and enclosing namespace (duplicates dropped, and
  /// no more than MaxDerivedDirectives derived ones per scope) where the
  /// full chains doubled with every directive (2^k names for k of them).
  void addUsingDirective(const WrittenName &Namespace);
  /// `using N::name;`
  void addUsingDeclaration(const WrittenName &Entity);
  /// `namespace Alias = N;`
  void addNamespaceAlias(std::string_view Alias, const WrittenName &Target);

  /// Every fully qualified name (no leading "::", segments joined by "::")
  /// that \p Name may denote at this point: at most MaxCandidates through
  /// using-directives (a name ambiguous beyond that is taken to denote those
  /// only), plus one per enclosing namespace and the global one.
  std::vector<std::string> resolve(const WrittenName &Name) const;
  /// The name is a local or parameter here (`callback(x)`: a callable object).
  bool isLocal(std::string_view Name) const;

  static constexpr size_t MaxDerivedDirectives = 64;
  static constexpr size_t MaxCandidates = 256;

private:
  enum class Through { AllDirectives, WrittenDirectives, NoDirectives };
  std::vector<std::string> resolve(const WrittenName &Name, Through Directives) const;

  struct Scope {
    Kind ScopeKind;
    std::vector<std::string> NamespacePath; ///< for namespaces: the full path
    std::unordered_set<std::string> Declared;
    std::vector<std::string> UsingDirectives; ///< resolved namespace names, no duplicates
    /// Parallel to UsingDirectives: found only through another directive.
    std::vector<bool> Derived;
    size_t DerivedCount = 0;
    std::unordered_set<std::string> DirectiveSet; ///< UsingDirectives, for dedupe
    /// name -> the qualified names it was brought in from (using
    /// declarations and namespace aliases both behave so for lookup).
    std::unordered_map<std::string, std::vector<std::string>> Introduced;
  };
  std::vector<Scope> Scopes;
};

} // namespace corolint::fast

#endif
