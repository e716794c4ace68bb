// A project's own test-support header (async_simple/test/unittest.h,
// asio's unit_test.hpp): including it makes a file test code.
#ifndef COROLINT_TEST_INPUTS_UNITTEST_H
#define COROLINT_TEST_INPUTS_UNITTEST_H

#define TEST(Suite, Name) void Suite##_##Name##_test()
#define EXPECT_EQ(a, b) ((void)((a) == (b)))

#endif
