//===--- FastCheck.cpp - helpers shared by the fast checks ----------------===//

#include "driver/fast/FastCheck.h"

#include "driver/fast/NameLookup.h"

#include "checks/model/Quoting.h"

#include <algorithm>
#include <charconv>

namespace corolint::fast {

namespace {

Position positionOf(TSNode Node) {
  TSPoint Start = ts_node_start_point(Node);
  return {ts_node_start_byte(Node), Start.row + 1, Start.column + 1};
}

/// `42`, `42u`, `0x10`: its value; std::nullopt for anything else.
std::optional<std::uint64_t> integerLiteral(TSNode Node, std::string_view Source) {
  if (nodeType(Node) != "number_literal")
    return std::nullopt;
  std::string_view Text = nodeText(Node, Source);
  while (!Text.empty() && (Text.back() == 'u' || Text.back() == 'U' || Text.back() == 'l' ||
                           Text.back() == 'L'))
    Text.remove_suffix(1);
  int Base = 10;
  if (Text.size() > 2 && Text[0] == '0' && (Text[1] == 'x' || Text[1] == 'X')) {
    Base = 16;
    Text.remove_prefix(2);
  }
  std::uint64_t Value = 0;
  auto [End, Error] = std::from_chars(Text.data(), Text.data() + Text.size(), Value, Base);
  if (Error != std::errc() || End != Text.data() + Text.size())
    return std::nullopt;
  return Value;
}

std::string spelling(TSNode Node, std::string_view Source) {
  std::string Quote = quoteForMessage(nodeText(Node, Source));
  return Quote.empty() ? "the range" : Quote;
}

/// The element count of a range the source makes constant: `{a, b}`,
/// `std::views::iota(0, 8)`, or a local declared with an initializer list
/// (`std::array<T, 4> r{...}`, `const char *m[] = {...}`).
std::optional<std::uint64_t> constantSize(TSNode Range, TSNode Loop, std::string_view Source) {
  std::string_view Type = nodeType(Range);
  if (Type == "initializer_list")
    return namedChildCount(Range);
  if (Type == "call_expression") {
    std::string_view Callee = nodeText(childByField(Range, "function"), Source);
    TSNode Arguments = childByField(Range, "arguments");
    if (Callee.size() >= 4 && Callee.substr(Callee.size() - 4) == "iota" &&
        namedChildCount(Arguments) == 2) {
      std::optional<std::uint64_t> From = integerLiteral(namedChild(Arguments, 0), Source);
      std::optional<std::uint64_t> To = integerLiteral(namedChild(Arguments, 1), Source);
      if (From && To)
        return *To > *From ? *To - *From : 0;
    }
    return std::nullopt;
  }
  if (Type != "identifier")
    return std::nullopt;
  // The declaration of the name in the blocks around the loop, before it.
  std::string_view Name = nodeText(Range, Source);
  for (TSNode Block = parentOf(Loop); !ts_node_is_null(Block); Block = parentOf(Block)) {
    std::string_view BlockType = nodeType(Block);
    if (BlockType == "function_definition" || BlockType == "lambda_expression")
      break;
    if (BlockType != "compound_statement")
      continue;
    for (uint32_t I = 0; I < namedChildCount(Block); ++I) {
      TSNode Statement = namedChild(Block, I);
      if (ts_node_start_byte(Statement) >= ts_node_start_byte(Loop))
        break;
      if (nodeType(Statement) != "declaration")
        continue;
      std::optional<std::uint64_t> Found;
      forEachChild(Statement, [&](TSNode Declarator, const char *Field) {
        if (!Field || std::string_view(Field) != "declarator")
          return;
        TSNode Init = Declarator;
        TSNode Named = childByField(Declarator, "declarator");
        if (ts_node_is_null(Named))
          return;
        while (nodeType(Named) == "array_declarator" || nodeType(Named) == "pointer_declarator")
          Named = childByField(Named, "declarator");
        if (nodeText(Named, Source) != Name)
          return;
        TSNode Value = childByField(Init, "value");
        if (ts_node_is_null(Value))
          Value = namedChild(Init, namedChildCount(Init) - 1);
        if (nodeType(Value) == "initializer_list")
          Found = namedChildCount(Value);
      });
      if (Found)
        return Found;
    }
  }
  return std::nullopt;
}

/// `X` of `X.size()`, `std::size(X)`, `X.end()`, `std::end(X)`, ...; else a null node.
TSNode collectionOf(TSNode Bound, std::string_view Source) {
  if (nodeType(Bound) != "call_expression")
    return {};
  static constexpr std::string_view Members[] = {"size", "ssize", "length", "end", "cend"};
  auto Listed = [&](std::string_view Name) {
    return std::find(std::begin(Members), std::end(Members), Name) != std::end(Members);
  };
  TSNode Callee = childByField(Bound, "function");
  TSNode Arguments = childByField(Bound, "arguments");
  if (nodeType(Callee) == "field_expression")
    return namedChildCount(Arguments) == 0 &&
                   Listed(nodeText(childByField(Callee, "field"), Source))
               ? childByField(Callee, "argument")
               : TSNode{};
  std::optional<WrittenName> Name = writtenName(Callee, Source);
  return Name && namedChildCount(Arguments) == 1 && Listed(Name->last()) ? namedChild(Arguments, 0)
                                                                         : TSNode{};
}

/// The bound of `std::views::iota(0, n)`; a null node for other ranges.
TSNode iotaBound(TSNode Range, std::string_view Source) {
  if (nodeType(Range) != "call_expression")
    return {};
  std::optional<WrittenName> Callee = writtenName(childByField(Range, "function"), Source);
  TSNode Arguments = childByField(Range, "arguments");
  return Callee && Callee->last() == "iota" && namedChildCount(Arguments) == 2
             ? namedChild(Arguments, 1)
             : TSNode{};
}

/// `i < n`, `n > i`, `i != n`: the bound's size.
LoopSize comparisonSize(TSNode Condition, std::string_view Source, std::uint64_t Start) {
  LoopSize Size;
  if (nodeType(Condition) != "binary_expression")
    return Size;
  std::string_view Operator = nodeType(childByField(Condition, "operator"));
  TSNode Left = childByField(Condition, "left"), Right = childByField(Condition, "right");
  TSNode Bound;
  if (Operator == "<" || Operator == "<=" || Operator == "!=")
    Bound = Right;
  else if (Operator == ">" || Operator == ">=")
    Bound = Left;
  else
    return Size;
  if (std::optional<std::uint64_t> N = integerLiteral(Bound, Source)) {
    Size.How = LoopSize::Constant;
    std::uint64_t End = *N + (Operator == "<=" || Operator == ">=" ? 1 : 0);
    Size.Iterations = End > Start ? End - Start : 0;
    return Size;
  }
  // `for (int i = 10; i > 0; ...)`: counting down from a constant to one.
  TSNode Other = ts_node_eq(Bound, Left) ? Right : Left;
  if (Start != 0 && integerLiteral(Other, Source)) {
    Size.How = LoopSize::Constant;
    Size.Iterations = Start;
    return Size;
  }
  if (nodeType(Bound) == "number_literal")
    return Size;
  // `i < v.size()`, `it != v.end()`: one iteration per element of v.
  if (TSNode Collection = collectionOf(Bound, Source); !ts_node_is_null(Collection)) {
    Size.How = LoopSize::Elements;
    Size.Source = spelling(Collection, Source);
    return Size;
  }
  Size.How = LoopSize::Count;
  Size.Source = spelling(Bound, Source);
  // One per core: the machine's count, not the input's (no types here: by name).
  Size.PerCore = Size.Source.find("hardware_concurrency(") != std::string::npos;
  return Size;
}

} // namespace

Finding &CheckContext::report(std::string_view Check, TSNode At, std::string Message) const {
  Findings.push_back({std::string(Check), std::move(Message), positionOf(At), {}});
  return Findings.back();
}

void CheckContext::note(Finding &Parent, TSNode At, std::string Message) const {
  Parent.Notes.push_back({std::move(Message), positionOf(At)});
}

namespace {

/// The standard library's typedefs of class templates a list may name: the
/// table lists `std::basic_ifstream`, code writes `std::ifstream`. Clang
/// sees through them; without headers, the fast engine knows them by heart.
struct StandardTypedef {
  std::string_view Name, Template, LastSegment;
};
constexpr StandardTypedef StandardTypedefs[] = {
    {"std::ifstream", "std::basic_ifstream", "ifstream"},
    {"std::wifstream", "std::basic_ifstream", "wifstream"},
    {"std::ofstream", "std::basic_ofstream", "ofstream"},
    {"std::wofstream", "std::basic_ofstream", "wofstream"},
    {"std::fstream", "std::basic_fstream", "fstream"},
    {"std::wfstream", "std::basic_fstream", "wfstream"},
};

/// The listed name of the template the typedef \p Candidate names, or nullptr.
const std::string *listedThroughTypedef(const std::string &Candidate, const NameList &List) {
  for (const StandardTypedef &Typedef : StandardTypedefs)
    if (Candidate == Typedef.Name)
      for (const std::string &Listed : List.names())
        if (Listed == Typedef.Template)
          return &Listed;
  return nullptr;
}

} // namespace

void requestNames(ScanRequest &Request, const NameList &List) {
  std::vector<std::string> Segments;
  List.addLastSegments(Segments);
  Request.Names.insert(Segments.begin(), Segments.end());
  for (const StandardTypedef &Typedef : StandardTypedefs)
    if (List.contains(Typedef.Template))
      Request.Names.emplace(Typedef.LastSegment);
}

const std::string *calleeListed(const CallSite &Call, const NameList &List) {
  return List.firstListed(Call.Candidates);
}

const std::string *blockingListed(const std::vector<std::string> &Candidates,
                                  const NameList &Blocking) {
  if (const std::string *Listed = Blocking.firstListed(Candidates))
    return Listed;
  for (const std::string &Candidate : Candidates)
    if (Candidate.compare(0, 5, "std::") == 0 && Candidate.find("::", 5) == std::string::npos)
      for (const std::string &Name : Blocking.names())
        if (Name == std::string_view(Candidate).substr(5))
          return &Name;
  return nullptr;
}

const std::string *typeListed(TSNode TypeNode, const FileModel &Model, const NameList &List) {
  // Through `const T&`, `T*` and type descriptors to the written name.
  for (int Depth = 0; !ts_node_is_null(TypeNode) && Depth < 8; ++Depth) {
    if (const std::vector<std::string> *Candidates = Model.resolved(TypeNode)) {
      if (const std::string *Listed = List.firstListed(*Candidates))
        return Listed;
      for (const std::string &Candidate : *Candidates)
        if (const std::string *Listed = listedThroughTypedef(Candidate, List))
          return Listed;
      return nullptr;
    }
    std::string_view Type = nodeType(TypeNode);
    if (Type == "type_descriptor" || Type == "parameter_declaration" ||
        Type == "optional_parameter_declaration")
      TypeNode = childByField(TypeNode, "type");
    else
      return nullptr;
  }
  return nullptr;
}

std::string firstTemplateArgument(TSNode TypeNode, std::string_view Source) {
  std::string Argument;
  bool Done = false;
  traverse(
      TypeNode,
      [&](TSNode Node) {
        if (Done)
          return false;
        if (nodeType(Node) == "template_argument_list") {
          if (namedChildCount(Node) != 0)
            Argument = compactText(namedChild(Node, 0), Source);
          Done = true;
          return false;
        }
        return true;
      },
      [](TSNode) {});
  return Argument;
}

bool isDiscarded(TSNode Call, std::string_view Source) {
  TSNode Parent = parentOf(Call);
  while (nodeType(Parent) == "parenthesized_expression")
    Parent = parentOf(Parent);
  std::string_view Type = nodeType(Parent);
  if (Type == "expression_statement")
    return true;
  if (Type == "cast_expression") {
    TSNode CastType = childByField(Parent, "type");
    if (compactText(CastType, Source) != "void")
      return false;
    return isDiscarded(Parent, Source);
  }
  if (Type == "argument_list") {
    // static_cast<void>(f())
    TSNode Cast = parentOf(Parent);
    TSNode Callee = childByField(Cast, "function");
    if (nodeType(Callee) == "template_function" &&
        nodeText(childByField(Callee, "name"), Source) == "static_cast" &&
        compactText(childByField(Callee, "arguments"), Source) == "<void>" &&
        namedChildCount(Parent) == 1)
      return isDiscarded(Cast, Source);
  }
  return false;
}

std::vector<size_t> calleeDefinitions(const FileModel &Model, const CallSite &Call,
                                      std::string_view Source) {
  std::vector<size_t> Found;
  for (const std::string &Candidate : Call.Candidates)
    if (auto Defined = Model.Definitions.find(Candidate); Defined != Model.Definitions.end())
      Found.insert(Found.end(), Defined->second.begin(), Defined->second.end());
  if (Call.Candidates.empty()) {
    // A member called from its class resolves to no namespace name.
    std::optional<WrittenName> Written = writtenName(Call.Callee, Source);
    for (size_t I = 0; Written && I < Model.Functions.size(); ++I)
      if (!Model.Functions[I].IsLambda && Model.Functions[I].Name == Written->last())
        Found.push_back(I);
  }
  return Found;
}

HelperSearch::HelperSearch(const CheckContext &Context,
                           std::function<bool(const CallSite &)> IsTarget)
    : Context(Context), IsTarget(std::move(IsTarget)),
      Reach(
          [this](HelperReach::FunctionId Id) {
            const auto &Function = *static_cast<const FunctionInfo *>(Id);
            HelperReach::Function Described;
            Described.Enterable = !Function.IsCoroutine && !Function.IsLambda &&
                                  !(NotEntered && NotEntered->contains(Function.QualifiedName));
            for (size_t Index : Function.Calls) {
              const CallSite &Call = this->Context.Model.Calls[Index];
              Described.Calls.push_back({&Call, this->IsTarget(Call), definitions(Call)});
            }
            return Described;
          },
          &Context.Budget) {}

std::vector<HelperReach::FunctionId> HelperSearch::definitions(const CallSite &Call) const {
  std::vector<HelperReach::FunctionId> Found;
  for (size_t Index : calleeDefinitions(Context.Model, Call, Context.Source))
    Found.push_back(&Context.Model.Functions[Index]);
  return Found;
}

HelperPath HelperSearch::through(const CallSite &Call, unsigned Depth) {
  std::optional<HelperReach::Path> Path = Reach.reach(definitions(Call), Depth);
  if (!Path)
    return {};
  return {static_cast<const FunctionInfo *>(Path->Helpers.front()),
          static_cast<const CallSite *>(Path->Target)};
}

TSNode firstOwn(TSNode Scope, std::initializer_list<std::string_view> Types) {
  TSNode Found{};
  forEachOwnNode(Scope, [&](TSNode Node) {
    for (std::string_view Type : Types)
      if (ts_node_is_null(Found) && nodeType(Node) == Type)
        Found = Node;
    return ts_node_is_null(Found);
  });
  return Found;
}

bool containsOwn(TSNode Scope, std::initializer_list<std::string_view> Types) {
  return !ts_node_is_null(firstOwn(Scope, Types));
}

bool handlerDoesNothing(TSNode Body) {
  if (ts_node_is_null(Body))
    return false;
  for (uint32_t I = 0; I < namedChildCount(Body); ++I) {
    std::string_view Type = nodeType(namedChild(Body, I));
    if (Type != "continue_statement" && Type != "break_statement" && Type != "comment")
      return false;
  }
  return true;
}

bool isLoop(std::string_view Type) {
  return Type == "for_statement" || Type == "for_range_loop" || Type == "while_statement" ||
         Type == "do_statement";
}

TSNode loopBody(TSNode Loop) { return childByField(Loop, "body"); }

std::vector<TSNode> enclosingLoops(TSNode Node, TSNode Stop) {
  std::vector<TSNode> Loops;
  TSNode Child = Node;
  for (TSNode Parent = parentOf(Node); !ts_node_is_null(Parent) && !ts_node_eq(Parent, Stop);
       Child = Parent, Parent = parentOf(Parent)) {
    std::string_view Type = nodeType(Parent);
    if (Type == "lambda_expression" || Type == "function_definition")
      break;
    if (!isLoop(Type))
      continue;
    // The init of a for and the range of a range-for run once.
    TSNode Once = childByField(Parent, Type == "for_range_loop" ? "right" : "initializer");
    if (!ts_node_is_null(Once) && ts_node_start_byte(Child) >= ts_node_start_byte(Once) &&
        ts_node_end_byte(Child) <= ts_node_end_byte(Once))
      continue;
    Loops.push_back(Parent);
  }
  return Loops;
}

bool repeatsWithoutItems(TSNode Loop, std::string_view Source) {
  std::vector<std::string_view> Counters;
  if (nodeType(Loop) == "for_range_loop") {
    // `for (auto _ : state)`, `for (const auto &x : xs)`: the element's name.
    TSNode Declarator = childByField(Loop, "declarator");
    while (!ts_node_is_null(Declarator) && nodeType(Declarator) != "identifier" &&
           nodeType(Declarator) != "structured_binding_declarator")
      Declarator = ts_node_named_child_count(Declarator) ? ts_node_named_child(Declarator, 0)
                                                         : TSNode{};
    if (ts_node_is_null(Declarator) || nodeType(Declarator) != "identifier")
      return false; // a structured binding: its names are not searched
    Counters.push_back(nodeText(Declarator, Source));
  } else {
    if (nodeType(Loop) != "for_statement")
      return false;
    TSNode Init = childByField(Loop, "initializer");
    if (nodeType(Init) != "declaration")
      return false;
    forEachChild(Init, [&](TSNode Declarator, const char *Field) {
      if (!Field || std::string_view(Field) != "declarator")
        return;
      if (nodeType(Declarator) == "init_declarator")
        Declarator = childByField(Declarator, "declarator");
      Counters.push_back(nodeText(Declarator, Source));
    });
  }
  bool Read = false;
  traverse(
      childByField(Loop, "body"),
      [&](TSNode Node) {
        if (nodeType(Node) == "identifier")
          for (std::string_view Counter : Counters)
            Read |= nodeText(Node, Source) == Counter;
        return !Read;
      },
      [](TSNode) {});
  return !Counters.empty() && !Read;
}

LoopSize loopSize(TSNode Loop, std::string_view Source) {
  std::string_view Type = nodeType(Loop);
  LoopSize Size;
  if (Type == "for_range_loop") {
    TSNode Range = childByField(Loop, "right");
    // `urls | std::views::filter(...)`: at most one iteration per element of urls.
    while (nodeType(Range) == "binary_expression" &&
           nodeType(childByField(Range, "operator")) == "|")
      Range = childByField(Range, "left");
    if (std::optional<std::uint64_t> N = constantSize(Range, Loop, Source)) {
      Size.How = LoopSize::Constant;
      Size.Iterations = *N;
    } else if (TSNode Bound = iotaBound(Range, Source); !ts_node_is_null(Bound)) {
      Size.How = LoopSize::Count; // `std::views::iota(0, n)`
      Size.Source = spelling(Bound, Source);
    } else if (!ts_node_is_null(Range)) {
      Size.How = LoopSize::Elements;
      Size.Source = spelling(Range, Source);
    }
    return Size;
  }
  if (Type == "for_statement") {
    std::uint64_t Start = 0;
    TSNode Init = childByField(Loop, "initializer");
    if (nodeType(Init) == "declaration") {
      TSNode Declarator = childByField(Init, "declarator");
      TSNode Value = childByField(Declarator, "value");
      if (std::optional<std::uint64_t> N = integerLiteral(Value, Source))
        Start = *N;
    }
    return comparisonSize(childByField(Loop, "condition"), Source, Start);
  }
  if (Type == "while_statement" || Type == "do_statement") {
    TSNode Condition = childByField(Loop, "condition");
    if (nodeType(Condition) == "condition_clause" || nodeType(Condition) == "parenthesized_expression")
      Condition = childByField(Condition, "value").id ? childByField(Condition, "value")
                                                     : namedChild(Condition, 0);
    // `while (!pending.empty())`: one iteration per element of pending.
    if (nodeType(Condition) == "unary_expression" &&
        nodeText(childByField(Condition, "operator"), Source) == "!") {
      TSNode Call = childByField(Condition, "argument");
      TSNode Callee = childByField(Call, "function");
      if (nodeType(Call) == "call_expression" && nodeType(Callee) == "field_expression" &&
          nodeText(childByField(Callee, "field"), Source) == "empty") {
        Size.How = LoopSize::Elements;
        Size.Source = spelling(childByField(Callee, "argument"), Source);
        return Size;
      }
    }
    // `while (n--)`, `while (n-- > 0)`: a count of n.
    TSNode Counted = Condition;
    if (nodeType(Condition) == "binary_expression" &&
        integerLiteral(childByField(Condition, "right"), Source))
      Counted = childByField(Condition, "left");
    if (nodeType(Counted) == "update_expression" &&
        nodeText(childByField(Counted, "operator"), Source) == "--" &&
        nodeType(childByField(Counted, "argument")) == "identifier") {
      Size.How = LoopSize::Count;
      Size.Source = spelling(childByField(Counted, "argument"), Source);
      return Size;
    }
    return comparisonSize(Condition, Source, 0);
  }
  return Size;
}

} // namespace corolint::fast
