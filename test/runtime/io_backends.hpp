// AIO_IO_TEST(Suite, Name) { ... }: an AIO_TEST whose body runs twice, once on each loop
// backend (Suite.NameOnEpoll, Suite.NameOnIoUring), so both pass the same suite.
#pragma once

#include <aio/testing.hpp>

namespace aio::testing {
inline run_options backend_options(aio::backend b) {
  run_options options = test_run_options();
  options.backend = b;
  return options;
}
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
  static ::aio::task<> aio_io_test_body_##Suite##_##Name()
