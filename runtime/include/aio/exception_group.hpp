// aio::exception_group (ExceptionGroup): several failures raised together by a task group.
// `except* E` becomes split<E>() / subgroup<E>().
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aio {

class exception_group : public std::exception {
 public:
  exception_group(std::string message, std::vector<std::exception_ptr> exceptions)
      : message_(std::move(message)), exceptions_(std::move(exceptions)) {
    what_ = message_ + " (" + std::to_string(exceptions_.size()) + " sub-exception" +
            (exceptions_.size() == 1 ? ")" : "s)");
  }

  const char* what() const noexcept override { return what_.c_str(); }
  const std::string& message() const noexcept { return message_; }
  const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

  // True when some sub-exception is an E (or derives from it).
  template <class E>
  bool contains() const {
    for (const auto& e : exceptions_)
      if (matches<E>(e)) return true;
    return false;
  }

  // The sub-exceptions that are E, as a group; nullopt when there are none.
  template <class E>
  std::optional<exception_group> subgroup() const {
    return split<E>().first;
  }

  // {the part that is E, the rest}; either side is nullopt when empty (as ExceptionGroup.split).
  template <class E>
  std::pair<std::optional<exception_group>, std::optional<exception_group>> split() const {
    std::vector<std::exception_ptr> match, rest;
    for (const auto& e : exceptions_) (matches<E>(e) ? match : rest).push_back(e);
    auto wrap = [&](std::vector<std::exception_ptr> v) -> std::optional<exception_group> {
      if (v.empty()) return std::nullopt;
      return exception_group(message_, std::move(v));
    };
    return {wrap(std::move(match)), wrap(std::move(rest))};
  }

  template <class E>
  static bool matches(const std::exception_ptr& e) {
    try {
      std::rethrow_exception(e);
    } catch (const E&) {
      return true;
    } catch (...) {
      return false;
    }
  }

 private:
  std::string message_;
  std::vector<std::exception_ptr> exceptions_;
  std::string what_;
};

}  // namespace aio
