//===--- ProfileData.h - what each coroutine library calls things --------===//
//
// A check's runtime knowledge is data: the `AsyncProfile` option picks one of
// these rows, and each column is the default of one check option. Plain C++
// (no Clang), so the fast engine reads the same table.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_PROFILEDATA_H
#define COROLINT_CHECKS_UTILS_PROFILEDATA_H

#include <string_view>

namespace corolint {

/// Option defaults of one coroutine library.
struct ProfileData {
  std::string_view Name; ///< the `AsyncProfile` value
  /// `BlockingFunctions`: `qualified::name=replacement;...` (see BlockingFunctions.h).
  std::string_view BlockingFunctions;
  /// `SleepFunctions`: the library's awaitable sleeps that take a std::chrono
  /// duration; the first is what a blocking sleep is rewritten to. Empty when
  /// the library has no free sleep function (then no fix-it is offered).
  std::string_view SleepFunctions;
};

// The thread-blocking sleeps are the same everywhere; only the awaitable to
// use instead differs per library.
#define COROLINT_BLOCKING_SLEEPS(SLEEP)                                                            \
  "::std::this_thread::sleep_for=" SLEEP ";"                                                       \
  "::std::this_thread::sleep_until=" SLEEP ";"                                                     \
  "::sleep=" SLEEP ";"                                                                             \
  "::usleep=" SLEEP ";"                                                                            \
  "::nanosleep=" SLEEP

inline constexpr ProfileData Profiles[] = {
    {"aio", COROLINT_BLOCKING_SLEEPS("aio::sleep"), "::aio::sleep"},
    {"cppcoro", COROLINT_BLOCKING_SLEEPS("cppcoro::io_service::schedule_after"), ""},
    {"libcoro", COROLINT_BLOCKING_SLEEPS("coro::io_scheduler::yield_for"), ""},
    {"folly", COROLINT_BLOCKING_SLEEPS("folly::coro::sleep"), "::folly::coro::sleep"},
    {"asio", COROLINT_BLOCKING_SLEEPS("asio::steady_timer::async_wait"), ""},
    {"async_simple", COROLINT_BLOCKING_SLEEPS("async_simple::coro::sleep"),
     "::async_simple::coro::sleep"},
    {"qcoro", COROLINT_BLOCKING_SLEEPS("QCoro::sleepFor"), ""},
    {"stdexec", COROLINT_BLOCKING_SLEEPS("exec::schedule_after"), ""},
};
#undef COROLINT_BLOCKING_SLEEPS

/// The row named \p Name, or nullptr.
constexpr const ProfileData *findProfile(std::string_view Name) {
  for (const ProfileData &Profile : Profiles)
    if (Profile.Name == Name)
      return &Profile;
  return nullptr;
}

inline constexpr const ProfileData &AioProfile = Profiles[0];

} // namespace corolint

#endif
