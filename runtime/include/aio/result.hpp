// aio::result<T>: a value or the exception that replaced it (gather with return_exceptions).
#pragma once

#include <exception>
#include <optional>
#include <utility>

#include "aio/errors.hpp"

namespace aio {

template <class T>
class result {
 public:
  result(T value) : value_(std::move(value)) {}
  result(std::exception_ptr error) : error_(std::move(error)) {}

  bool has_value() const noexcept { return !error_; }
  explicit operator bool() const noexcept { return has_value(); }
  // The value; rethrows the stored exception when there is none.
  T& value() & {
    if (error_) std::rethrow_exception(error_);
    return *value_;
  }
  const T& value() const& {
    if (error_) std::rethrow_exception(error_);
    return *value_;
  }
  T&& value() && {
    if (error_) std::rethrow_exception(error_);
    return std::move(*value_);
  }
  std::exception_ptr error() const noexcept { return error_; }

 private:
  std::optional<T> value_;
  std::exception_ptr error_;
};

template <>
class result<void> {
 public:
  result() noexcept = default;
  result(std::exception_ptr error) : error_(std::move(error)) {}

  bool has_value() const noexcept { return !error_; }
  explicit operator bool() const noexcept { return has_value(); }
  void value() const {
    if (error_) std::rethrow_exception(error_);
  }
  std::exception_ptr error() const noexcept { return error_; }

 private:
  std::exception_ptr error_;
};

}  // namespace aio
