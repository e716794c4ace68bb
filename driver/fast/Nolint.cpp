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

bool globMatches(std::string_view Glob, std::string_view Text) {
  // Iterative wildcard match: '*' matches any run of characters.
  size_t G = 0, T = 0, Star = std::string_view::npos, Mark = 0;
  while (T < Text.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      Star = G++;
      Mark = T;
    } else if (G < Glob.size() && Glob[G] == Text[T]) {
      ++G;
      ++T;
    } else if (Star != std::string_view::npos) {
      G = Star + 1;
      T = ++Mark;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

} // namespace

bool globListMatches(std::string_view Globs, std::string_view Check) {
  if (trim(Globs).empty())
    return true;
  bool Matched = false;
  while (!Globs.empty()) {
    size_t Comma = Globs.find(',');
    std::string_view Glob = trim(Globs.substr(0, Comma));
    Globs = Comma == std::string_view::npos ? std::string_view() : Globs.substr(Comma + 1);
    bool Negative = !Glob.empty() && Glob.front() == '-';
    if (Negative)
      Glob = trim(Glob.substr(1));
    if (!Glob.empty() && globMatches(Glob, Check))
      Matched = !Negative;
  }
  return Matched;
}

NolintDirectives::NolintDirectives(std::string_view Source) {
  struct Open {
    unsigned Line;
    std::string Checks;
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
    if (!Rest.empty() && Rest.front() == '(') {
      size_t Close = Rest.find_first_of(")\n");
      if (Close == std::string_view::npos || Rest[Close] != ')')
        continue; // unterminated: clang-tidy ignores it too
      Checks = std::string(trim(Rest.substr(1, Close - 1)));
    }
    switch (Kind) {
    case Same:
      Lines.push_back({Line, std::move(Checks)});
      break;
    case Next:
      Lines.push_back({Line + 1, std::move(Checks)});
      break;
    case Begin:
      Begun.push_back({Line, std::move(Checks)});
      break;
    case End:
      // Closes the latest BEGIN with the same list; an unmatched END is ignored.
      for (auto It = Begun.rbegin(); It != Begun.rend(); ++It)
        if (It->Checks == Checks) {
          Ranges.push_back({It->Line, Line, std::move(Checks)});
          Begun.erase(std::next(It).base());
          break;
        }
      break;
    }
  }
}

bool NolintDirectives::suppresses(std::string_view Check, unsigned Line) const {
  for (const LineDirective &Directive : Lines)
    if (Directive.Line == Line && globListMatches(Directive.Checks, Check))
      return true;
  for (const RangeDirective &Range : Ranges)
    if (Range.First <= Line && Line <= Range.Last && globListMatches(Range.Checks, Check))
      return true;
  return false;
}

} // namespace corolint::fast
