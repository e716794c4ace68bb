//===--- LoopSize.h - how many times a loop runs, in a message's words ----===//
//
// Plain C++ (no Clang): the full engine reads a LoopSize from the AST
// (Loops.h), the fast engine from the syntax tree; both quote it alike.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_LOOPSIZE_H
#define COROLINT_CHECKS_UTILS_LOOPSIZE_H

#include <cstdint>
#include <string>

namespace corolint {

/// What bounds the number of iterations of one loop.
struct LoopSize {
  enum Kind {
    Constant, ///< `N` iterations, a compile-time constant
    Elements, ///< one iteration per element of the collection `Source`
    Count,    ///< a count that is not a constant: `i < n`
    Unknown,  ///< `while (true)`, `for (;;)`, a condition we cannot read
  } How = Unknown;
  std::uint64_t Iterations = 0; ///< for Constant
  std::string Source;           ///< for Elements and Count: the source text to quote
  /// For Count: the count is the machine's number of cores
  /// (`std::thread::hardware_concurrency()`, directly or through a local):
  /// one task per core, whatever the input.
  bool PerCore = false;
};

/// A loop whose awaits could be gathered: its size is known, and a constant
/// one runs at least twice.
inline bool isGatherable(const LoopSize &Size) {
  return Size.How != LoopSize::Unknown &&
         (Size.How != LoopSize::Constant || Size.Iterations >= 2);
}

/// The kind letter of Messages.h's per-loop phrases: 'e' elements of Source,
/// 'c' a count named Source, 'k' a constant.
inline char phraseKind(const LoopSize &Size) {
  return Size.How == LoopSize::Elements ? 'e' : Size.How == LoopSize::Count ? 'c' : 'k';
}

/// What a per-item loop runs over, in a message's words; "" when the loop is
/// open-ended (a restart or read-eval loop) and so not "once per item".
inline std::string perItemSubject(const LoopSize &Size) {
  switch (Size.How) {
  case LoopSize::Elements:
    return "for each element of '" + Size.Source + "'";
  case LoopSize::Count:
    return "on each iteration of a loop bounded by '" + Size.Source + "'";
  case LoopSize::Constant:
    return Size.Iterations > 1 ? "on each of " + std::to_string(Size.Iterations) + " iterations"
                               : "";
  case LoopSize::Unknown:
    return "";
  }
  return "";
}

} // namespace corolint

#endif
