//===--- Quoting.cpp - source text as a message quotes it ------------------===//

#include "checks/model/Quoting.h"

#include <cctype>

namespace corolint {

std::string compactWhitespace(std::string_view Text) {
  std::string Compact;
  bool Space = false;
  for (char C : Text) {
    if (std::isspace(static_cast<unsigned char>(C))) {
      Space = !Compact.empty();
      continue;
    }
    if (Space)
      Compact += ' ';
    Space = false;
    Compact += C;
  }
  return Compact;
}

std::string quoteForMessage(std::string_view Text) {
  std::string Quote = compactWhitespace(Text);
  constexpr std::string_view Ellipsis = "...";
  if (Quote.size() > MaxQuoteLength)
    Quote = Quote.substr(0, MaxQuoteLength - Ellipsis.size()) + std::string(Ellipsis);
  return Quote;
}

} // namespace corolint
