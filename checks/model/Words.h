//===--- Words.h - identifiers in source text -----------------------------===//
//
// Both engines look for names in raw source text (a macro's replacement, a
// function's body naming EAGAIN, a file that may mention a checked name):
// what counts as a whole word is written once. Plain C++, no Clang, no
// tree-sitter.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_MODEL_WORDS_H
#define COROLINT_CHECKS_MODEL_WORDS_H

#include <string_view>

namespace corolint {

/// A letter, digit or '_': a character of an identifier (ASCII; bytes of
/// UTF-8 sequences are not).
inline bool isWordChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_';
}

/// \p Word occurs in \p Text as a whole word (not inside a longer identifier).
inline bool containsWord(std::string_view Text, std::string_view Word) {
  for (size_t At = Text.find(Word); At != std::string_view::npos; At = Text.find(Word, At + 1)) {
    size_t End = At + Word.size();
    if ((At == 0 || !isWordChar(Text[At - 1])) && (End == Text.size() || !isWordChar(Text[End])))
      return true;
  }
  return false;
}

} // namespace corolint

#endif
