//===--- SyntaxTree.cpp - tree-sitter parsing -----------------------------===//

#include "driver/fast/SyntaxTree.h"

#include <cstdint>

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

} // namespace corolint::fast
