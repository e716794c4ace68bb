//===--- TestMacros.h - test-framework assertions that expect a failure ---===//
//
// Plain C++ (no Clang), shared by both engines.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_TESTMACROS_H
#define COROLINT_CHECKS_UTILS_TESTMACROS_H

#include <string_view>

namespace corolint {

/// A test framework's assertion that runs its argument expecting it to
/// throw, abort or exit (GoogleTest's EXPECT_DEATH/ASSERT_THROW/EXPECT_EXIT,
/// Catch2's REQUIRE_THROWS, doctest's CHECK_THROWS_AS...): what it runs is
/// the behaviour under test, not code the program runs.
inline bool expectsFailure(std::string_view Macro) {
  if (Macro.empty() || Macro.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos)
    return false; // macros are spelt in capitals
  return Macro.find("DEATH") != std::string_view::npos ||
         Macro.find("THROW") != std::string_view::npos ||
         Macro.find("_EXIT") != std::string_view::npos;
}

} // namespace corolint

#endif
