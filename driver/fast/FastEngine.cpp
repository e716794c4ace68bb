//===--- FastEngine.cpp - parse, build the model, run the checks ----------===//

#include "driver/fast/FastEngine.h"

#include "checks/utils/BlockingFunctions.h"
#include "driver/fast/FastChecks.h"
#include "driver/fast/FunctionModel.h"
#include "driver/fast/SyntaxTree.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace corolint::fast {

namespace {

/// The first token of \p Node, for a message: at most one line, 40 bytes.
std::string firstToken(TSNode Node, std::string_view Source) {
  while (ts_node_child_count(Node) != 0)
    Node = ts_node_child(Node, 0);
  std::string_view Text = nodeText(Node, Source);
  Text = Text.substr(0, std::min(Text.find('\n'), size_t(40)));
  return std::string(Text);
}

/// Where tree-sitter gave up: ERROR nodes (reported once, not per token
/// inside) and MISSING tokens it had to invent.
std::vector<ParseError> collectParseErrors(TSNode Root, std::string_view Source) {
  std::vector<ParseError> Errors;
  auto Report = [&](TSNode Node, std::string What) {
    TSPoint Where = ts_node_start_point(Node);
    Errors.push_back({Where.row + 1, Where.column + 1, std::move(What)});
  };
  traverse(
      Root,
      [&](TSNode Node, const char *) {
        if (!ts_node_has_error(Node))
          return false;
        if (ts_node_is_missing(Node)) {
          std::string Expected(nodeType(Node));
          if (!ts_node_is_named(Node))
            Report(Node, "expected '" + Expected + "'");
          else if (Expected.find("identifier") != std::string::npos)
            Report(Node, "expected a name");
          else {
            std::replace(Expected.begin(), Expected.end(), '_', ' '); // "primitive type"
            Report(Node, "expected " + Expected);
          }
          return false;
        }
        if (nodeType(Node) == "ERROR") {
          std::string Token = firstToken(Node, Source);
          Report(Node, Token.empty() ? std::string("cannot parse this code")
                                     : "cannot parse the code starting at '" + Token + "'");
          return false;
        }
        return true;
      },
      [](TSNode) {});
  return Errors;
}

} // namespace

Options defaultOptions() { return Options{std::string(DefaultBlockingFunctions)}; }

FileResult lintBuffer(std::string_view Source, const Options &Opts) {
  FileResult Result;
  if (Source.size() >= UINT32_MAX) {
    Result.ParseErrors.push_back({1, 1, "file too large for the fast engine (4 GiB or more)"});
    return Result;
  }
  // An invalid option is reported once by the caller (see FastMain.cpp);
  // here it only means an empty table.
  std::string OptionError;
  std::vector<BlockingFunction> Table =
      parseBlockingFunctions(Opts.BlockingFunctions, OptionError).value_or(std::vector<BlockingFunction>{});

  SyntaxTree Tree = SyntaxTree::parse(Source);
  if (!Tree.valid()) {
    Result.ParseErrors.push_back({1, 1, "tree-sitter could not parse the file"});
    return Result;
  }
  Result.ParseErrors = collectParseErrors(Tree.root(), Source);

  BlockingCallCheck BlockingCall(Table);
  ScanRequest Request;
  BlockingCall.request(Request);
  std::vector<FunctionInfo> Functions = scanFunctions(Tree.root(), Source, Request);
  BlockingCall.check(Functions, Result.Findings);

  std::sort(Result.Findings.begin(), Result.Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Line, A.Column) < std::tie(B.Line, B.Column);
                   });
  return Result;
}

} // namespace corolint::fast
