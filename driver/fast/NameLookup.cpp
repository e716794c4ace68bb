//===--- NameLookup.cpp - which entity a written name may denote ----------===//

#include "driver/fast/NameLookup.h"

namespace corolint::fast {

namespace {

constexpr std::string_view AnonymousNamespace = "(anonymous)";

std::string join(const std::vector<std::string> &Prefix,
                 const std::vector<std::string_view> &Segments, size_t From = 0) {
  std::string Result;
  auto Append = [&](std::string_view Segment) {
    if (!Result.empty())
      Result += "::";
    Result += Segment;
  };
  for (const std::string &Segment : Prefix)
    Append(Segment);
  for (size_t I = From; I < Segments.size(); ++I)
    Append(Segments[I]);
  return Result;
}

std::string join(std::string_view Prefix, const std::vector<std::string_view> &Segments,
                 size_t From) {
  std::string Result(Prefix);
  for (size_t I = From; I < Segments.size(); ++I) {
    if (!Result.empty())
      Result += "::";
    Result += Segments[I];
  }
  return Result;
}

bool isNameLeaf(std::string_view Type) {
  return Type == "identifier" || Type == "namespace_identifier" || Type == "type_identifier" ||
         Type == "field_identifier";
}

} // namespace

std::optional<WrittenName> writtenName(TSNode Node, std::string_view Source) {
  while (nodeType(Node) == "parenthesized_expression" && namedChildCount(Node) == 1)
    Node = namedChild(Node, 0);
  std::string_view Type = nodeType(Node);
  if (!isNameLeaf(Type) && Type != "qualified_identifier" && Type != "template_function" &&
      Type != "template_type" && Type != "nested_namespace_specifier")
    return std::nullopt;

  WrittenName Name;
  bool Understood = true;
  traverse(
      Node,
      [&](TSNode Child, const char *) {
        std::string_view ChildType = nodeType(Child);
        if (ChildType == "template_argument_list")
          return false; // `sleep_for<T>` names sleep_for
        if (childCount(Child) != 0)
          return true;
        if (isNameLeaf(ChildType))
          Name.Segments.push_back(nodeText(Child, Source));
        else if (ChildType == "::")
          Name.Global |= Name.Segments.empty();
        else if (ChildType != "template") // `a::template f<T>`
          Understood = false;             // decltype(...)::f, operator names, ...
        return false;
      },
      [](TSNode) {});
  if (!Understood || Name.Segments.empty())
    return std::nullopt;
  return Name;
}

ScopeStack::ScopeStack() { push(Kind::Namespace); }

void ScopeStack::push(Kind ScopeKind, std::vector<std::string> NamespacePath) {
  Scope New;
  New.ScopeKind = ScopeKind;
  New.NamespacePath = ScopeKind == Kind::Namespace
                          ? std::move(NamespacePath)
                          : (Scopes.empty() ? std::vector<std::string>() : namespacePath());
  Scopes.push_back(std::move(New));
}

void ScopeStack::pushClass(std::unordered_set<std::string> MemberNames) {
  push(Kind::Class);
  Scopes.back().Declared = std::move(MemberNames);
}

void ScopeStack::pop() {
  if (Scopes.size() <= 1)
    return; // the global namespace stays
  Scope Closed = std::move(Scopes.back());
  Scopes.pop_back();
  // Names of an unnamed namespace are visible around it, but they are not
  // the global functions of the same name: record where they came from.
  if (Closed.ScopeKind == Kind::Namespace && !Closed.NamespacePath.empty() &&
      Closed.NamespacePath.back() == AnonymousNamespace) {
    for (const std::string &Name : Closed.Declared) {
      std::vector<std::string_view> Segment{Name};
      Scopes.back().Introduced[Name].push_back(join(Closed.NamespacePath, Segment));
    }
  }
}

const std::vector<std::string> &ScopeStack::namespacePath() const {
  return Scopes.back().NamespacePath;
}

void ScopeStack::declare(std::string_view Name, bool IsFunction) {
  auto Target = Scopes.rbegin();
  if (IsFunction)
    while (Target->ScopeKind == Kind::Block && std::next(Target) != Scopes.rend())
      ++Target;
  Target->Declared.emplace(Name);
}

void ScopeStack::addUsingDirective(const WrittenName &Namespace) {
  std::vector<std::string> Written = resolve(Namespace, Through::NoDirectives);
  std::vector<std::string> All = resolve(Namespace, Through::WrittenDirectives);
  Scope &Innermost = Scopes.back();
  auto Add = [&](std::string Candidate, bool Derived) {
    if (Derived && Innermost.DerivedCount >= MaxDerivedDirectives)
      return;
    if (!Innermost.DirectiveSet.insert(Candidate).second)
      return;
    Innermost.UsingDirectives.push_back(std::move(Candidate));
    Innermost.Derived.push_back(Derived);
    Innermost.DerivedCount += Derived;
  };
  for (std::string &Candidate : Written)
    Add(std::move(Candidate), false);
  for (std::string &Candidate : All)
    Add(std::move(Candidate), true); // the written ones are already there
}

void ScopeStack::addUsingDeclaration(const WrittenName &Entity) {
  std::vector<std::string> Candidates = resolve(Entity);
  auto &Targets = Scopes.back().Introduced[std::string(Entity.last())];
  Targets.insert(Targets.end(), Candidates.begin(), Candidates.end());
}

void ScopeStack::addNamespaceAlias(std::string_view Alias, const WrittenName &Target) {
  std::vector<std::string> Candidates = resolve(Target);
  auto &Targets = Scopes.back().Introduced[std::string(Alias)];
  Targets.insert(Targets.end(), Candidates.begin(), Candidates.end());
}

std::vector<std::string> ScopeStack::resolve(const WrittenName &Name) const {
  return resolve(Name, Through::AllDirectives);
}

bool ScopeStack::isLocal(std::string_view Name) const {
  std::string Key(Name);
  for (auto It = Scopes.rbegin(); It != Scopes.rend(); ++It) {
    if (It->Introduced.count(Key))
      return false;
    if (It->Declared.count(Key))
      return It->ScopeKind == Kind::Block;
  }
  return false;
}

std::vector<std::string> ScopeStack::resolve(const WrittenName &Name, Through Directives) const {
  static const std::vector<std::string> Root;
  if (Name.Global || Name.Segments.empty())
    return {join(Root, Name.Segments)};

  std::vector<std::string> Candidates;
  std::string First(Name.Segments.front());
  for (auto It = Scopes.rbegin(); It != Scopes.rend(); ++It) {
    const Scope &S = *It;
    if (auto Found = S.Introduced.find(First); Found != S.Introduced.end()) {
      for (const std::string &Target : Found->second)
        Candidates.push_back(join(Target, Name.Segments, 1));
      return Candidates;
    }
    if (S.Declared.count(First)) {
      // A local or a member hides every namespace-scope entity of the name.
      if (S.ScopeKind == Kind::Namespace)
        Candidates.push_back(join(S.NamespacePath, Name.Segments));
      return Candidates;
    }
    if (Directives != Through::NoDirectives)
      for (size_t I = 0; I < S.UsingDirectives.size() && Candidates.size() < MaxCandidates; ++I)
        if (Directives == Through::AllDirectives || !S.Derived[I])
          Candidates.push_back(join(S.UsingDirectives[I], Name.Segments, 0));
    // The namespace may declare the name in a part of it this file does not show.
    if (S.ScopeKind == Kind::Namespace && !S.NamespacePath.empty())
      Candidates.push_back(join(S.NamespacePath, Name.Segments));
  }
  Candidates.push_back(join(Root, Name.Segments));
  return Candidates;
}

} // namespace corolint::fast
