//===--- Nolint.cpp - NOLINT comments, as clang-tidy reads them -----------===//

#include "driver/fast/Nolint.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace corolint::fast {

namespace {

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t'))
    S.remove_suffix(1);
  return S;
}

} // namespace

NolintDirectives::NolintDirectives(std::string_view Source) {
  struct Open {
    unsigned Line;
    std::string Checks; ///< as written: an END closes the BEGIN with the same list
    bool Listed;        ///< `NOLINTBEGIN()` and `NOLINTBEGIN` are different lists
  };
  auto Compile = [](std::string_view Written, bool Listed) {
    return std::make_shared<const clang::tidy::CachedGlobList>(
        Listed ? llvm::StringRef(Written) : llvm::StringRef("*"), /*KeepNegativeGlobs=*/false);
  };
  std::vector<Open> Begun;
  unsigned Line = 1;
  size_t Counted = 0; // Line is the line of byte Counted
  for (size_t At = Source.find("NOLINT"); At != std::string_view::npos;
       At = Source.find("NOLINT", At + 6)) {
    Line += static_cast<unsigned>(std::count(Source.begin() + Counted, Source.begin() + At, '\n'));
    Counted = At;
    std::string_view Rest = Source.substr(At + 6);
    enum { Same, Next, Begin, End } Kind = Same;
    for (auto [Suffix, Which] : {std::pair{std::string_view("NEXTLINE"), Next},
                                 std::pair{std::string_view("BEGIN"), Begin},
                                 std::pair{std::string_view("END"), End}})
      if (Rest.substr(0, Suffix.size()) == Suffix) {
        Kind = Which;
        Rest.remove_prefix(Suffix.size());
        break;
      }
    // `NOLINTFOO` is not a directive; `NOLINT(` opens a list.
    if (!Rest.empty() && (std::isalnum(static_cast<unsigned char>(Rest.front())) ||
                          Rest.front() == '_'))
      continue;
    std::string Checks;
    bool Listed = !Rest.empty() && Rest.front() == '(';
    if (Listed) {
      size_t Close = Rest.find_first_of(")\n");
      if (Close == std::string_view::npos || Rest[Close] != ')')
        continue; // unterminated: clang-tidy ignores it too
      Checks = std::string(trim(Rest.substr(1, Close - 1)));
    }
    switch (Kind) {
    case Same:
      Lines.push_back({Line, Compile(Checks, Listed)});
      break;
    case Next:
      Lines.push_back({Line + 1, Compile(Checks, Listed)});
      break;
    case Begin:
      Begun.push_back({Line, std::move(Checks), Listed});
      break;
    case End:
      // Closes the latest BEGIN with the same list; an unmatched END is ignored.
      for (auto It = Begun.rbegin(); It != Begun.rend(); ++It)
        if (It->Checks == Checks && It->Listed == Listed) {
          Ranges.push_back({It->Line, Line, Compile(Checks, Listed)});
          Begun.erase(std::next(It).base());
          break;
        }
      break;
    }
  }
}

bool NolintDirectives::suppresses(std::string_view Check, unsigned Line) const {
  for (const LineDirective &Directive : Lines)
    if (Directive.Line == Line && Directive.Checks->contains(Check))
      return true;
  for (const RangeDirective &Range : Ranges)
    if (Range.First <= Line && Line <= Range.Last && Range.Checks->contains(Check))
      return true;
  return false;
}

} // namespace corolint::fast
