//===--- Quoting.h - source text as a message quotes it --------------------===//
//
// Both engines quote source text in messages (a loop's condition, the range a
// loop walks, a mutex): one line, short. Written once so that the two engines
// quote the same text the same way. Plain C++, no Clang, no tree-sitter.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_QUOTING_H
#define COROLINT_CHECKS_MODEL_QUOTING_H

#include <cstddef>
#include <string>
#include <string_view>

namespace corolint {

/// \p Text with every run of whitespace (newlines included) shortened to one
/// space, and none at either end.
std::string compactWhitespace(std::string_view Text);

/// The longest quote a message makes of source text.
inline constexpr std::size_t MaxQuoteLength = 40;

/// \p Text as a message quotes it: compacted, and cut to MaxQuoteLength
/// characters ending in "..." when longer.
std::string quoteForMessage(std::string_view Text);

} // namespace corolint

#endif
