// CPython Lib/test/test_asyncio/test_context.py translated: each task runs in a copy of its
// creator's context, so a value it sets is its own across suspensions.
//
// Skipped: nothing; the Python test uses decimal.localcontext() as its context variable, which
// is an aio::context_var here.
#include "conformance.hpp"

using namespace conformance;

AIO_TEST(DecimalContextTest, test_asyncio_task_decimal_context) {
  aio::testing::virtual_time clock;
  aio::context_var<int> precision("precision", 28);
  auto fractions = [&](int prec, int delay_ms) -> aio::task<int> {
    precision.set(prec);
    co_await aio::sleep(std::chrono::milliseconds(delay_ms));
    co_return precision.get();
  };
  auto r1 = aio::create_task(fractions(5, 100));
  auto r2 = aio::create_task(fractions(10, 50));
  auto [a, b] = co_await aio::gather(r1, r2);
  EXPECT_EQ(a, 5);
  EXPECT_EQ(b, 10);
  EXPECT_EQ(precision.get(), 28);  // the creator's value is untouched
}
