//===--- LspOutputFilter.h - corolint's touches on clangd's LSP output ----===//
//
// clangd links every clang-tidy diagnostic to clang.llvm.org, where no
// async-* page exists, and titles a quick fix with the first line of the code
// it inserts ("insert '  throw;…'"). Debian's clangd cannot be changed, so
// corolint-clangd passes clangd's output through this filter on its way to
// the editor: codeDescription points at corolint's doc pages, and a one-edit
// quick fix is titled with its code on one line ("insert 'throw;'").
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_CLANGD_LSPOUTPUTFILTER_H
#define COROLINT_DRIVER_CLANGD_LSPOUTPUTFILTER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <atomic>
#include <string>
#include <thread>

namespace corolint {

/// The rewrite of one LSP message; \p DocsBaseUrl ends in '/' (empty: drop
/// the links of async-* diagnostics rather than keep dead ones).
void rewriteLspMessage(llvm::json::Value &Message, llvm::StringRef DocsBaseUrl);

/// \p Code on one line for a title: its lines trimmed and joined by a space,
/// at most 50 characters (then "…").
std::string oneLineCode(llvm::StringRef Code);

/// Moves stdout (file descriptor 1) into a pipe that a thread reads, rewrites
/// and forwards to the real stdout, until finish().
class LspOutputFilter {
public:
  explicit LspOutputFilter(std::string DocsBaseUrl) : DocsBaseUrl(std::move(DocsBaseUrl)) {}
  /// False (stdout untouched) if the pipe cannot be set up.
  bool start();
  /// Flushes and closes the pipe, waits (at most two seconds) until what
  /// clangd wrote has been forwarded: clangd may keep a copy of the pipe
  /// open, so its end is not awaited.
  void finish();

private:
  void forward(int In, int Out);
  std::string DocsBaseUrl;
  int RealStdout = -1;
  int PipeIn = -1;
  std::atomic<bool> Idle{false}; ///< everything read so far has been forwarded
  std::atomic<bool> Done{false}; ///< the pipe ended
  std::thread Forwarder;
};

} // namespace corolint

#endif
