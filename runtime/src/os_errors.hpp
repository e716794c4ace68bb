// errno -> the aio exception a Python programmer expects (ConnectionRefusedError, ...).
#pragma once

#include <cerrno>
#include <exception>
#include <string>

#include "aio/errors.hpp"

namespace aio::detail {

inline std::exception_ptr os_error_from(int error, const std::string& what) {
  switch (error) {
    case ECONNREFUSED: return std::make_exception_ptr(connection_refused_error(error, what));
    case ECONNRESET: return std::make_exception_ptr(connection_reset_error(error, what));
    case EPIPE: return std::make_exception_ptr(broken_pipe_error(error, what));
    case ECONNABORTED:
    case ETIMEDOUT:
    case EHOSTUNREACH:
    case ENETUNREACH: return std::make_exception_ptr(connection_error(error, what));
    default: return std::make_exception_ptr(os_error(error, what));
  }
}

[[noreturn]] inline void throw_os_error(int error, const std::string& what) {
  std::rethrow_exception(os_error_from(error, what));
}

}  // namespace aio::detail
