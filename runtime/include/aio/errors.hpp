// The runtime's exception types (asyncio's CancelledError, TimeoutError, InvalidStateError, ...).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <system_error>

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

// A context_var read with no value and no default (Python's LookupError).
class lookup_error : public std::out_of_range {
 public:
  using std::out_of_range::out_of_range;
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

// Waiting on an aio::barrier that was aborted, or reset while the task waited
// (asyncio.BrokenBarrierError, a RuntimeError).
class broken_barrier_error : public std::runtime_error {
 public:
  broken_barrier_error() : std::runtime_error("barrier aborted") {}
  using std::runtime_error::runtime_error;
};

// ---- I/O (Python's OSError family, asyncio.IncompleteReadError, LimitOverrunError) ----

// A failed system call: code() is the errno value.
class os_error : public std::system_error {
 public:
  os_error(int errno_value, const std::string& what) : std::system_error(errno_value, std::generic_category(), what) {}
};

class connection_error : public os_error {
 public:
  using os_error::os_error;
};

// ECONNREFUSED: nothing listens at the address.
class connection_refused_error : public connection_error {
 public:
  using connection_error::connection_error;
};

// ECONNRESET: the peer reset the connection.
class connection_reset_error : public connection_error {
 public:
  using connection_error::connection_error;
};

// EPIPE: writing to a connection the peer has closed.
class broken_pipe_error : public connection_error {
 public:
  using connection_error::connection_error;
};

// Name resolution failed (socket.gaierror): what() carries gai_strerror's text.
class resolve_error : public std::runtime_error {
 public:
  resolve_error(int gai_code, const std::string& what) : std::runtime_error(what), code_(gai_code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

// read_exactly/read_until met the end of the stream first; partial() holds what was read.
class incomplete_read_error : public std::runtime_error {
 public:
  incomplete_read_error(std::string partial, std::size_t expected)
      : std::runtime_error(std::to_string(partial.size()) + " bytes read on a total of " +
                           (expected ? std::to_string(expected) : std::string("undefined")) + " expected bytes"),
        partial_(std::move(partial)),
        expected_(expected) {}
  const std::string& partial() const noexcept { return partial_; }
  std::size_t expected() const noexcept { return expected_; }  // 0 when a delimiter was sought

 private:
  std::string partial_;
  std::size_t expected_;
};

// read_until/readline found no delimiter within the stream's limit; the data stays buffered.
class limit_overrun_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace aio
