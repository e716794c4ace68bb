//===--- ExpectedFailures.h - an empty handler that loses nothing ---------===//
//
// An empty `catch (...) {}` around an await loses a failure, unless the code
// around it says the failure is expected or reported elsewhere: a comment in
// the handler saying why; a test assertion right after the try statement
// (the outcome is checked) or a failure assertion ending the try block (the
// throw is the point: `BOOST_FAIL("should have thrown")`); a throw right
// after (best-effort cleanup on an error path that rethrows the primary
// error); a test of the stop state right after (the failure of a wait is the
// stop signal, and the code looks at the signal itself). Both engines decide
// from the text of those statements. Plain C++.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_EXPECTEDFAILURES_H
#define COROLINT_CHECKS_UTILS_EXPECTEDFAILURES_H

#include <cctype>
#include <string_view>

namespace corolint {

/// The handler's text (its braces included) holds a comment with words in
/// it: the swallow is explained.
inline bool handlerExplains(std::string_view HandlerBody) {
  for (size_t At = HandlerBody.find('/'); At != std::string_view::npos;
       At = HandlerBody.find('/', At + 1)) {
    std::string_view Rest = HandlerBody.substr(At);
    if (Rest.substr(0, 2) != "//" && Rest.substr(0, 2) != "/*")
      continue;
    std::string_view Comment = Rest.substr(2, Rest.find(Rest[1] == '/' ? "\n" : "*/") - 2);
    for (char C : Comment)
      if (std::isalpha(static_cast<unsigned char>(C)))
        return true;
  }
  return false;
}

/// The first identifier of a statement's text ("EXPECT_EQ" of `EXPECT_EQ(a, b);`).
inline std::string_view firstWord(std::string_view Statement) {
  auto IsWord = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  size_t Begin = 0;
  while (Begin < Statement.size() && !IsWord(Statement[Begin]))
    ++Begin;
  size_t End = Begin;
  while (End < Statement.size() && (IsWord(Statement[End]) || Statement.substr(End, 2) == "::"))
    End += Statement.substr(End, 2) == "::" ? 2 : 1;
  std::string_view Word = Statement.substr(Begin, End - Begin);
  size_t Scope = Word.rfind("::");
  return Scope == std::string_view::npos ? Word : Word.substr(Scope + 2);
}

/// A test framework's assertion (GoogleTest, Boost.Test, Catch2/doctest,
/// QtTest and QCoro's coroutine versions of its macros, plain assert and the
/// `assert_*` helpers of test suites).
inline bool isTestAssertion(std::string_view Name) {
  for (std::string_view Prefix : {"EXPECT_", "ASSERT_", "BOOST_CHECK", "BOOST_REQUIRE", "BOOST_TEST",
                                  "BOOST_FAIL", "BOOST_ERROR", "REQUIRE", "CHECK", "QVERIFY",
                                  "QCOMPARE", "QFAIL", "QCORO_VERIFY", "QCORO_COMPARE", "QCORO_FAIL",
                                  "FAIL", "ADD_FAILURE", "assert_", "assert"})
    if (Name.substr(0, Prefix.size()) == Prefix)
      return true;
  return false;
}

/// \p Statement is an `if` that tests a stop or abort request
/// (`if (_as.abort_requested()) co_return;`, `if (token.stop_requested())`).
/// After `try { co_await cond.wait(); } catch (...) {}` that is how the code
/// sees the failure: waits fail when the wait is aborted (redpanda
/// cluster_recovery_backend.cc).
inline bool testsStopRequest(std::string_view Statement) {
  if (firstWord(Statement) != "if")
    return false;
  std::string_view Condition = Statement.substr(0, Statement.find(')'));
  for (std::string_view Request : {"abort_requested", "stop_requested", "cancellation_requested",
                                   "is_stopping", "is_aborted"})
    if (Condition.find(Request) != std::string_view::npos)
      return true;
  return false;
}

/// The statement after the try statement checks the outcome or rethrows.
inline bool reportsOutcome(std::string_view NextStatement) {
  std::string_view Word = firstWord(NextStatement);
  return isTestAssertion(Word) || Word == "throw" || Word == "rethrow_exception" ||
         testsStopRequest(NextStatement);
}

/// The try block's last statement asserts that it was not reached.
inline bool assertsThrown(std::string_view LastStatement) {
  std::string_view Word = firstWord(LastStatement);
  return Word.find("FAIL") != std::string_view::npos || Word == "ADD_FAILURE";
}

} // namespace corolint

#endif
