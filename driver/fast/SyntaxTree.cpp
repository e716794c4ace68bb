//===--- SyntaxTree.cpp - tree-sitter parsing -----------------------------===//

#include "driver/fast/SyntaxTree.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace corolint::fast {

SyntaxTree SyntaxTree::parse(std::string_view Source) {
  SyntaxTree Result;
  TSParser *Parser = ts_parser_new();
  if (!ts_parser_set_language(Parser, tree_sitter_cpp())) {
    ts_parser_delete(Parser);
    return Result;
  }
  // Skip a UTF-8 byte order mark without shifting the columns of line 1.
  if (Source.substr(0, 3) == "\xEF\xBB\xBF") {
    TSRange AfterMark{{0, 3}, {UINT32_MAX, UINT32_MAX}, 3, UINT32_MAX};
    ts_parser_set_included_ranges(Parser, &AfterMark, 1);
  }
  Result.Tree.reset(ts_parser_parse_string(Parser, nullptr, Source.data(),
                                           static_cast<uint32_t>(Source.size())));
  ts_parser_delete(Parser);
  return Result;
}

TSFieldId fieldId(std::string_view Name) {
  static const std::unordered_map<std::string_view, TSFieldId> Ids = [] {
    std::unordered_map<std::string_view, TSFieldId> Map;
    const TSLanguage *Language = tree_sitter_cpp();
    for (TSFieldId Id = 1; Id <= ts_language_field_count(Language); ++Id)
      if (const char *Field = ts_language_field_name_for_id(Language, Id))
        Map.emplace(Field, Id);
    return Map;
  }();
  auto Found = Ids.find(Name);
  return Found == Ids.end() ? 0 : Found->second;
}

bool fieldsNeedCursor(TSNode Node) {
  static const std::vector<bool> NeedCursor = [] {
    const TSLanguage *Language = tree_sitter_cpp();
    std::vector<bool> Table(ts_language_symbol_count(Language), false);
    for (TSSymbol Symbol = 0; Symbol < Table.size(); ++Symbol) {
      const char *Name = ts_language_symbol_name(Language, Symbol);
      Table[Symbol] = Name && (std::strcmp(Name, "parenthesized_expression") == 0 ||
                               std::strcmp(Name, "ERROR") == 0);
    }
    return Table;
  }();
  TSSymbol Symbol = ts_node_symbol(Node);
  return Symbol >= NeedCursor.size() || NeedCursor[Symbol]; // ERROR is ts_builtin_sym_error (-1)
}

} // namespace corolint::fast
