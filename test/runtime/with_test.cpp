// aio::with (`async with`) and aio::async_context_manager (@asynccontextmanager): aexit runs on
// success, on exception and on cancellation, and its verdict suppresses or not.
#include <gtest/gtest.h>

#include <aio/aio.hpp>
#include <aio/testing.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Records what aexit saw; suppresses when told to.
struct recorder {
  std::vector<std::string>& log;
  bool suppress = false;
  aio::task<int> aenter() {
    co_await aio::sleep(0s);
    log.push_back("enter");
    co_return 1;
  }
  aio::task<bool> aexit(std::exception_ptr e) {
    co_await aio::sleep(0s);  // an aexit that awaits, even after a cancellation
    if (!e) {
      log.push_back("exit ok");
    } else {
      try {
        std::rethrow_exception(e);
      } catch (const aio::cancelled_error&) {
        log.push_back("exit cancelled");
      } catch (const std::exception& x) {
        log.push_back(std::string("exit ") + x.what());
      }
    }
    co_return suppress;
  }
};

aio::async_context_manager<std::string> resource(std::vector<std::string>& log, std::string name) {
  log.push_back("open " + name);
  co_await aio::sleep(0s);
  std::exception_ptr failure;
  try {
    co_yield name;
  } catch (...) {
    failure = std::current_exception();  // no co_await inside a handler
  }
  co_await aio::sleep(0s);  // cleanup that awaits
  log.push_back(failure ? "close " + name + " after error" : "close " + name);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

AIO_TEST(With, AexitRunsOnSuccess) {
  std::vector<std::string> log;
  recorder cm{log};
  int v = co_await aio::with(cm, [&](int entered) -> aio::task<int> {
    log.push_back("body");
    co_return entered + 1;
  });
  EXPECT_EQ(v, 2);
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "body", "exit ok"}));
}

AIO_TEST(With, AexitRunsOnExceptionAndTheExceptionPropagates) {
  std::vector<std::string> log;
  recorder cm{log};
  EXPECT_THROW(co_await aio::with(cm, [&](int) -> aio::task<> {
    throw std::runtime_error("boom");
    co_return;
  }), std::runtime_error);
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "exit boom"}));
}

AIO_TEST(With, AexitReturningTrueSuppressesTheException) {
  std::vector<std::string> log;
  recorder cm{log, true};
  int v = co_await aio::with(cm, [&](int) -> aio::task<int> {
    throw std::runtime_error("boom");
    co_return 5;
  });
  EXPECT_EQ(v, 0);  // no value from the body: a default-constructed one
  co_await aio::with(cm, [&](int) -> aio::task<> { co_return; });
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "exit boom", "enter", "exit ok"}));
}

AIO_TEST(With, AexitRunsOnCancellation) {
  aio::testing::virtual_time clock;
  std::vector<std::string> log;
  recorder cm{log};
  auto h_body = [&]() -> aio::task<> {
    co_await aio::with(cm, [&](int) -> aio::task<> { co_await aio::sleep(1h); });
    log.push_back("after with");  // never reached
  };
  auto h = aio::create_task(h_body());
  co_await aio::sleep(1ms);
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "exit cancelled"}));
}

AIO_TEST(With, AexitMaySuppressACancellation) {
  aio::testing::virtual_time clock;
  std::vector<std::string> log;
  recorder cm{log, true};
  auto h_body = [&]() -> aio::task<int> {
    co_await aio::with(cm, [&](int) -> aio::task<> { co_await aio::sleep(1h); });
    co_return 7;
  };
  auto h = aio::create_task(h_body());
  co_await aio::sleep(1ms);
  h.cancel();
  EXPECT_EQ(co_await h, 7);
  EXPECT_EQ(log, (std::vector<std::string>{"enter", "exit cancelled"}));
}

AIO_TEST(With, AenterFailureSkipsBodyAndAexit) {
  struct broken {
    std::vector<std::string>& log;
    aio::task<> aenter() {
      throw std::runtime_error("cannot enter");
      co_return;
    }
    aio::task<bool> aexit(std::exception_ptr) {
      log.push_back("exit");
      co_return false;
    }
  };
  std::vector<std::string> log;
  broken cm{log};
  EXPECT_THROW(co_await aio::with(cm, [&]() -> aio::task<> {
    log.push_back("body");
    co_return;
  }), std::runtime_error);
  EXPECT_TRUE(log.empty());
}

AIO_TEST(AsyncContextManager, EntersAndExitsAroundTheBody) {
  std::vector<std::string> log;
  auto n = co_await aio::with(resource(log, "db"), [&](std::string& name) -> aio::task<std::size_t> {
    log.push_back("use " + name);
    co_return name.size();
  });
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(log, (std::vector<std::string>{"open db", "use db", "close db"}));
}

AIO_TEST(AsyncContextManager, TheBodysExceptionIsThrownAtTheYieldAndPropagates) {
  std::vector<std::string> log;
  EXPECT_THROW(co_await aio::with(resource(log, "db"), [&](std::string&) -> aio::task<> {
    throw std::runtime_error("query failed");
    co_return;
  }), std::runtime_error);
  EXPECT_EQ(log, (std::vector<std::string>{"open db", "close db after error"}));
}

AIO_TEST(AsyncContextManager, CleanupRunsOnCancellation) {
  aio::testing::virtual_time clock;
  std::vector<std::string> log;
  auto h_body = [&]() -> aio::task<> {
    co_await aio::with(resource(log, "db"), [&](std::string&) -> aio::task<> { co_await aio::sleep(1h); });
  };
  auto h = aio::create_task(h_body());
  co_await aio::sleep(1ms);
  h.cancel();
  EXPECT_THROW(co_await h, aio::cancelled_error);
  EXPECT_EQ(log, (std::vector<std::string>{"open db", "close db after error"}));
}

AIO_TEST(AsyncContextManager, SwallowingTheExceptionSuppressesIt) {
  auto swallowing = []() -> aio::async_context_manager<> {
    try {
      co_yield {};
    } catch (const std::runtime_error&) {
    }
  };
  co_await aio::with(swallowing(), []() -> aio::task<> {
    throw std::runtime_error("ignored");
    co_return;
  });
  // A different exception replaces the body's.
  auto replacing = []() -> aio::async_context_manager<> {
    try {
      co_yield {};
    } catch (...) {
      throw std::logic_error("replaced");
    }
  };
  EXPECT_THROW(co_await aio::with(replacing(), []() -> aio::task<> {
    throw std::runtime_error("original");
    co_return;
  }), std::logic_error);
}

AIO_TEST(AsyncContextManager, RaiiCleanupRunsWithoutACatch) {
  std::vector<std::string> log;
  struct closer {
    std::vector<std::string>& log;
    ~closer() { log.push_back("closed"); }
  };
  auto managed = [](std::vector<std::string>& l) -> aio::async_context_manager<int> {
    closer c{l};
    int value = 3;
    co_yield value;
  };
  EXPECT_THROW(co_await aio::with(managed(log), [&](int& v) -> aio::task<> {
    log.push_back("got " + std::to_string(v));
    throw std::runtime_error("x");
    co_return;
  }), std::runtime_error);
  EXPECT_EQ(log, (std::vector<std::string>{"got 3", "closed"}));
  // Never entered: its body never started, so there is nothing to clean up.
  { auto unused = managed(log); }
  EXPECT_EQ(log.size(), 2u);
}

AIO_TEST(AsyncContextManager, MisuseIsReported) {
  auto no_yield = []() -> aio::async_context_manager<> { co_return; };
  EXPECT_THROW(co_await aio::with(no_yield(), []() -> aio::task<> { co_return; }), aio::runtime_error);
  auto twice = []() -> aio::async_context_manager<> {
    co_yield {};
    co_yield {};
  };
  EXPECT_THROW(co_await aio::with(twice(), []() -> aio::task<> { co_return; }), aio::runtime_error);
  auto fails_early = []() -> aio::async_context_manager<int> {
    throw std::runtime_error("setup failed");
    co_yield 1;
  };
  EXPECT_THROW(co_await aio::with(fails_early(), [](int&) -> aio::task<> { co_return; }), std::runtime_error);
}
