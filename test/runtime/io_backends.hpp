// AIO_IO_TEST(Suite, Name) { ... }: an AIO_TEST whose body runs on each loop backend
// (Suite.NameOnEpoll, Suite.NameOnIoUring), so both pass the same suite, and once more on
// io_uring with every optional feature turned off (Suite.NameOnIoUringFallback: no
// DEFER_TASKRUN, SINGLE_ISSUER, COOP_TASKRUN or registered ring, sockets by readiness polls),
// as on an older kernel.
#pragma once

#include <stdlib.h>

#include <aio/testing.hpp>

namespace aio::testing {
inline run_options backend_options(aio::backend b) {
  run_options options = test_run_options();
  options.backend = b;
  return options;
}

// Sets AIO_URING_DISABLE for the loops made in its lifetime.
struct uring_features_disabled {
  explicit uring_features_disabled(const char* features) { ::setenv("AIO_URING_DISABLE", features, 1); }
  ~uring_features_disabled() { ::unsetenv("AIO_URING_DISABLE"); }
};
}  // namespace aio::testing

#define AIO_IO_TEST(Suite, Name)                                                                        \
  static ::aio::task<> aio_io_test_body_##Suite##_##Name();                                             \
  TEST(Suite, Name##OnEpoll) {                                                                          \
    ::aio::run(aio_io_test_body_##Suite##_##Name(), ::aio::testing::backend_options(::aio::backend::epoll)); \
  }                                                                                                     \
  TEST(Suite, Name##OnIoUring) {                                                                        \
    ::aio::run(aio_io_test_body_##Suite##_##Name(),                                                     \
               ::aio::testing::backend_options(::aio::backend::io_uring));                              \
  }                                                                                                     \
  TEST(Suite, Name##OnIoUringFallback) {                                                                \
    ::aio::testing::uring_features_disabled all{"all"};                                                 \
    ::aio::run(aio_io_test_body_##Suite##_##Name(),                                                     \
               ::aio::testing::backend_options(::aio::backend::io_uring));                              \
  }                                                                                                     \
  static ::aio::task<> aio_io_test_body_##Suite##_##Name()
