//===--- SourceKind.h - a header, or test code, from the file's text ------===//
//
// Some findings depend on what the file is for. A header's functions are an
// interface whose callers live in other translation units; a test's
// coroutines are fixtures and stubs that exist to be awaited, and its empty
// handlers swallow failures it provoked on purpose. Both engines decide from
// the text of the file (the fast engine has no path), so they agree. Plain C++.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_SOURCEKIND_H
#define COROLINT_CHECKS_UTILS_SOURCEKIND_H

#include <cctype>
#include <string>
#include <string_view>

namespace corolint {

namespace source_kind_detail {

/// Calls \p Visit with the name of each preprocessor directive of \p Source
/// ("include", "pragma", ...) and the rest of its line; stops when it returns false.
template <typename Visitor> void forEachDirective(std::string_view Source, Visitor Visit) {
  size_t Line = 0;
  while (Line < Source.size()) {
    size_t End = Source.find('\n', Line);
    if (End == std::string_view::npos)
      End = Source.size();
    std::string_view Text = Source.substr(Line, End - Line);
    size_t At = Text.find_first_not_of(" \t");
    if (At != std::string_view::npos && Text[At] == '#') {
      At = Text.find_first_not_of(" \t", At + 1);
      size_t NameEnd = At == std::string_view::npos ? Text.size() : At;
      while (NameEnd < Text.size() && std::isalpha(static_cast<unsigned char>(Text[NameEnd])))
        ++NameEnd;
      std::string_view Name = At == std::string_view::npos ? "" : Text.substr(At, NameEnd - At);
      if (!Visit(Name, Text.substr(NameEnd)))
        return;
    }
    Line = End + 1;
  }
}

/// One word of an include path ("gtest", "unit", "test", "hpp").
inline bool isTestWord(std::string_view Word) {
  if (Word == "catch" || Word == "catch2" || Word.substr(0, 5) == "gtest" ||
      Word.substr(0, 5) == "gmock")
    return true;
  if (Word.size() < 4 || Word == "latest")
    return false;
  return Word.substr(0, 4) == "test" || Word.substr(Word.size() - 4) == "test";
}

/// One word of an include path that names a benchmark library or a
/// benchmark's own header ("benchmark", "nanobench", "celero", "bench").
inline bool isBenchmarkWord(std::string_view Word) {
  return Word == "bench" || Word.substr(0, 9) == "benchmark" || Word == "nanobench" ||
         Word == "celero";
}

/// Some `#include` of \p Source has a path word (lower-cased, split at
/// non-alphanumerics) that \p IsWord accepts.
template <typename Predicate> bool includesWord(std::string_view Source, Predicate IsWord) {
  bool Found = false;
  forEachDirective(Source, [&](std::string_view Name, std::string_view Rest) {
    if (Name != "include")
      return true;
    std::string Word;
    for (char C : Rest) {
      if (std::isalnum(static_cast<unsigned char>(C))) {
        Word += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
        continue;
      }
      Found |= IsWord(std::string_view(Word));
      Word.clear();
    }
    Found |= IsWord(std::string_view(Word));
    return !Found;
  });
  return Found;
}

} // namespace source_kind_detail

/// The file includes a test framework or a test-support header (GoogleTest,
/// Catch2, doctest, Boost.Test, QtTest, a project's `unit_test.hpp`,
/// `test/unittest.h`, `test_utils/fixture.h`): it is test code.
inline bool includesTestSupport(std::string_view Source) {
  return source_kind_detail::includesWord(Source, source_kind_detail::isTestWord);
}

/// The file includes a benchmark library or a benchmark's own header (Google
/// Benchmark's `benchmark/benchmark.h`, folly's `Benchmark.h`, nanobench,
/// Celero, async_simple's `Lazy.bench.h`): the work it runs is the load it
/// measures.
inline bool includesBenchmarkSupport(std::string_view Source) {
  return source_kind_detail::includesWord(Source, source_kind_detail::isBenchmarkWord);
}

/// The file is a header: its first directive is `#pragma once`, or an
/// include guard (`#ifndef NAME` followed by `#define NAME`).
inline bool isHeaderSource(std::string_view Source) {
  bool Header = false;
  std::string Guard;
  source_kind_detail::forEachDirective(Source, [&](std::string_view Name, std::string_view Rest) {
    auto Word = [&] {
      size_t Begin = Rest.find_first_not_of(" \t");
      if (Begin == std::string_view::npos)
        return std::string_view();
      size_t End = Rest.find_first_of(" \t\r", Begin);
      return Rest.substr(Begin, End == std::string_view::npos ? End : End - Begin);
    };
    if (!Guard.empty()) {
      Header = Name == "define" && Word() == Guard;
      return false;
    }
    if (Name == "pragma") {
      Header = Word() == "once";
      return false;
    }
    if (Name == "ifndef" && !Word().empty()) {
      Guard = std::string(Word());
      return true;
    }
    return false;
  });
  return Header;
}

} // namespace corolint

#endif
