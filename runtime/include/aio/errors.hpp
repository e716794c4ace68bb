// The runtime's exception types (asyncio's CancelledError, TimeoutError, InvalidStateError, ...).
#pragma once

#include <stdexcept>
#include <string>

namespace aio {

// Thrown at the suspension point of a cancelled task. Deliberately not a std::exception,
// as CancelledError is not an Exception since Python 3.8: `catch (const std::exception&)`
// must not swallow a cancellation.
class cancelled_error {
 public:
  cancelled_error() = default;
  explicit cancelled_error(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept { return message_.empty() ? "task was cancelled" : message_.c_str(); }

 private:
  std::string message_;
};

class runtime_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class timeout_error : public std::runtime_error {
 public:
  timeout_error() : std::runtime_error("timed out") {}
  using std::runtime_error::runtime_error;
};

class invalid_state_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class queue_empty : public std::runtime_error {
 public:
  queue_empty() : std::runtime_error("queue is empty") {}
};

class queue_full : public std::runtime_error {
 public:
  queue_full() : std::runtime_error("queue is full") {}
};

class queue_shut_down : public std::runtime_error {
 public:
  queue_shut_down() : std::runtime_error("queue is shut down") {}
};

}  // namespace aio
